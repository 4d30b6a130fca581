trap 'echo "cleanup after error, status $?"' EXIT
unset u
echo "${u?gone}"
echo never
