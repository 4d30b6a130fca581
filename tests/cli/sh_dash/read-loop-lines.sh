printf 'a 1\nb 2\nc 3\n' | while read -r name num; do
	echo "$num:$name"
done
