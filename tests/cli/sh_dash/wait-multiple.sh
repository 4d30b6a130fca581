(sleep 0.1; exit 1) & a=$!
(exit 2) & b=$!
wait $b; echo "b: $?"
wait $a; echo "a: $?"
