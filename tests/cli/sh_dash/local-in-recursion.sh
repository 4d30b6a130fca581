depth() {
	local n=$1
	[ $n -eq 0 ] && return
	depth $((n - 1))
	printf '%s ' $n
}
depth 4
echo
