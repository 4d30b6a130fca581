times >/dev/null
echo "times status $?"
