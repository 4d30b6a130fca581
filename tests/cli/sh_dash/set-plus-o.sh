set -e -u
set +o | grep -E 'errexit|nounset|noglob'
