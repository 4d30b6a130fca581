outer() {
	inner() { echo "inner called"; }
	echo "outer called"
}
inner 2>/dev/null || echo "inner not yet defined"
outer
inner
