false
x=1
echo "assignment resets: $?"
false
y=$(exit 3)
echo "assignment from cmdsub: $?"
