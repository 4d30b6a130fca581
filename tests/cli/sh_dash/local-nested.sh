x=top
a() { local x=a; b; echo "a sees $x"; }
b() { local x=b; echo "b sees $x"; x=changed; }
a
echo "top sees $x"
