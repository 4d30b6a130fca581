pre=ab
for w in abc abd xbc; do
	case $w in "$pre"*) echo "$w starts with $pre" ;; *) echo "$w does not" ;; esac
done
case ' ' in [[:space:]]) echo "space class" ;; esac
