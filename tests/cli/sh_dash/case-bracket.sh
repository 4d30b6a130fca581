for c in a Z 5 - ! x; do
	case $c in
	[[:digit:]]) echo "$c digit" ;;
	[A-Z]) echo "$c upper" ;;
	[!a-z]) echo "$c not-lower" ;;
	[ab]) echo "$c a-or-b" ;;
	*) echo "$c other" ;;
	esac
done
