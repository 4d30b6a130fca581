set -e
(false) || echo "subshell in || exempt"
if (false); then :; fi
echo alive
