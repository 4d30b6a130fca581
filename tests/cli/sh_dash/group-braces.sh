{ echo a; echo b; } | tr ab AB
x=1
{ x=2; }
echo "x=$x"
{ echo one
echo two; }
