# walk: /usr and a generated tree of WALK_BENCH_SIZE entries (default
# 1,000,000; made once under $OSBOX_BENCH_TREES and kept) against bfs, GNU
# find and fd. Warm cache, output to a pipe (--output=pipe: GNU tools may
# notice /dev/null). Then syscalls per entry against bfs (strace -c -f) and
# peak RSS (/usr/bin/time).
bench_tree tree "${WALK_BENCH_SIZE:-1000000}" "generated tree"
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
		peak_rss $cmd "$dir"
		awk -v c="$calls" -v n="$n" -v r="$rss" -v cmd="${cmd##*/}" \
			'BEGIN { printf "  %-14s %8d syscalls  %.3f per entry  peak RSS %6d KB\n", cmd, c, c / n, r }'
	done
done
