# Faults every applet must survive: stdout on a full device or closed,
# stdin closed, a closed pipe. Applet-specific faults live in APPLET.sh.
applets=$("$OSBOX_REAL" --list)
# A write error exits with the applet's usage-error status when that is
# its own (GNU env's 125, chmod's 1), else with 1.
wstatus() {
	"$LINKS/$1" --no-such-option >/dev/null 2>&1
	case $? in 125) echo 125 ;; *) echo 1 ;; esac
}

for a in $applets; do
	s=$(wstatus "$a")
	t "$a --help to a full device" "$s" '' "$a: write error: No space left on device" \
		sh -c '"$0" --help >/dev/full' "$LINKS/$a"
	t "$a --help with stdout closed" "$s" '' "$a: write error: Bad file descriptor" \
		sh -c '"$0" --help >&-' "$LINKS/$a"
	t "$a --version with stdin closed" 0 "$a (osbox) $("$OSBOX_REAL" --version | cut -d' ' -f2)" '' \
		sh -c '"$0" --version <&-' "$LINKS/$a"
	t "$a --help into a closed pipe" 0 '' '' sh -c '"$0" --help | true' "$LINKS/$a"
done
