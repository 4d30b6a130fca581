# spawn -j N COMMAND [ARG]...: argument mode, against GNU parallel as the
# peer (scripts/peer-parallel fetches it privately: the package conflicts
# with moreutils' parallel). parallel runs its command through a shell;
# -q makes it quote the command's words, which is what argument mode does
# without one, so the peer runs with -q (without it for -c). Order is
# made deterministic with -k, or with FIFOs, never with sleep.
export PARALLEL_HOME="$T/.parallel"
par=
par_status=0
par=$("$SRC/scripts/peer-parallel" 2>"$W/peer.err") || par_status=$?
if [ "$par_status" = 2 ]; then
	# apt unreachable (not root, no network): said aloud, not failed
	skip "differential cases against GNU parallel" "$(cat "$W/peer.err")"
	par=
elif [ "$par_status" != 0 ]; then
	_fail "GNU parallel could be fetched with apt but not unpacked" "$(cat "$W/peer.err")"
	par=
fi
peer() { perl "$par" --will-cite "$@"; }

ncases=0 nextra=0
# Under valgrind, only every third differential case runs.
nth=0
sample() {
	nth=$((nth + 1))
	! $VALGRIND || [ $((nth % 3)) = 1 ]
}

# d DESC INPUT [OPTIONS] ARGS...: spawn -j 3 -k ARGS and parallel -q -j 3
# -k ARGS, both reading the file INPUT, write the same bytes and agree on
# success. parallel spends most of its time asleep between polls: it runs
# in the background, a few cases at once, and d_check compares.
d() {
	local desc=$1 input=$2
	shift 2
	[ -n "$par" ] || return 0
	sample || return 0
	ncases=$((ncases + 1))
	printf '%s\n' "$desc" >"$W/c$ncases.desc"
	{
		peer -q -j 3 -k "$@" <"$input" >"$W/c$ncases.peer" 2>"$W/c$ncases.peererr"
		echo $? >"$W/c$ncases.peerst"
	} &
	osbox spawn -j 3 -k "$@" <"$input" >"$W/c$ncases.ours" 2>"$W/c$ncases.err"
	echo $? >"$W/c$ncases.st"
	[ $((ncases % 8)) = 0 ] && wait
	return 0
}
checked=0
d_check() {
	wait
	while [ "$checked" -lt "$ncases" ]; do
		checked=$((checked + 1))
		local c=$W/c$checked desc pst st
		desc=$(cat "$c.desc") pst=$(cat "$c.peerst") st=$(cat "$c.st")
		if { [ "$pst" = 0 ] && [ "$st" != 0 ]; } || { [ "$pst" != 0 ] && [ "$st" = 0 ]; }; then
			_fail "$desc: status $st, parallel's $pst" "$(cat "$c.err")"
			continue
		fi
		same "$desc: as GNU parallel" "$c.peer" "$c.ours"
	done
}
: >"$T/empty"

# Every placeholder, on names that try each rule: dots in the directory,
# no extension, a dot file, trailing slashes, only slashes, the empty name.
# with_names COMMAND...: runs COMMAND with the names appended.
with_names() {
	"$@" /a/b.c/d.e.f x.y / // a//b a/ '' .. . a/.b ./x x/./y 'a b.c' a.b/ x.tar.gz /a/b/ \
		.bashrc a. a..b dir.d/ dir.d/x /x
}
with_names d "every placeholder in one command" "$T/empty" printf '%s|%s|%s|%s|%s|%s\n' \
	{} {.} {/} {//} {/.} {#} :::
# --plus's placeholders on the same names, and on more dots: its forms
# are Perl substitutions in parallel, with rules of their own for slashes.
with_names d "--plus: every file name placeholder" "$T/empty" --plus printf '%s|' '<{}>' \
	{..} {...} {/..} {/...} {+/} {+.} {+..} {+...} '\n' ::: a.b.c.d .a.b .a.b.c ...x a/b. \
	a.b./c x.y.z/w.v
d "--plus: {N..} {N+.} {N/...} {N+/} of several groups" "$T/empty" --plus printf '<%s>' \
	{1..} {2+.} {1/...} {2+/} {2+..} '\n' ::: a.b.c x/y.z.w.v ::: p/q.r ''
seq 12 >"$T/seq12"
d "--plus: {##} and {0#} on stdin (counted first)" "$T/seq12" --plus echo '{##}-{0#}' {}
d "--plus: {0%} at -j 1, {##} twice in a word" "$T/empty" -j 1 --plus echo '{0%}{##}x{##}' \
	::: $(seq 10)
d "--plus: {##} in --tagstring" "$T/seq12" --plus --tagstring '{0#}/{##}' echo
d "--plus: a --header name takes no --plus form" "$T/empty" --plus --header : \
	printf '<%s>' '{f..}' '{f+.}' '{1..}' '\n' ::: f a.b.c
d "without --plus: {..} {+.} {##} are plain text, {0#} is {#}" "$T/empty" printf '<%s>' {..} {+.} '{##}' \
	'{0#}' ::: a.b.c
d "placeholders inside words" "$T/empty" printf '%s %s %s\n' '{.}.png' 'out-{#}.txt' \
	'<{/}:{//}>' ::: a/b.jpg c.d/e 'sp ace.tif'
d "a placeholder twice in a word" "$T/empty" printf '%s\n' '{}-{}' ::: a b
d "no placeholder: the item appended" "$T/empty" printf '<%s>\n' ::: a 'b c'
d "{#} alone: nothing appended" "$T/empty" printf '<%s>\n' 'n{#}' ::: a b c
d "not placeholders: {x} {1a} {" "$T/empty" printf '%s\n' '{x}{1a}{' '{}' ::: v
d "{%} with one job at a time" "$T/empty" -j 1 printf '%s\n' '{%}' ::: a b c

# Several groups: every combination, the first varying slowest.
d "three ::: groups, appended" "$T/empty" printf '<%s>' ::: a b ::: 1 2 3 ::: x y
d "{1} {2} {3} in any order" "$T/empty" printf '%s %s %s\n' {3} {1} {2} ::: a b ::: 1 2 3 ::: x y
d "{1.} {2/} {3//} {1/.}" "$T/empty" printf '%s %s %s %s\n' {1.} {2/} {3//} {1/.} \
	::: a.b c.d/e.f ::: /x/y z ::: /p/q r/
d "{} of several groups: a word per value" "$T/empty" printf '<%s>' {} ::: a ::: 'b c'
d "x{}y of several groups: the word split at the values" "$T/empty" printf '<%s>' x{}y ::: a ::: 'b c'
d "{.} {/} {//} of several groups: each value's" "$T/empty" printf '<%s>' {.} {/} p{//}q ::: a.x ::: d/b.y
d "-X x{}y of several groups" "$T/empty" -j 1 -X printf '<%s>' x{}y ::: a b ::: 1 2
d "a group of one" "$T/empty" printf '%s-%s\n' {2} {1} ::: only ::: 1 2

# Hostile items, each one argument: spaces, quotes, $, a leading -, a
# glob, a backslash, a tab, invalid UTF-8, {} itself, the empty item.
# with_hostile COMMAND...: runs COMMAND with the hostile items appended.
with_hostile() {
	"$@" 'a b' "it's" '"q"' '$HOME' '$(echo no)' '`id`' '-n' '--' '-' '*' 'a\tb\' \
		"$(printf 't\tab')" "$(printf '\377\376')" "$(printf 'caf\303\251')" '{}' '{.}' '' ' ' \
		';' '|' '&&' '#' '~' 'x=y'
}
with_hostile d "hostile items after :::" "$T/empty" printf '<%s>\n' :::
with_hostile d "hostile items in a word" "$T/empty" printf '<%s>\n' 'pre{}post' :::
with_hostile printf '%s\n' >"$T/hostile.lines"
d "hostile items, lines of stdin" "$T/hostile.lines" printf '<%s>\n'
with_hostile printf '%s\000' 'new
line' 'two

blank' >"$T/hostile.nul"
d "-0: items with newlines" "$T/hostile.nul" -0 printf '<%s>\n'
d "-0: {.} {/} of items with newlines" "$T/hostile.nul" -0 printf '<%s|%s>\n' {.} {/}
printf 'a\n\n  b  \nlast' >"$T/lines"
d "stdin: empty lines and blanks kept, last line unterminated" "$T/lines" printf '<%s>\n'
d "-a FILE" "$T/empty" -a "$T/lines" printf '<%s>\n'
printf '1\n2\n' >"$T/g2"
d "-a FILE twice: combined as ::::" "$T/empty" -a "$T/lines" -a "$T/g2" printf '<%s,%s>\n'
d ":::: FILE FILE" "$T/empty" printf '<%s,%s>\n' :::: "$T/lines" "$T/g2"
d "::: then :::: FILE" "$T/empty" printf '<%s,%s>\n' ::: x y :::: "$T/g2"
d "-a - is stdin" "$T/lines" -a - printf '<%s>\n'

# --tag: each line prefixed with the values, space-separated, and a tab.
d "--tag" "$T/empty" --tag printf 'out %s\nsecond\n' ::: 'a b' c
d "--tag, two groups" "$T/empty" --tag printf '%s\n' {2} ::: a b ::: 1 2

# -X, on a few items: one command for them all at -j 1.
d "-X, no placeholder" "$T/empty" -j 1 -X printf '<%s>' ::: a 'b c' d
d "-X repeats the word with the placeholder" "$T/empty" -j 1 -X printf '<%s>' 'pre{}post' \
	x ::: a 'b c' d
d "-n 2" "$T/empty" -n 2 printf '<%s>\n' ::: a b c d e

# -X and -m spread the items left at the end over the job slots, as
# parallel does: ceil(k/N) to a command for N slots (echo ends each
# command's line, so the cut shows). Every count from 1 to 9 at 2, 3 and
# 4 slots; then with -n, with {#} (whose width changes a command's size),
# and -m's one word per placeholder on names with dots and slashes.
for n in 1 2 3 4 5 6 7 8 9; do
	for j in 2 3 4; do
		d "-X: $n items at -j $j" "$T/empty" -j $j -X echo x{}y ::: $(seq $n)
	done
done
d "-X -n 4: 10 items at -j 2" "$T/empty" -j 2 -X -n 4 echo ::: $(seq 10)
d "-X -n 2: 11 items at -j 3" "$T/empty" -j 3 -X -n 2 echo ::: $(seq 11)
d "-X {#}: 12 items at -j 5" "$T/empty" -j 5 -X echo {#} {} ::: $(seq 12)
d "-X of two groups at -j 4" "$T/empty" -j 4 -X echo {} ::: a b c ::: 1 2
seq 20 >"$T/seq20"
d "-X, stdin streamed, at -j 3" "$T/seq20" -j 3 -X echo
d "-X --link at -j 3" "$T/empty" -j 3 -X --link echo ::: a b c :::+ 1 2 3
mnames='a.x/b.y c.z d/e s.p.f /r .'
for j in 1 2 3; do
	d "-m x{}y at -j $j" "$T/empty" -j $j -m echo x{}y ::: $mnames
	d "-m {.} {/} p{//}q at -j $j" "$T/empty" -j $j -m printf '<%s>\n' {.} {/} p{//}q ::: $mnames
done
d "-m no placeholder" "$T/empty" -j 2 -m printf '<%s>\n' ::: a 'b c' d e
d "-m {} of two groups" "$T/empty" -j 2 -m printf '<%s>\n' 'x{}y' ::: a b ::: 1 2
d "-m {#}{%} alone" "$T/empty" -j 1 -m printf '<%s>\n' 'n{#}{%}' ::: a b c
d "-m -n 2" "$T/empty" -j 2 -m -n 2 printf '<%s>\n' 'x{}y' ::: $(seq 7)
d "-m, stdin streamed, at -j 4" "$T/seq20" -j 4 -m echo -{}-
d "-m --tagstring" "$T/empty" -j 2 -m --tagstring 't{}' echo ::: a b c d e

d_check

# -c: the words are one shell command line, the items quoted in it.
if [ -n "$par" ] && sample; then
	nextra=$((nextra + 1))
	with_hostile peer -j 2 -k 'printf "<%s>\n" {} | tr a-z A-Z' ::: >"$W/peer.out" 2>&1
	with_hostile osbox spawn -j 2 -k -c 'printf "<%s>\n" {} | tr a-z A-Z' ::: >"$W/ours.out" 2>&1
	same "-c: a shell line, items quoted: as parallel" "$W/peer.out" "$W/ours.out"
	nextra=$((nextra + 1))
	peer -j 2 -k echo '$((1+2))' ::: 'a b' >"$W/peer.out" 2>&1
	osbox spawn -j 2 -k --shell echo '$((1+2))' ::: 'a b' >"$W/ours.out" 2>&1
	same "--shell: words joined unquoted, item appended quoted" "$W/peer.out" "$W/ours.out"
fi

# --shuf: every job made first, then run in a random order: the same jobs
# (sorted, as parallel's), {#} the order they run in, two runs on 200
# items in two orders and neither the input's (each 1 in 200! by chance).
seq 200 >"$T/seq200"
osbox spawn -j 2 -k --shuf echo <"$T/seq200" >"$W/shuf1"
ok "--shuf: exit 0" test $? = 0
sort -n "$W/shuf1" >"$W/shuf1.sorted"
same "--shuf: every item once" "$T/seq200" "$W/shuf1.sorted"
osbox spawn -j 2 -k --shuf echo <"$T/seq200" >"$W/shuf2"
differ "--shuf: not the input's order" "$W/shuf1" "$T/seq200"
differ "--shuf: another order on another run" "$W/shuf1" "$W/shuf2"
t "--shuf: {#} is the order of running" 0 "$(seq 6)" '' osbox spawn -j 2 -k --shuf echo {#} \
	::: a b ::: 1 2 3
osbox spawn -j 2 --shuf -X echo <"$T/seq200" | tr ' ' '\n' | sort -n >"$W/shufx"
same "--shuf -X: every item once" "$T/seq200" "$W/shufx"
if [ -n "$par" ] && sample; then
	nextra=$((nextra + 1))
	peer -j 2 --shuf echo {2}{1} ::: a b c :::+ 1 2 ::: x y | sort >"$W/peer.out"
	osbox spawn -j 2 --shuf echo {2}{1} ::: a b c :::+ 1 2 ::: x y | sort >"$W/ours.out"
	same "--shuf of linked and combined groups: parallel's jobs" "$W/peer.out" "$W/ours.out"
fi

# Linked groups: --link takes the groups in step, the shorter starting
# over; :::+ and ::::+ link a group to the one before it, the shortest
# deciding. Hand-made cases, then generated ones: 1 to 4 groups of 1 to 4
# values, each ::: or :::+, with and without --link.
printf 'a\nb\nc\nd\n' >"$T/f4"
printf '1\n2\n' >"$T/f2"
seq 7 >"$T/seq7"
d "--link: the shorter starts over" "$T/empty" --link printf '<%s,%s>\n' ::: a b c ::: 1 2
d ":::+: the shortest decides" "$T/empty" printf '<%s,%s>\n' ::: a b c :::+ 1 2
d ":::+ then ::: combines" "$T/empty" printf '<%s,%s,%s>\n' ::: a b c :::+ 1 2 3 ::: x y
d "::: then :::+ links the last two" "$T/empty" printf '<%s,%s,%s>\n' ::: x y ::: a b c :::+ 1 2
d "{2} {1} of linked groups" "$T/empty" printf '%s-%s\n' {2} {1} ::: x y :::+ 1 2 3
d "::::+ FILE" "$T/empty" printf '<%s,%s>\n' :::: "$T/f4" ::::+ "$T/f2"
d "::: then ::::+ FILE" "$T/empty" printf '<%s,%s>\n' ::: p q ::::+ "$T/f4"
d "--link, -a twice" "$T/empty" --link -a "$T/f4" -a "$T/f2" printf '<%s,%s>\n'
d "--link, stdin against a longer :::" "$T/f2" --link printf '<%s,%s>\n' :::: - ::: x y z
d "--link, a FILE against a longer :::" "$T/empty" --link printf '<%s,%s>\n' :::: "$T/f2" ::: p q r s t
d "--xapply, the same as --link" "$T/empty" --xapply printf '<%s,%s>\n' ::: a b c ::: 1 2
d "-X --link" "$T/empty" -j 1 -X --link printf '<%s>' ::: a b c ::: 1 2
d "--link, hostile values" "$T/empty" --link printf '<%s|%s>\n' ::: 'a b' "it's" '$x' ::: -n '' '*'
for seed in $(seq 1 40); do
	set -- printf '<%s>'
	ngroups=$((seed % 4 + 1))
	[ $((seed % 3)) = 0 ] && set -- --link "$@"
	for g in $(seq 1 "$ngroups"); do
		sep=:::
		[ "$g" -gt 1 ] && [ $(((seed / g) % 2)) = 1 ] && sep=:::+
		set -- "$@" "$sep"
		for v in $(seq 1 $(((seed * 7 + g * 3) % 4 + 1))); do
			set -- "$@" "g$g.$v"
		done
	done
	d "generated linking case $seed" "$T/empty" "$@"
done
t "an empty linked group: no job" 0 '' '' osbox spawn -j 2 echo ::: a b :::+
u() {
	local desc=$1 msg=$2
	shift 2
	t "$desc" 125 '' "spawn: $msg
Try 'spawn --help' for more information." osbox spawn "$@"
}
u ":::+ first" "':::+' needs an input group before it" -j 2 echo :::+ a

# -I STR: STR stands for the item, and {} is then plain text; the other
# placeholders keep their meaning.
d "-I STR: STR is the item, {} is not" "$T/empty" -I XX printf '<%s>' XX {} {.} ::: a.b c
d "-I {x}" "$T/empty" -I {x} printf '<%s>' {x} {} ::: a.b 'c d'
d "-I: within words, twice" "$T/empty" -I @@ printf '<%s>' pre@@post @@@@ ::: a
d "-I: STR nowhere: the item appended" "$T/empty" -I XX printf '<%s>' ::: a.b
d "-I on hostile items" "$T/hostile.lines" -I XX printf '<%s>\n' XX
u "-I with no STR" "-I needs a replacement string" -j 2 -I '' echo ::: a

# --colsep REGEX: each item split into columns, {1} {2}... (of all the
# groups' columns, in order), trimmed of white space at both ends, as
# parallel splits (Perl's split with -1: a match of nothing splits between
# characters, a trailing empty column stays). Every separator on every
# value, one case per separator.
printf 'a\tb\tc\nd\te\n\nx\n' >"$T/tsv"
d "--colsep '\\t' over a TSV file, columns in any order" "$T/empty" \
	--colsep '\t' printf '<%s>' {2} {1} {} {3} {1.} '\n' :::: "$T/tsv"
d "--colsep: the columns of several groups, in order" "$T/empty" \
	--colsep , printf '<%s>' {} {1} {2} {3} '\n' ::: a,b c ::: x,y
d "--colsep: no placeholder, the columns appended" "$T/empty" \
	--colsep , printf '<%s>' '\n' ::: a,b c ::: x,y
d "--colsep --tag" "$T/empty" --colsep , --tag printf '<%s>' '\n' ::: a,b
d "-C on stdin" "$T/tsv" -C '\t' printf '<%s|%s>\n' {1} {2}
for re in 'x*' ' *' ',' 'b*' '^a' 'a|b' '[[:space:]]+' '\t' '$' '^' ',+'; do
	d "--colsep '$re' on many values" "$T/empty" --colsep "$re" printf '<%s>' '\n' \
		::: axxb ab ' a  b ' 'a,b,' abb aab '' "$(printf 'x\ty')" 'a,,b' ',a,'
done
u "--colsep: a bad expression" "--colsep ‘(’: Unmatched ( or \\(" -j 2 --colsep '(' echo ::: a
u "--colsep with -X" "cannot specify --colsep (-C) with --xargs (-X)" -j 2 -C , -X echo ::: a

# --trim n|l|r|lr|rl: the white space (space, tab, CR, FF, VT; NL with
# -0) cut from the items' ends before any placeholder takes them, or
# with --colsep from the columns' ends (there, lr unless asked).
printf ' \t\r\f\va.b \v\f\r\t \000\n x/y.z\n\000  \000' >"$T/trim.nul"
for t in n l r lr rl; do
	d "--trim $t" "$T/empty" --trim $t printf '<%s|%s|%s>\n' {} {.} {/} \
		::: '  a.b  ' "$(printf ' \tb/c \t')" ' ' '' x
	d "--trim $t --colsep ," "$T/empty" --trim $t -C , printf '<%s>' {1} {2} '\n' \
		::: ' a , b ' ' x ,y' ', '
	d "--trim $t --tag, two groups" "$T/empty" --trim $t --tag printf '<%s>\n' ::: ' a ' ::: ' b '
	d "--trim $t -0, -X" "$T/trim.nul" --trim $t -0 -X printf '<%s>\n'
done
u "--trim: a bad side" "--trim must be one of n, l, r, lr and rl, not ‘x’" -j 2 --trim x echo ::: a

# -N N: N items per command, which are {1}..{N} (empty past the last);
# -N 0: the command alone, once per item.
d "-N 2: {1} {2} are the batch's items" "$T/empty" -N 2 printf '<%s>' {1}-{2} '\n' ::: a b c d e
d "-N 2, no placeholder: the items appended" "$T/empty" -N 2 printf '<%s>' '\n' ::: a b c d e
d "-N 2: {} is each item" "$T/empty" -N 2 printf '<%s>' {} '\n' ::: a b c d e
d "-N 3: x{}y" "$T/empty" -N 3 printf '<%s>' x{}y '\n' ::: a b c d
d "-N 0: no item in the command" "$T/empty" -N 0 printf '<%s>\n' x ::: a b c
d "-N 2 over two groups" "$T/empty" -N 2 printf '<%s>' {1}-{2} '\n' ::: a b c ::: x y
d "-N 2 {#}" "$T/empty" -N 2 printf '<%s>' {#} {2} '\n' ::: a b c
d "-N 2, lines of stdin" "$T/seq7" -N 2 printf '<%s>' {2} {1} '\n'

# --tagstring STR: --tag, with STR (its placeholders filled) as the prefix.
d "--tagstring with {.} and {#}" "$T/empty" --tagstring '{.}:{#}' echo ::: a.x 'b c.y'
d "--tagstring {} of two groups" "$T/empty" --tagstring '<{}>' echo ::: a ::: 1 2
d "--tagstring {2}" "$T/empty" --tagstring 'T{2}' printf '%s\n' ::: a b ::: 1
d "--tagstring without placeholders" "$T/empty" --tagstring fixed printf 'x\ny\n' ::: a
d "-X --tagstring {}: the batch's values" "$T/empty" -j 1 -X --tagstring '{}' echo ::: a b c
d "--colsep --tagstring {2}" "$T/empty" --colsep , --tagstring '{2}' echo ::: a,b c,d

# --header :: each group's first item names it ({name} {name.}...), or
# with --colsep the first line names the columns.
printf 'n,m\n1.x,2\n3,4\n' >"$T/h.csv"
d "--header : over ::: groups" "$T/empty" --header : printf '<%s>' {a} {b} {1} '\n' ::: a 1 2 ::: b x y
d "--header : --colsep over a CSV file" "$T/empty" --header : --colsep , printf '<%s>' {m} {n} {n.} '\n' :::: "$T/h.csv"
d "--header : --colsep, no placeholder" "$T/empty" --header : --colsep , printf '<%s>' '\n' :::: "$T/h.csv"
d "--header : on stdin" "$T/h.csv" --header : printf '<%s>' {n,m} '\n'
d "--header : --tag" "$T/empty" --header : --tag printf '<%s>' {} '\n' ::: a 1 2
d "--header : a name that is no name" "$T/empty" --header : printf '<%s>' {x}{a} '\n' ::: a 1
d "--header : only the header: no job" "$T/empty" --header : printf '<%s>' {a} ::: a
u "--header with a regex" "--header: only ':' (or 1): the first line is supported" -j 2 --header '.*' echo ::: a

# --dry-run: the commands, quoted as parallel quotes them, in order.
d "--dry-run" "$T/empty" --dry-run printf '<%s>\n' ::: 'a b' "it's" '$x' -n
d "--dry-run --tag" "$T/empty" --dry-run --tag echo ::: a 'b c'
d "--dry-run with placeholders" "$T/empty" --dry-run echo {.}.png {#} ::: x.jpg 'y z.jpg'
d "--dry-run, stdin" "$T/seq7" --dry-run echo
t "--dry-run runs nothing" 0 'touch x' '' sh -c "cd '$W' && osbox spawn -j 2 --dry-run touch ::: x && ! test -e x"
rm -f "$W/dry.log"
t "--dry-run writes no job log" 0 'true a' '' sh -c "osbox spawn -j 2 --dry-run --joblog '$W/dry.log' true ::: a && ! test -e '$W/dry.log'"
printf 'echo a\nls -l "x y"\n' >"$T/lines2"
t "--dry-run in line mode: the lines" 0 'echo a
ls -l "x y"' '' osbox spawn -j 2 -k --dry-run -f "$T/lines2"

# -j as GNU parallel reads it: N% of the processors (rounded up), +N, -N,
# and 0 for as many as can run. The most slots in use tells.
cpus=$(nproc)
slots() { osbox spawn -j "$1" -c 'sleep 0.3; echo {%}' ::: $(seq 12) | sort -n | tail -1; }
for j in 50% 150% +1 -1 0; do
	case $j in
	50%) want=$(((cpus + 1) / 2)) ;;
	150%) want=$(((3 * cpus + 1) / 2)) ;;
	+1) want=$((cpus + 1)) ;;
	-1) want=$((cpus > 1 ? cpus - 1 : 0)) ;;
	0) want=12 ;;
	esac
	[ "$want" -gt 12 ] && want=12
	[ "$want" -lt 1 ] && continue
	$VALGRIND && [ "$j" != 150% ] && continue
	got=$(slots "$j")
	ok "-j $j: $want at once on $cpus processors (got $got)" test "$got" = "$want"
done
t "-j -N below one job" 125 '' "spawn: -j -$cpus: no jobs at all on $cpus processors
Try 'spawn --help' for more information." osbox spawn -j "-$cpus" echo ::: a
t "-j 0%" 125 '' "spawn: -j 0%: no jobs at all on $cpus processors
Try 'spawn --help' for more information." osbox spawn -j 0% echo ::: a
t "-j 1.5" 125 '' "spawn: invalid number of jobs: '1.5'
Try 'spawn --help' for more information." osbox spawn -j 1.5 echo ::: a

# Output: --keep-order over jobs of different sizes, and exit statuses.
seq 40 >"$T/seq40"
d "-k over outputs of many sizes" "$T/seq40" sh -c 'head -c $(($1 * 997)) /dev/zero | tr "\0" "$(($1 % 10))"; echo' sh
d "all succeed: 0" "$T/empty" sh -c 'exit $1' sh ::: 0 0 0
d "some fail: not 0" "$T/empty" sh -c 'exit $1' sh ::: 0 1 0 2

# --pipe: standard input cut into blocks of whole records, each block one
# job's standard input: by --block bytes (k: 1000, K: 1024), by -N
# records, at --recend and --recstart (whose match lies within the block,
# as parallel's), the rest at the end whole when it fits. A record longer
# than a block goes alone (parallel instead grows the block for good, and
# the blocks after it: not tried here). Then generated FASTA-like inputs,
# records of 3 to 11 bytes, at blocks from 12 to 32.
seq 3000 >"$T/seq3000"
for b in 100 1k 1K 1.5k 3000 20000; do
	d "--pipe --block $b" "$T/seq3000" --pipe --block $b wc -c
done
d "--pipe: the default block, 1M" "$T/seq3000" --pipe wc -c
d "--pipe: {#} {%} in the command" "$T/seq40" -j 1 --pipe --block 20 sh -c 'echo "$1 $2 $(wc -l)"' \
	sh {#} {%}
printf '>a\nxx\n>b\nyyyy\n>c\nzzw\n>d\n' >"$T/fasta"
d "--pipe --recstart '>'" "$T/fasta" --pipe --recstart '>' --block 9 od -c
d "--pipe --recstart '>' --recend ''" "$T/fasta" --pipe --recstart '>' --recend '' --block 9 od -c
d "--pipe --recstart '>' --recend '\n', -N 2" "$T/fasta" --pipe --recstart '>' --recend '\n' -N 2 od -c
printf 'a;b;c;;dd;eee;f' >"$T/semi"
d "--pipe --recend ';', the last record unended" "$T/semi" --pipe --recend ';' --block 4 od -c
d "--pipe -N 2 --recend ';'" "$T/semi" --pipe -N 2 --recend ';' od -c
d "--pipe -N 1" "$T/seq40" --pipe -N 1 od -c
d "--pipe -N 7" "$T/seq3000" --pipe -N 7 wc -l
d "--pipe: no input, no job" "$T/empty" --pipe wc -c
printf '\n' >"$T/nl"
d "--pipe: one empty line" "$T/nl" --pipe wc -c
d "--pipe: a failing job" "$T/seq40" --pipe --block 30 sh -c '! grep -q 7'
for n in 1 2 3 4 5 6; do
	awk -v n=$n 'BEGIN { srand(n); for (i = 0; i < 8 * n; i++) {
		printf ">%d\n", i; k = int(rand() * 7); for (j = 0; j < k; j++) printf "x"; printf "\n" } }' \
		>"$T/fa$n"
	d "--pipe --recstart '>', generated $n" "$T/fa$n" --pipe --recstart '>' --block $((8 + 4 * n)) wc -c
done
d_check

# --pipe: what goes in comes out, byte for byte, whatever the bytes (NUL,
# no newline for long stretches, an unended last record); nothing lost
# in 5 million lines; the job log's Send is the block's size, as parallel
# writes it; a retry reads its block again.
head -c 3000000 /dev/urandom >"$T/random"
osbox spawn -j 2 -k --pipe --block 100k cat <"$T/random" >"$W/random.out"
ok "--pipe -k cat: exit 0" test $? = 0
same "--pipe -k cat: the input, byte for byte" "$T/random" "$W/random.out"
if ! $VALGRIND; then
	seq 5000000 | osbox spawn -j 2 --pipe wc -l | awk '{ n += $1 } END { print n }' >"$W/n"
	t "--pipe: 5,000,000 lines, none lost" 0 5000000 '' cat "$W/n"
fi
osbox spawn -j 1 -k --pipe --block 100 --joblog "$W/plog" wc -c <"$T/seq3000" >"$W/pout"
ok "--pipe --joblog: Send is each block's size" check "
	awk -F '\t' 'NR > 1 { print \$5 }' '$W/plog' | cmp -s - '$W/pout'"
: >"$W/seen"
printf 'a\nb\n' | osbox spawn -j 1 --pipe --retries 2 sh -c \
	'cat >>"$1"; [ -e "$1.again" ] || { : >"$1.again"; exit 1; }' sh "$W/seen"
ok "--pipe --retries: exit 0 the second time" test $? = 0
t "--pipe --retries: the block read again" 0 'a
b
a
b' '' cat "$W/seen"
# --pipe out of file descriptors: a job that found none waits, fewer
# jobs run at once, no block is lost and the order holds.
if ! vg_skip "--pipe, few file descriptors" "valgrind needs more descriptors than that for itself"; then
	run sh -c "seq 20000 | (ulimit -n 16; exec osbox spawn -j 0 -k --pipe --block 1k sh -c 'sleep 0.01; cat')"
	ok "--pipe, few file descriptors: every block, in order" check \
		'[ "$status" = 0 ] && [ "$(cat "$W/out")" = "$(seq 20000)" ]'
	ok "--pipe, few file descriptors: said" grep -qx \
		'spawn: only enough file descriptors to run [0-9]* jobs\? at once' "$W/err"
fi
u "--block without --pipe" "--block needs --pipe" -j 2 --block 1k echo ::: a
u "--recend without --pipe" "--recend needs --pipe" -j 2 --recend x echo ::: a
u "--pipe with :::" "--pipe: the input is standard input: no ::: or :::: groups" -j 2 --pipe echo ::: a
for bad in 0 1x -1 k 3G 1.5 ''; do
	[ "$bad" = 1.5 ] && continue # (1.5 bytes is 1)
	u "--block '$bad'" "invalid block size: ‘$bad’" -j 2 --pipe --block "$bad" wc
done
u "--pipe with -X" "cannot specify --pipe with --xargs (-X)" -j 2 --pipe -X wc
t "failures: 1" 1 'a' '' osbox spawn -j 2 -k sh -c 'echo $1; exit 3' sh ::: a
t "stderr apart" 0 'o:a' 'e:a' osbox spawn -j 2 sh -c 'echo o:$1; echo e:$1 >&2' sh ::: a
echo "differential cases against GNU parallel: $((ncases + nextra))"

# What is not differential.
mkfifo "$T/fifo"
t "{%}: the lowest free slot" 0 'a 1
b 2
c 2' '' osbox spawn -j 2 -k sh -c '[ "$1" = c ] && echo go >"$0"; [ "$1" = a ] && read x <"$0"; echo "$1 $2"' \
	"$T/fifo" {} {%} ::: a b c
mkfifo "$T/fifo2"
t "items are read as jobs start, not all first" 0 'a
b' '' timeout 20 sh -c "{ echo a; read x <'$T/fifo2'; echo b; } | osbox spawn -j 1 sh -c 'echo \$1; [ \$1 = a ] && echo >\"\$0\"; :' '$T/fifo2'"
t "line mode stays: no COMMAND" 0 'x' '' sh -c "echo 'echo x' | osbox spawn -j 2"
t "the jobs read /dev/null when the items come from stdin" 0 '<a>' '' \
	sh -c "echo a | osbox spawn -j 1 sh -c 'cat; printf \"<%s>\\n\" \"\$1\"' sh"
echo in >"$T/in"
t "with ::: the jobs read our stdin" 0 'in
a' '' sh -c "osbox spawn -j 1 sh -c 'cat; echo \$1' sh ::: a <'$T/in'"
t "the display text (-v): words quoted where needed" 0 '' \
	"spawn: printf '<%s>' 'a b' 'it'\"'\"'s' x: exit status 0 (wait status 0)" \
	sh -c "osbox spawn -j 1 -v printf '<%s>' {} \"it's\" x ::: 'a b' >/dev/null"
t "empty stdin: no job" 0 '' '' osbox spawn -j 2 echo
t "an empty ::: group after one: no combination" 0 '' '' osbox spawn -j 2 echo ::: a :::
t "an empty FILE group" 0 '' '' osbox spawn -j 2 echo :::: "$T/empty"
vgspawn="valgrind does not pass posix_spawn's exec errors back"
if ! vg_skip "a command not found" "$vgspawn"; then
	t "a command not found: no shell tries it" 1 '' 'spawn: nope: No such file or directory' \
		osbox spawn -j 2 nope ::: a
	t "a path that cannot run" 1 '' "spawn: $T/empty: Permission denied" \
		osbox spawn -j 2 "$T/empty" ::: a
	printf 'echo "no #!: $1"\n' >"$T/noshebang"
	chmod +x "$T/noshebang"
	t "no #! line: run by /bin/sh, as execvp runs it" 0 'no #!: a b' '' \
		osbox spawn -j 2 "$T/noshebang" ::: 'a b'
fi

# Usage errors.
u "-X without -j" "-0, -a, -X, -m, -n, -N, -C, -I, --link, --header, --trim, --plus, --shuf and --tagstring need -j" -X echo
u "-0 without a COMMAND" "-0, -a, -X, -m, -n, -N, -C, -I, --link, --header, --trim, --plus, --shuf and --tagstring need a COMMAND" -j 2 -0
u "no command before :::" "missing command before ':::'" -j 2 ::: a
u ":::: with no FILE" "'::::' needs a FILE" -j 2 echo ::::
u "-n 0" "invalid number of arguments: '0'" -j 2 -n 0 echo
u "-f with -a" "cannot specify --file (-f) with --arg-file (-a)" -j 2 -f /dev/null -a /dev/null echo
t "-a missing" 125 '' 'spawn: nope: No such file or directory' osbox spawn -j 2 -a nope echo
t "a second -a missing" 125 '' "spawn: 'no pe': No such file or directory" \
	osbox spawn -j 2 -a /dev/null -a 'no pe' echo

$VALGRIND && return 0

# -X on more than one command's worth: every item once, in order, each
# command within the limit (exec would have failed, E2BIG), and no more
# commands than xargs -0 makes (it stops at 128 KiB; we at ARG_MAX less
# the environment).
python3 -c '
import sys
for i in range(40000):
    sys.stdout.buffer.write(b"item %d %s\0" % (i, b"x" * (i % 97)))' >"$T/many.nul"
osbox spawn -j 2 -k -0 -X sh -c 'printf "%s\0" "$@"; printf "END\0"' sh <"$T/many.nul" >"$W/x.out"
ok "-X: exit 0" test $? = 0
tr '\0' '\n' <"$W/x.out" | grep -v '^END$' | tr '\n' '\0' >"$W/x.items"
same "-X: every item once, in order" "$T/many.nul" "$W/x.items"
ours=$(tr '\0' '\n' <"$W/x.out" | grep -c '^END$')
# (xargs's jobs write at once, each to a file of its own)
mkdir "$W/xa"
xargs -0 -P 2 sh -c 'printf "%s\0" "$@" >"$0/$$"' "$W/xa" <"$T/many.nul"
theirs=$(ls "$W/xa" | wc -l)
cat "$W/xa"/* | tr '\0' '\n' | sort >"$W/xa.sorted"
tr '\0' '\n' <"$W/x.items" | sort >"$W/x.sorted"
same "-X: the same arguments as xargs -0 -P 2" "$W/xa.sorted" "$W/x.sorted"
ok "-X: several commands ($ours), no more than xargs's ($theirs)" \
	check "[ $ours -gt 1 ] && [ $ours -le $theirs ]"
osbox spawn -j 2 -0 -X -c 'printf "%s\0" {} | wc -c' <"$T/many.nul" >"$W/xc.out"
ok "-X -c: each shell line within one argument's limit" check \
	"[ \$(awk '{ s += \$1 } END { print s }' '$W/xc.out') = \$(wc -c <'$T/many.nul') ]"

# 100,000 items, 100 bytes each (10 MB), 100 per command: the runner's
# memory stays what it is for 1,000 of them.
python3 -c '
import sys
for i in range(100000):
    sys.stdout.write("%099d\n" % i)' >"$T/100k"
head -1000 "$T/100k" >"$T/1k"
rss() { /usr/bin/time -f %M -o "$W/rss" osbox spawn -j 2 -n 100 true <"$1" && cat "$W/rss"; }
small=$(rss "$T/1k")
big=$(rss "$T/100k")
# (AddressSanitizer holds freed memory back in quarantine: no measure there)
asan=false
grep -q __asan_init "$OSBOX_REAL" && asan=true
if $asan; then
	skip "peak RSS of 100,000 items" "an AddressSanitizer build"
else
	ok "100,000 items: peak RSS ${big} KiB against ${small} KiB for 1,000" \
		check "[ -n '$big' ] && [ $big -lt $((small + 4096)) ]"
fi
t "100,000 items: one job each, in order" 0 "$(seq 0 99999 | tail -3)" '' \
	sh -c "seq 0 99999 | osbox spawn -j 2 -k -X printf '%s\n' | tail -3"

# A job that writes 100 MB: held in a temporary file, written whole.
/usr/bin/time -f %M -o "$W/rss" osbox spawn -j 2 head -c 100000000 ::: /dev/zero | wc -c >"$W/n"
t "a job writing 100 MB: all of it" 0 100000000 '' cat "$W/n"
$asan || ok "a job writing 100 MB: peak RSS $(cat "$W/rss") KiB" check "[ \$(cat '$W/rss') -lt 40000 ]"
