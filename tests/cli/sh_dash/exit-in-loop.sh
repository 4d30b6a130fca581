for i in 1 2 3; do
	[ $i = 2 ] && exit $i
	echo $i
done
