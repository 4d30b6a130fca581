set -e
f() { echo in f; false; echo never; }
f
echo never
