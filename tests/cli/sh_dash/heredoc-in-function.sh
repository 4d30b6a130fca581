f() {
	cat <<END
in function: $1
END
}
f one
f two
