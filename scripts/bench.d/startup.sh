# startup: the cost of starting an applet, against busybox and toybox.
hf startup "$OSBOX strerror 2" "busybox true" "toybox true"
size=$(strip -o "$BENCH_TMP/osbox.stripped" "$OSBOX" && stat -c %s "$BENCH_TMP/osbox.stripped")
echo "  stripped osbox: $size bytes"
