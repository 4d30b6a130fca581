set -- -ab -cval -- -d
while getopts abc: o; do echo "$o ${OPTARG-}"; done
shift $((OPTIND - 1))
echo "rest: $*"
