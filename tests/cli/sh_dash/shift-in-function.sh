set -- outer
f() { shift; echo "f: $*"; }
f a b c
echo "main: $*"
