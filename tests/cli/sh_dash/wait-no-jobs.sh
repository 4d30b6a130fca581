wait
echo "nothing to wait for: $?"
