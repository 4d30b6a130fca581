v='a\ b'
printf '<%s>' $v; echo
