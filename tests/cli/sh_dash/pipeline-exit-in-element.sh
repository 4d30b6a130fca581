echo a | { exit 3; } | cat
echo "status $?"
exit 0 | true
echo "exit in a pipeline does not end the shell"
