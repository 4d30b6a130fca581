set -- a 'b c' d
IFS=
echo "$*"
printf '<%s>' $*; echo
printf '<%s>' $@; echo
