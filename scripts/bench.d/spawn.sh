# spawn -j: the job runner's overhead against xargs -P at the same
# parallelism (2), on 10,000 jobs that do nothing (`true`), so that what is
# measured is the cost of starting, watching and reaping a job.
# - direct: `true` has no shell syntax, so the runner spawns /usr/bin/true
#   itself; `xargs -n 1 true` forks and execs true the same way (with one
#   argument from seq, which true ignores). Same work per job: one exec.
# - shell: lines the runner must give to /bin/sh (`true;`), against xargs
#   running `sh -c LINE` for each line. Same work per job: sh, then its
#   builtin.
# The runner also captures every job's output through pipes (xargs lets the
# jobs write straight to its stdout), so it does strictly more per job.
n=${SPAWN_JOBS:-10000}
seq "$n" >"$BENCH_TMP/seq"
seq "$n" | sed "s/.*/true/" >"$BENCH_TMP/true.txt"
seq "$n" | sed "s/.*/true;/" >"$BENCH_TMP/sh.txt"
hf spawn-direct "$OSBOX spawn -j 2 -f $BENCH_TMP/true.txt" \
	"xargs -P 2 -n 1 -a $BENCH_TMP/seq true"
hf spawn-shell "$OSBOX spawn -j 2 -f $BENCH_TMP/sh.txt" \
	"xargs -P 2 -I{} -a $BENCH_TMP/sh.txt sh -c {}"
# The runner's own overhead: CPU time of the runner process alone (not of
# its children), per job, from perf stat --no-inherit when perf is here.
if command -v perf >/dev/null && perf stat --no-inherit -e task-clock true >/dev/null 2>&1; then
	own() {
		local ms
		ms=$(perf stat --no-inherit -x, -e task-clock "$@" 2>&1 >/dev/null | tail -1 | cut -d, -f1)
		awk -v ms="$ms" -v n="$n" -v c="$*" 'BEGIN { printf "  %7.1f us/job own CPU  %s\n", ms * 1000 / n, c }'
	}
	own "$OSBOX" spawn -j 2 -f "$BENCH_TMP/true.txt"
	own xargs -P 2 -n 1 -a "$BENCH_TMP/seq" true
	own "$OSBOX" spawn -j 2 -f "$BENCH_TMP/sh.txt"
	own xargs -P 2 -I{} -a "$BENCH_TMP/sh.txt" sh -c {}
else
	echo "  (perf not available: no per-job overhead figures)"
fi
