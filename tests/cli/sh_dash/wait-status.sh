(exit 3) &
p=$!
wait $p
echo "status $?"
(exit 4) &
wait
echo "wait all: $?"
