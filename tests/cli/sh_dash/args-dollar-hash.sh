echo $#
set -- a b c
echo $#
shift
echo $#
set -- ''
echo $#
