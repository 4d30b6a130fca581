x=set
echo "${x-$(echo side effect >&2)}"
echo "${x:+$(echo used)}"
unset y
echo "[${y+$(echo never >&2)}]"
