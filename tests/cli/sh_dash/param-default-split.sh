unset u
printf '<%s>' ${u:-a b c}; echo
printf '<%s>' "${u:-a b c}"; echo
