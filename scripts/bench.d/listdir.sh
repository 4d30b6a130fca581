# listdir: a directory of LISTDIR_BENCH_SIZE files (default 1,000,000;
# made once under $OSBOX_BENCH_TREES and kept) against ls, LC_ALL=C.
# Targets: -U no slower than ls -U; sorted within 1.3x of ls -U; peak RSS
# below half of ls's. Warm cache, output to a pipe.
bench_tree flat "${LISTDIR_BENCH_SIZE:-1000000}" directory
dir=$tree
export LC_ALL=C
echo "  -- listdir -U against ls -U"
hf listdir-U --output=pipe "$OSBOX listdir -U $dir" "ls -U $dir"
cpu_ratios listdir-U
echo "  -- listdir (sorted) against ls -U and ls"
hf listdir-sorted --output=pipe "$OSBOX listdir $dir" "ls -U $dir" "ls $dir"
cpu_ratios listdir-sorted
for cmd in "$OSBOX listdir -U" "$OSBOX listdir" "ls -U" "ls"; do
	peak_rss $cmd "$dir"
	printf '  %-22s peak RSS %8d KB\n' "${cmd##*/}" "$rss"
done
