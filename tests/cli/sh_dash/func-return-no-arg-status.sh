f() { (exit 8); return; }
f
echo $?
