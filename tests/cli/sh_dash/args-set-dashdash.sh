set -- -x -e
echo "$1 $2 $#"
set --
echo $#
set -- a
set - b
echo "$1"
