i=0
while [ $i -lt 5 ]; do
	printf '%s ' $i
	i=$((i + 1))
done
echo
