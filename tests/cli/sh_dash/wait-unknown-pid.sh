wait 999999 2>/dev/null
echo "status $?"
