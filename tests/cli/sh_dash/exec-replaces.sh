echo before
(exec echo "exec in subshell"; echo never)
exec echo "exec replaces the shell"
echo never
