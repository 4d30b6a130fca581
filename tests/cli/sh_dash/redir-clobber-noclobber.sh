d=$(mktemp -d)
echo one >"$d/f"
set -C
(echo two >"$d/f") 2>/dev/null
echo "status $?"
cat "$d/f"
echo three >|"$d/f"
cat "$d/f"
echo four >>"$d/f"
tail -n 1 "$d/f"
set +C
echo five >"$d/f"
cat "$d/f"
rm -rf "$d"
