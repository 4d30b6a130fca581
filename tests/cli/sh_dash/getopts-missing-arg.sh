set -- -b
getopts b: o
echo "o=$o status=$?"
echo "OPTARG=${OPTARG-unset}"
