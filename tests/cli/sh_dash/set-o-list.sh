set -o errexit
case $- in *e*) echo errexit on ;; esac
set +o errexit
set -o nounset -o noglob
case $- in *u*f*|*f*u*) echo both on ;; esac
set +o nounset +o noglob
set -o | grep -E '^(errexit|nounset|noglob|noclobber|allexport|xtrace|verbose|noexec)[[:space:]]' | sed 's/[[:space:]]\{1,\}/ /'
