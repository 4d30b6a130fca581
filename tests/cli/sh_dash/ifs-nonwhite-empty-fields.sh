IFS=:
v='a::b:'
printf '<%s>' $v; echo
v=':a'
printf '<%s>' $v; echo
v='::'
printf '<%s>' $v; echo
