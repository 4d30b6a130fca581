for i in 1 2; do
	for j in 1 2; do
		break 5
	done
done
echo "i=$i j=$j"
