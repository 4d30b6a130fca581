[ "a" = "a" ] && echo eq
[ -t 0 ] || echo "stdin is no terminal"
[ 5 -gt 3 ]; echo $?
