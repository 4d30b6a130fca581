printf '%s\n' b a | sort
echo hi | { read -r x; echo "got $x"; }
f() { echo from function; }
f | tr a-z A-Z
