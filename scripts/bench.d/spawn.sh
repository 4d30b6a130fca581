# spawn -j: the job runner's overhead against xargs -P at the same
# parallelism (2), on 10,000 jobs that do nothing (`true`), so that what is
# measured is the cost of starting, watching and reaping a job.
# - direct: `true N` has no shell syntax, so the runner spawns /usr/bin/true
#   itself; `xargs -n 1 true` forks and execs true the same way, with the
#   same argument from seq. Same work per job: one exec of `true N` (with
#   an argument, coreutils' true also sets its locale up, which costs
#   about half its time: both sides pay it).
# - shell: lines the runner must give to /bin/sh (`true;`), against xargs
#   running `sh -c LINE` for each line. Same work per job: sh, then its
#   builtin.
# The runner also captures every job's output through pipes (xargs lets the
# jobs write straight to its stdout), so it does strictly more per job.
n=${SPAWN_JOBS:-10000}
seq "$n" >"$BENCH_TMP/seq"
seq "$n" | sed "s/.*/true &/" >"$BENCH_TMP/true.txt"
seq "$n" | sed "s/.*/true;/" >"$BENCH_TMP/sh.txt"
hf spawn-direct "$OSBOX spawn -j 2 -f $BENCH_TMP/true.txt" \
	"xargs -P 2 -n 1 -a $BENCH_TMP/seq true"
hf spawn-shell "$OSBOX spawn -j 2 -f $BENCH_TMP/sh.txt" \
	"xargs -P 2 -I{} -a $BENCH_TMP/sh.txt sh -c {}"
# Argument mode (`seq N | spawn -j 2 true`: COMMAND once per item, the item
# as its argument; -a FILE streams the items the same way stdin does)
# against xargs -P 2 -n 1 and GNU parallel -j 2, which do the same.
hf spawn-args "$OSBOX spawn -j 2 -a $BENCH_TMP/seq true" \
	"xargs -P 2 -n 1 -a $BENCH_TMP/seq true"
cpu_ratios spawn-args
# GNU parallel takes milliseconds a job (perl, and sleeps between polls):
# one run each, back to back, wall and CPU time (children included).
par=
if par=$("$ROOT/scripts/peer-parallel" 2>/dev/null); then
	once() {
		/usr/bin/time -f "%e %U %S" -o "$BENCH_TMP/once" "$@" >/dev/null 2>&1
		cat "$BENCH_TMP/once"
	}
	t_osbox=$(once "$OSBOX" spawn -j 2 -a "$BENCH_TMP/seq" true)
	t_par=$(once perl "$par" --will-cite -j 2 -a "$BENCH_TMP/seq" true)
	awk -v a="$t_osbox" -v b="$t_par" 'BEGIN {
		split(a, x, " "); split(b, y, " ")
		printf "  %9.3f s wall %7.3f s cpu  1.00x osbox  spawn -j 2 -a seq true\n", x[1], x[2] + x[3]
		printf "  %9.3f s wall %7.3f s cpu  %5.2fx osbox  parallel -j 2 -a seq true\n", y[1], y[2] + y[3], y[1] / x[1]
		printf "  osbox/parallel: %.3f (goal: at most 0.15)\n", x[1] / y[1]
	}'
else
	par=
	echo "  (GNU parallel not available: scripts/peer-parallel failed)"
fi
# --pipe: about 100 MB of lines cut into 1 MiB blocks, each the stdin of
# a `wc -l`, 2 at once, against GNU parallel --pipe doing the same (it
# reads the blocks in perl and writes each into the job's pipe; spawn
# copies each into a memory file once).
if [ -n "$par" ]; then
	seq 14000000 >"$BENCH_TMP/lines"
	# (through sh, for the redirection: hyperfine -N runs no shell)
	HF_RUNS=5 hf spawn-pipe "sh -c 'exec $OSBOX spawn -j 2 --pipe wc -l <$BENCH_TMP/lines'" \
		"sh -c 'exec perl $par --will-cite -j 2 --pipe wc -l <$BENCH_TMP/lines'"
	cpu_ratios spawn-pipe
	rm -f "$BENCH_TMP/lines"
fi
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
	own "$OSBOX" spawn -j 2 -a "$BENCH_TMP/seq" true
	own "$OSBOX" spawn -j 2 -f "$BENCH_TMP/sh.txt"
	own xargs -P 2 -I{} -a "$BENCH_TMP/sh.txt" sh -c {}
else
	echo "  (perf not available: no per-job overhead figures)"
fi
