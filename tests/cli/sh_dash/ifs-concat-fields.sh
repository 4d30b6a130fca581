v='1 2'
printf '<%s>' x${v}y; echo
printf '<%s>' ${v}${v}; echo
