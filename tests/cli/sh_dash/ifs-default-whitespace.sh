v='  a   b	c
d  '
printf '<%s>' $v; echo
