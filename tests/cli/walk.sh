# walk: find-style paths, --tree, --json (os.walk's triples), options,
# errors, hostile names, deep trees; differential against os.walk.

mkdir -p t/one t/two/deep
: >t/a.txt
: >t/one/file
: >t/two/deep/x
ln -s one t/link
ln -s nowhere t/dangling

t "default: root first, every entry (sorted here)" 0 \
"t
t/a.txt
t/dangling
t/link
t/one
t/one/file
t/two
t/two/deep
t/two/deep/x" '' osbox walk -s t

t "default is . with ./ paths" 0 "." '' sh -c 'mkdir -p e && cd e && osbox walk'
t "a trailing slash is kept, not doubled" 0 \
"t/
t/a.txt
t/dangling" '' sh -c 'osbox walk -s t/ | head -3'
t "a file operand is printed" 0 "t/a.txt" '' osbox walk t/a.txt
t "several operands in order" 0 \
"t/one
t/one/file
t/a.txt" '' osbox walk t/one t/a.txt
t "through a link" 0 "t/one
t/one/file" '' "$LINKS/walk" t/one

t "--bottom-up: a directory after its contents" 0 \
"t/a.txt
t/dangling
t/link
t/one/file
t/one
t/two/deep/x
t/two/deep
t/two
t" '' osbox walk -s --bottom-up t

t "--tree: the os.walk example's layout" 0 \
"t
	a.txt
	dangling
	link/
	one/
	two/

t/one
	file

t/two
	deep/

t/two/deep
	x" '' osbox walk -s --tree t

t "--json: os.walk's triples; a symlink to a directory is in dirs" 0 \
'{"root":"t","dirs":["link","one","two"],"files":["a.txt","dangling"]}
{"root":"t/one","dirs":[],"files":["file"]}
{"root":"t/two","dirs":["deep"],"files":[]}
{"root":"t/two/deep","dirs":[],"files":["x"]}' '' osbox walk -s --json t

t "--json --bottom-up" 0 \
'{"root":"t/one","dirs":[],"files":["file"]}
{"root":"t/two/deep","dirs":[],"files":["x"]}
{"root":"t/two","dirs":["deep"],"files":[]}
{"root":"t","dirs":["link","one","two"],"files":["a.txt","dangling"]}' '' osbox walk -s --json --bottom-up t

t "-L follows the link" 0 \
"t
t/a.txt
t/dangling
t/link
t/link/file
t/one
t/one/file
t/two
t/two/deep
t/two/deep/x" '' osbox walk -s -L t

t "--max-depth 1" 0 \
"t
t/a.txt
t/dangling
t/link
t/one
t/two" '' osbox walk -s --max-depth 1 t
t "--max-depth 0" 0 "t" '' osbox walk --max-depth 0 t
t "--min-depth 2" 0 \
"t/one/file
t/two/deep
t/two/deep/x" '' osbox walk -s --min-depth 2 t
t "--type f" 0 \
"t/a.txt
t/one/file
t/two/deep/x" '' osbox walk -s --type f t
t "--type d,l" 0 \
"t
t/dangling
t/link
t/one
t/two
t/two/deep" '' osbox walk -s --type d,l t
t "--type with -L: a followed link has its target's type" 0 \
"t
t/link
t/one
t/two
t/two/deep" '' osbox walk -s -L --type d t
t "--name matches the last component" 0 \
"t/one
t/one/file" '' osbox walk -s --name 'one' --name 'f*' t
t "--name on the root uses its last component" 0 "t/two/" '' osbox walk --name two --max-depth 0 t/two/
t "--prune: printed, not entered" 0 \
"t
t/a.txt
t/dangling
t/link
t/one
t/one/file
t/two" '' osbox walk -s --prune two t
t "-0" 0 "$(printf 't/one\0t/one/file\0' | od -c)" '' sh -c 'osbox walk -0 t/one | od -c'

t "a missing operand" 1 '' "walk: nosuch: No such file or directory" osbox walk nosuch
t "a missing operand does not stop the others" 1 "t/one
t/one/file" "walk: nosuch: No such file or directory" osbox walk nosuch t/one
t "--json of a file" 1 '' "walk: t/a.txt: Not a directory" osbox walk --json t/a.txt
t "bad --type" 2 '' "walk: --type: unknown type 'x' (use f, d, l, p, s, c, b, separated by commas)
Try 'walk --help' for more information." osbox walk --type x
t "bad --max-depth" 2 '' "walk: --max-depth: invalid depth '-1' (a number, 0 or more)
Try 'walk --help' for more information." osbox walk --max-depth -1
t "bad -j" 2 '' "walk: -j: invalid number of jobs '0' (1 to 256)
Try 'walk --help' for more information." osbox walk -j 0
t "unknown option" 2 '' "walk: invalid option -- 'q'
Try 'walk --help' for more information." osbox walk -q
t "--help" 0 '*' '' osbox walk --help
ok "--help shows the usage line" grep -q '^Usage: walk ' "$W/out"

# Output errors.
t "write error" 1 '' 'walk: write error: No space left on device' sh -c 'osbox walk t >/dev/full'
t "closed pipe" 0 't' '' sh -c 'osbox walk t | head -1'
mkdir -p wide
(cd wide && seq -f 'a-file-with-a-longer-name-%06g' 1 5000 | xargs touch)
t "closed pipe past the buffer ends quietly with SIGPIPE" 141 '' '' \
	bash -c 'osbox walk wide | head -1 >/dev/null; exit ${PIPESTATUS[0]}'
