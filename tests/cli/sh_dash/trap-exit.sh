trap 'echo bye' EXIT
echo running
