list="1 2  3"
for x in $list; do printf '(%s)' "$x"; done
echo
for x in "$list"; do printf '(%s)' "$x"; done
echo
