cat </nonexistent/file
echo "status $?"
echo x >/nonexistent/dir/file
echo "status $?"
