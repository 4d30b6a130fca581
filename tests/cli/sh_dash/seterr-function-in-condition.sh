set -e
f() { false; echo "continues inside: e is ignored"; }
if f; then echo "f true"; fi
f || echo no
echo alive
