nosuch_p | cat
echo "status $?"
echo x | nosuch_q 2>/dev/null
echo "status $?"
