IFS=,
v=',a,b,'
printf '<%s>' $v; echo
IFS=' '
v='  a b  '
printf '<%s>' $v; echo
