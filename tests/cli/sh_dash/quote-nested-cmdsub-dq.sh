x="a b"
echo "$(printf '%s|' "$x" $x)"
echo "$(echo "$(echo "$x")")"
