echo before
( . /nonexistent/file.sh )
echo "status $?"
