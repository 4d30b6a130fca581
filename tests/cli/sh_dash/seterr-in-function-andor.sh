set -e
f() { false; return 0; }
f && echo "f as left of && (set -e ignored inside)"
g() { false; }
g || echo "g failed: $?"
echo alive
