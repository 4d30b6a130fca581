x=outer
(x=inner; echo "in: $x")
echo "out: $x"
