set -- -x -a
while getopts a o; do echo "opt=$o OPTARG=${OPTARG-unset}"; done
