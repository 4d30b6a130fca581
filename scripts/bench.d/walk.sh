# walk: /usr and a generated tree of WALK_BENCH_SIZE entries (default
# 1,000,000; made once under $OSBOX_BENCH_TREES and kept) against bfs 4.1
# (built from source, see below), Debian's bfs, GNU find and fd. Output to
# a pipe (--output=pipe: GNU tools may notice /dev/null).
#   warm:  the page cache holds the tree (hyperfine's warm-up runs);
#   cold:  the page cache dropped before each run (root only), /usr;
#   busy:  warm, with one CPU-bound loop per core running;
#   stat:  an output that needs each entry's status (walk --printf '%s %p\n'
#          against bfs and find -printf), warm and cold; skipped while
#          walk has no --printf;
# then syscalls per entry (strace -c -f) and peak RSS (/usr/bin/time).
# The cold, busy and stat cases run WALK_ROUNDS rounds (default 5), every
# command once a round, and print medians.
#
# bfs 4.1: Debian 12 ships bfs 2.6; 4.1 (threads, io_uring) is built from
# a source tarball: $BFS41_SRC, or bfs-4.1*.tar.gz in a directory of peers'
# sources beside the repository (../shared/peers), once, into
# $OSBOX_BENCH_TREES/bfs-4.1 (its build needs liburing, libacl, libcap and
# oniguruma's -dev packages).
trees=${OSBOX_BENCH_TREES:-${TMPDIR:-/tmp}/osbox-bench-trees}
rounds=${WALK_ROUNDS:-5}
drop='sync; echo 3 > /proc/sys/vm/drop_caches'
export LC_ALL=C

bfs41_build() {
	local out=$trees/bfs-4.1
	bfs41=$out/bin/bfs
	[ -x "$bfs41" ] && return 0
	local src=${BFS41_SRC:-}
	if [ -z "$src" ]; then
		src=$(ls "$ROOT"/../shared/peers/bfs-4.1*.tar.gz 2>/dev/null | tail -1)
	fi
	if [ -z "$src" ] || [ ! -f "$src" ]; then
		echo "  (no bfs 4.1: set BFS41_SRC to a bfs-4.1 source tarball to compare with it)"
		bfs41=
		return 1
	fi
	echo "  building bfs 4.1 from $(basename "$src") into $out"
	"$ROOT/scripts/deps" liburing-dev libacl1-dev libcap-dev libonig-dev
	rm -rf "$out" && mkdir -p "$out"
	tar -xzf "$src" -C "$out" --strip-components=1
	# Debian 12's liburing 2.3 lacks io_uring_enable_rings(): the system
	# call it makes, written out
	sed -i 's/io_uring_enable_rings(\([^)]*\))/syscall(__NR_io_uring_register, (\1)->ring_fd, IORING_REGISTER_ENABLE_RINGS, NULL, 0)/' \
		"$out/src/ioq.c"
	if ! (cd "$out" && ./configure --enable-release && make -j"$(nproc)") >"$out.log" 2>&1; then
		echo "  (bfs 4.1 did not build: see $out.log)"
		bfs41=
		return 1
	fi
}
bfs41_build || true

bench_tree tree "${WALK_BENCH_SIZE:-1000000}" "generated tree"
for dir in /usr "$tree"; do
	b=$(basename "$dir")
	cmds=("$OSBOX walk $dir" "$OSBOX walk -j $(nproc) $dir")
	[ -n "$bfs41" ] && cmds+=("$bfs41 $dir")
	cmds+=("bfs $dir" "find $dir" "fdfind -uu . $dir")
	echo "  -- warm: walk $dir"
	hf "walk-$b" --output=pipe "${cmds[@]}"
	cpu_ratios "walk-$b"
	n=$("$OSBOX" walk "$dir" | wc -l)
	peers=("$OSBOX walk")
	[ -n "$bfs41" ] && peers+=("$bfs41")
	peers+=("bfs" "find" "fdfind -uu .")
	for cmd in "${peers[@]}"; do
		strace -c -f -o "$BENCH_TMP/strace" $cmd "$dir" >/dev/null 2>&1
		calls=$(awk '$NF == "total" { print $(NF-2) + 0 }' "$BENCH_TMP/strace")
		peak_rss $cmd "$dir"
		label=${cmd##*/}
		[ "$cmd" = "$bfs41" ] && label="bfs 4.1"
		awk -v c="$calls" -v n="$n" -v r="$rss" -v cmd="$label" \
			'BEGIN { printf "  %-14s %8d syscalls  %.3f per entry  peak RSS %6d KB\n", cmd, c, c / n, r }'
	done
done

usr=("$OSBOX walk /usr" "$OSBOX walk -j 4 /usr")
[ -n "$bfs41" ] && usr+=("$bfs41 /usr")
usr+=("bfs /usr" "find /usr" "fdfind -uu . /usr")
if [ "$(id -u)" -eq 0 ] && sh -c "$drop" 2>/dev/null; then
	echo "  -- cold: walk /usr, the page cache dropped before each run ($rounds rounds)"
	hf_rounds walk-cold "$rounds" "$drop" "${usr[@]}"
	# the syscalls of a cold walk (strace slows every call, so the
	# walk's threads start whether the cache is cold or not)
	n=$("$OSBOX" walk /usr | wc -l)
	cold=("$OSBOX walk")
	[ -n "$bfs41" ] && cold+=("$bfs41")
	for cmd in "${cold[@]}"; do
		sh -c "$drop"
		strace -c -f -o "$BENCH_TMP/strace" $cmd /usr >/dev/null 2>&1
		calls=$(awk '$NF == "total" { print $(NF-2) + 0 }' "$BENCH_TMP/strace")
		awk -v c="$calls" -v n="$n" -v cmd="${cmd##*/} (cold)" \
			'BEGIN { printf "  %-14s %8d syscalls  %.3f per entry\n", cmd, c, c / n }'
	done
else
	echo "  -- cold: skipped (dropping the page cache needs root)"
fi

echo "  -- busy: walk /usr warm, $(nproc) CPU-bound loops running ($rounds rounds)"
burners "$(nproc)"
trap 'burners_stop; rm -rf "$BENCH_TMP"' EXIT
hf_rounds walk-busy "$rounds" "" "${usr[@]}"
burners_stop
trap 'rm -rf "$BENCH_TMP"' EXIT

if "$OSBOX" walk --printf '%s %p\n' /dev/null >/dev/null 2>&1; then
	st=("$OSBOX walk --printf '%s %p\\n' /usr")
	[ -n "$bfs41" ] && st+=("$bfs41 /usr -printf '%s %p\\n'")
	st+=("bfs /usr -printf '%s %p\\n'" "find /usr -printf '%s %p\\n'")
	echo "  -- stat: walk --printf '%s %p\\n' /usr, warm ($rounds rounds)"
	hf_rounds walk-stat "$rounds" "" "${st[@]}"
	if [ "$(id -u)" -eq 0 ]; then
		echo "  -- stat: the same, cold ($rounds rounds)"
		hf_rounds walk-stat-cold "$rounds" "$drop" "${st[@]}"
	fi
else
	echo "  -- stat: skipped (this walk has no --printf; the case runs walk --printf '%s %p\\n')"
fi
