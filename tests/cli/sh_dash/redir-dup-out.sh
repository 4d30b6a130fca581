echo to-stderr >&2
echo to-stdout 2>&1
{ echo a; echo b >&2; } 2>&1 | tr ab AB
