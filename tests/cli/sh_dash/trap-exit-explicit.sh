trap 'echo "in trap"; exit 7' EXIT
exit 2
