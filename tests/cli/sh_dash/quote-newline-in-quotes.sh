echo "line1
line2"
v='a
b'
echo "$v"
