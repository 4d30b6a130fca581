set --
printf '<%s>' "$@"; echo "|"
printf '<%s>' $@; echo "|"
printf '<%s>' "$*"; echo "|"
printf '<%s>' $*; echo "|"
printf '<%s>' x"$@"y; echo "|"
