set -- 'a b'
printf '<%s>' "$@"; echo
printf '<%s>' $@; echo
printf '<%s>' "$*"; echo
printf '<%s>' $*; echo
