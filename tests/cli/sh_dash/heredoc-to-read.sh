read -r a b <<END
first second third
END
echo "a=$a b=$b"
while read -r line; do echo "got: $line"; done <<END
x
y
END
