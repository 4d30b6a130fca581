n=0
until [ $n -ge 2 ] && echo "cond at $n"; do
	n=$((n+1))
done
