# walk: /usr and a generated tree of WALK_BENCH_SIZE entries (default
# 1,000,000; made once under $OSBOX_BENCH_TREES and kept) against bfs, GNU
# find and fd. Warm cache, output to a pipe (--output=pipe: GNU tools may
# notice /dev/null). Then syscalls per entry against bfs (strace -c -f) and
# peak RSS (/usr/bin/time).
size=${WALK_BENCH_SIZE:-1000000}
trees=${OSBOX_BENCH_TREES:-${TMPDIR:-/tmp}/osbox-bench-trees}
tree=$trees/tree-$size
echo "  generated tree: $tree ($size entries)"
python3 "$ROOT/scripts/bench.d/mktree.py" tree "$tree" "$size"
export LC_ALL=C
for dir in /usr "$tree"; do
	echo "  -- walk $dir"
	hf "walk-$(basename "$dir")" --output=pipe "$OSBOX walk $dir" "$OSBOX walk -j $(nproc) $dir" \
		"bfs $dir" "find $dir" "fdfind -uu . $dir"
	cpu_ratios "walk-$(basename "$dir")"
	n=$("$OSBOX" walk "$dir" | wc -l)
	for cmd in "$OSBOX walk" "bfs" "find" "fdfind -uu ."; do
		strace -c -f -o "$BENCH_TMP/strace" $cmd "$dir" >/dev/null 2>&1
		calls=$(awk '$NF == "total" { print $(NF-2) + 0 }' "$BENCH_TMP/strace")
		/usr/bin/time -o "$BENCH_TMP/rss" -f %M $cmd "$dir" >/dev/null 2>&1
		rss=$(tail -1 "$BENCH_TMP/rss")
		awk -v c="$calls" -v n="$n" -v r="$rss" -v cmd="${cmd##*/}" \
			'BEGIN { printf "  %-14s %8d syscalls  %.3f per entry  peak RSS %6d KB\n", cmd, c, c / n, r }'
	done
done
