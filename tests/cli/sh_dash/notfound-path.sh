/nonexistent/path/cmd
echo "status $?"
./nosuch_here
echo "status $?"
