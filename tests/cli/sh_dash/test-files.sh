d=$(mktemp -d)
echo x >"$d/f"; : >"$d/empty"; mkdir "$d/dir"; ln -s f "$d/link"
for op in -e -f -d -s -r -w -h -L; do
	for n in f empty dir link none; do
		test $op "$d/$n" && printf '%s %s: yes\n' "$op" "$n"
	done
done
rm -rf "$d"
