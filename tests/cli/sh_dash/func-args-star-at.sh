f() { printf '<%s>' "$@"; echo; printf '<%s>' "$*"; echo; }
f 'a b' c
f
IFS=-
f x y
