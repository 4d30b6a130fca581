set -- -a notopt -b
while getopts ab o; do echo "$o"; done
echo "status $? OPTIND $OPTIND"
