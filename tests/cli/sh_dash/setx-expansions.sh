v='a b'
set -x
echo $v "$v"
f() { echo in f; }
f arg
set +x
