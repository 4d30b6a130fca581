# Shared by the benchmarks: hyperfine with JSON export, then ratios.
# hf NAME CMD1 CMD2...: runs hyperfine (warm cache) and prints each command's
# mean and its ratio to the first command (osbox), as "peer/osbox".
hf() {
	local name=$1
	shift
	local json=$BENCH_TMP/$name.json
	hyperfine -N --warmup 3 --min-runs ${HF_RUNS:-10} --export-json "$json" "$@" >/dev/null 2>&1 ||
		hyperfine --warmup 3 --min-runs ${HF_RUNS:-10} --export-json "$json" "$@" >/dev/null
	python3 - "$json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["mean"]
for x in r:
    print(f"  {x['mean']*1000:9.3f} ms ±{x['stddev']*1000:7.3f}  {x['mean']/base:6.2f}x osbox  {x['command']}")
PY
}

# cpu_ratios NAME: user+system time of each command of the last hf run NAME
# and its ratio to osbox's: steadier than wall time on a loaded machine.
cpu_ratios() {
	python3 - "$BENCH_TMP/$1.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
cpu = [x["user"] + x["system"] for x in r]
for x, c in zip(r, cpu):
    print(f"  cpu {c*1000:9.3f} ms           {c/cpu[0]:6.2f}x osbox  {x['command']}")
PY
}

# bench_tree KIND SIZE LABEL: makes the generated tree KIND-SIZE (mktree.py
# KIND) under $OSBOX_BENCH_TREES once, keeping it for later runs, says
# where it is, and leaves its path in $tree.
bench_tree() {
	tree=${OSBOX_BENCH_TREES:-${TMPDIR:-/tmp}/osbox-bench-trees}/$1-$2
	echo "  $3: $tree ($2 entries)"
	python3 "$ROOT/scripts/bench.d/mktree.py" "$1" "$tree" "$2"
}

# peak_rss CMD...: one run of CMD, its output discarded; leaves its peak
# resident set size in KB (/usr/bin/time -f %M) in $rss.
peak_rss() {
	/usr/bin/time -o "$BENCH_TMP/rss" -f %M "$@" >/dev/null 2>&1
	rss=$(tail -1 "$BENCH_TMP/rss")
}
