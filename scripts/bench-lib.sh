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
