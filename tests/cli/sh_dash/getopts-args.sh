getopts xy: o -y arg1 -x
echo "$o $OPTARG $OPTIND"
getopts xy: o -y arg1 -x
echo "$o $OPTIND"
