command shift 5 2>/dev/null
echo "command makes shift's error non-fatal: status $?"
