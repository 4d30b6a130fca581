set a b c
echo "$# $*"
set -- 
echo "$#"
set -e -- x y
echo "$# $*"
