v=1 :
echo "after colon: $v"
w=2 true
echo "after true: [${w-unset}]"
f() { echo "in f: $z"; }
z=3 f
echo "after f: [${z-unset}]"
