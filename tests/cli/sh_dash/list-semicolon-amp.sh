echo a; echo b
{ echo bg; } >/dev/null &
wait
echo c
