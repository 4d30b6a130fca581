set -- outer1 outer2
f() { echo "in: $# $1 $2"; set -- changed; echo "set: $1"; }
f a b
echo "out: $# $1 $2"
