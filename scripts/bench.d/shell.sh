# shell: osbox's shell running a script of loops, arithmetic, [ ], case,
# function calls and parameter expansion (bench.d/shell-workload, about
# 0.3 s in dash), against dash, BusyBox ash and bash in one hyperfine run;
# then the startup of `sh -c :` against dash's. The issue's targets: faster
# than BusyBox ash, within 1.3x of dash, startup within 0.2 ms of dash.
work=$ROOT/scripts/bench.d/shell-workload
# Until the applet answers to `sh`, it is `shell`.
if "$OSBOX" --list | grep -x sh >/dev/null; then # no -q: under pipefail, --list must not get SIGPIPE
	osh="$OSBOX sh"
else
	osh="$OSBOX shell"
fi
peers=("dash $work" "busybox sh $work" "bash --posix $work")
want=$(dash "$work")
got=$($osh "$work" 2>/dev/null </dev/null) || true
if [ "$got" = "$want" ]; then
	hf shell "$osh $work" "${peers[@]}"
	cpu_ratios shell
	hf shell-startup "$osh -c :" "dash -c :" "busybox sh -c :"
else
	# hf's ratios are to its first command: dash's stand in for osbox's.
	echo "  osbox's shell does not run the workload yet (prints '${got:0:40}', dash '$want'):"
	echo "  the peers alone, ratios to dash"
	hf shell "${peers[@]}"
	if $osh -c : 2>/dev/null </dev/null; then
		hf shell-startup "$osh -c :" "dash -c :" "busybox sh -c :"
	else
		echo "  osbox's shell cannot run \`-c :\` yet: the peers' startup alone"
		hf shell-startup "dash -c :" "busybox sh -c :"
	fi
fi
