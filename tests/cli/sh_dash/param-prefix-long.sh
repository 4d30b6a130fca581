p=/usr/local/bin
echo "${p##*/}"
f=a.b.c
echo "${f##*.}"
echo "${f##a}"
