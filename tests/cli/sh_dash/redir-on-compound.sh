d=$(mktemp -d)
for i in 1 2; do echo $i; done >"$d/for"
if true; then echo if; fi >"$d/if"
while read -r l; do echo "w:$l"; done <"$d/for"
case x in x) echo case ;; esac >"$d/case"
(echo sub) >"$d/sub"
cat "$d/if" "$d/case" "$d/sub"
rm -rf "$d"
