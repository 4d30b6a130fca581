f() {
	echo in f
	if
}
echo never
