x=$(true)
echo "[$x]"
printf '<%s>' $(true) "$(true)"; echo
