x=$(trap 'echo trapped' EXIT; echo inner)
echo "[$x]"
