f() { echo $#; }
f
f ''
f a b c
f "$@"
set -- x y
f "$@"
f "$*"
