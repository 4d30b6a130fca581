d=$(mktemp -d)
cat <<END >"$d/f"
into a file
END
cat "$d/f"
rm -rf "$d"
