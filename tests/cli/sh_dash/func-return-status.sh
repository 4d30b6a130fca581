f() { return 3; echo never; }
f
echo $?
g() { false; return; }
g
echo $?
h() { (exit 6); }
h
echo $?
