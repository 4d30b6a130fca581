# XCU 2.5.3 "Shell Variables": LINENO is set by the shell to the current
# line number of the script before each command. dash 0.5.12 (Debian's
# build) leaves it empty; the expected output, beside this script, is
# POSIX's. (Inside a function the number is left out: POSIX's "within a
# script or function" is read differently by shells.)
echo "line $LINENO"
if true; then
	echo "line $LINENO"
fi
x='a
b'
echo "line $LINENO"
