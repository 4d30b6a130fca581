echo before
exec 3</nonexistent/file
echo "never: a redirection error on exec ends the shell"
