s=hello; e=; unset u
echo "${#s} ${#e} ${#u}"
set -- a b c
echo "${#}"
long="a b  c"
echo ${#long}
