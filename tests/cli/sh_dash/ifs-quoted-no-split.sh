IFS=:
v='a:b'
printf '<%s>' "$v" "x$v"; echo
printf '<%s>' a:b; echo
