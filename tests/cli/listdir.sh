# listdir: os.listdir / os.scandir; -U -t -l -F -0 --json; operands; errors.

mkdir -p d/sub
: >d/b
: >d/a
printf 'x' >d/.hidden
ln -s b d/lnk
ln -s nowhere d/dangling
mkfifo d/fifo
: >d/exe
chmod 755 d/exe

t "sorted by bytes, hidden names included" 0 \
".hidden
a
b
dangling
exe
fifo
lnk
sub" '' osbox listdir d
t "default is ." 0 "a
b
dangling
exe
fifo
lnk
sub" '' sh -c 'cd d && osbox listdir | grep -v hidden'
t "-t: the scandir view" 0 \
".hidden file
a file
b file
dangling symlink
exe file
fifo fifo
lnk symlink
sub dir" '' osbox listdir -t d
t "-F" 0 \
".hidden
a
b
dangling@
exe*
fifo|
lnk@
sub/" '' osbox listdir -F d
t "an empty directory" 0 '' '' osbox listdir d/sub
t "a file operand is printed as itself" 0 "d/a" '' osbox listdir d/a
t "several operands: files first, then headers as ls" 0 \
"d/a
d/b

d:
.hidden
a
b
dangling
exe
fifo
lnk
sub

d/sub:" '' osbox listdir d d/b d/a d/sub
t "a missing operand is reported, the rest listed" 1 "d/a" \
"listdir: nosuch: No such file or directory" osbox listdir nosuch d/a
t "--json" 0 \
'{"name":"exe","path":"d/exe","type":"file"}
{"name":"fifo","path":"d/fifo","type":"fifo"}
{"name":"lnk","path":"d/lnk","type":"symlink"}
{"name":"sub","path":"d/sub","type":"dir"}' '' sh -c 'osbox listdir --json d | tail -4'
t "-0" 0 "$(printf '.hidden\0a\0b\0' | od -c)" '' sh -c 'osbox listdir -0 d | head -c 12 | od -c'
t "-U lists the same names" 0 "$(osbox listdir d)" '' sh -c 'osbox listdir -U d | LC_ALL=C sort'
t "write error" 1 '' 'listdir: write error: No space left on device' sh -c 'osbox listdir d >/dev/full'
t "--help" 0 '*' '' osbox listdir --help
