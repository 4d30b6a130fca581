set -- -a -b val -c file
while getopts ab:c opt; do
	case $opt in
	a) echo "a" ;;
	b) echo "b=$OPTARG" ;;
	c) echo "c" ;;
	esac
done
echo "OPTIND=$OPTIND"
shift $((OPTIND - 1))
echo "rest: $*"
