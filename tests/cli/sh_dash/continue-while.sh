i=0
while [ $i -lt 5 ]; do
	i=$((i+1))
	case $i in 2|4) continue ;; esac
	echo $i
done
