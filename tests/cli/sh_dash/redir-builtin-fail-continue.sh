# echo is a regular builtin: its redirection error is reported and the
# script goes on; on `:`, a special builtin, it ends the shell (XCU 2.8.1).
echo x >/nonexistent/a/b
echo "after builtin redirect error: $?"
: </nonexistent
echo "colon: $?"
