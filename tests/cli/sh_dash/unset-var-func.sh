v=1
f() { echo func; }
unset v
echo "[${v-unset}]"
unset -f f
f 2>/dev/null || echo "function gone"
unset -v nosuch
echo "unset of nothing: $?"
