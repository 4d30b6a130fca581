type echo
type export
type while
f() { :; }
type f
type nosuch_t
echo "status $?"
p=$(type cat)
case $p in "cat is /"*) echo "cat is a path" ;; *) echo "$p" ;; esac
