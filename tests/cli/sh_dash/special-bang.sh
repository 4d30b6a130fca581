echo "[${!-none}]"
true &
p=$!
[ "$p" -gt 0 ] && echo "got a pid"
wait "$p"
echo "wait status $?"
(exit 3) &
wait $!
echo "wait status $?"
