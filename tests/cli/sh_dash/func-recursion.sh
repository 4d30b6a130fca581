fact() {
	if [ $1 -le 1 ]; then echo 1; return; fi
	echo $(( $1 * $(fact $(($1 - 1))) ))
}
fact 6
fib() { [ $1 -lt 2 ] && { r=$1; return; }; fib $(($1-1)); local_a=$r; fib $(($1-2)); r=$((local_a + r)); }
count() { [ $1 -eq 0 ] && return; printf '%s ' $1; count $(($1 - 1)); }
count 5
echo
