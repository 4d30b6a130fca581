f() {
	local OPTIND o
	while getopts n: o; do echo "f: $o=$OPTARG"; done
}
f -n 1
f -n 2
