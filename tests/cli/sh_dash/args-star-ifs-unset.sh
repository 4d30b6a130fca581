set -- a 'b c' d
unset IFS
echo "$*"
printf '<%s>' $*; echo
