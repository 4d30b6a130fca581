cd /nonexistent/dir
echo "cd failed: $?"
read x </dev/null
echo "read at EOF: $?"
umask 999
echo "umask bad: $?"
