x="a b"
printf '<%s>' "${x+"$x"}" ${x+"$x"} ${x+$x}; echo
unset u
printf '<%s>' "${u-\}}" "${u-a\}b}"; echo
