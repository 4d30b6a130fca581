f() { trap 'echo "exit from trap set in f"' EXIT; }
f
echo main
