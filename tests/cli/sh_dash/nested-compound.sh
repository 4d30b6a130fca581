i=0
while [ $i -lt 3 ]; do
	case $i in
	1) if [ -n x ]; then echo "one via if"; fi ;;
	*) for j in a; do echo "$i$j"; done ;;
	esac
	i=$((i+1))
done
