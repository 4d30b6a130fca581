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

# hf_rounds NAME ROUNDS PREPARE CMD1 CMD2...: ROUNDS hyperfine runs of all
# the commands, each run once a round (so that the commands take turns
# and a burst of load on a shared machine falls on all of them), PREPARE
# before each run (e.g. dropping the page cache; "" for none). Prints each
# command's median over the rounds, its min and max, and the ratio of the
# medians to the first command's (osbox), as "peer/osbox".
hf_rounds() {
	local name=$1 rounds=$2 prep=$3
	shift 3
	local r args=()
	[ -n "$prep" ] && args=(--prepare "$prep")
	for ((r = 1; r <= rounds; r++)); do
		hyperfine -N --runs 1 --output=pipe "${args[@]}" --export-json "$BENCH_TMP/$name.$r.json" "$@" \
			>/dev/null 2>&1 ||
			hyperfine --runs 1 --output=pipe "${args[@]}" --export-json "$BENCH_TMP/$name.$r.json" "$@" >/dev/null
	done
	python3 - "$BENCH_TMP/$name" "$rounds" <<'PY'
import json, statistics, sys
stem, rounds = sys.argv[1], int(sys.argv[2])
runs = [json.load(open(f"{stem}.{r}.json"))["results"] for r in range(1, rounds + 1)]
med = []
for i, x in enumerate(runs[0]):
    t = [rr[i]["times"][0] for rr in runs]
    cpu = [rr[i]["user"] + rr[i]["system"] for rr in runs]
    med.append((statistics.median(t), min(t), max(t), statistics.median(cpu), x["command"]))
base = med[0][0]
for m, lo, hi, cpu, cmd in med:
    print(f"  {m*1000:9.1f} ms [{lo*1000:7.1f} .. {hi*1000:7.1f}]  cpu {cpu*1000:7.1f}  {m/base:5.2f}x osbox  {cmd}")
PY
}

# burners N: starts N busy loops (a loaded machine), their PIDs in $burner_pids.
burners() {
	burner_pids=()
	local i
	for ((i = 0; i < $1; i++)); do
		sh -c 'while :; do :; done' &
		burner_pids+=($!)
	done
}

# burners_stop: ends the loops burners started.
burners_stop() {
	local p
	for p in "${burner_pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${burner_pids[@]}"; do wait "$p" 2>/dev/null || true; done
	burner_pids=()
}
