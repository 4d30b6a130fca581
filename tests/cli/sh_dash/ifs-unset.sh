unset IFS
v='a:b c'
printf '<%s>' $v; echo
