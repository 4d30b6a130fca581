f() ( x=sub; echo "subshell body $x" )
x=main
f
echo $x
g() if [ "$1" ]; then echo "if body $1"; fi
g yes
h() for i in 1 2; do echo "for $i"; done
h
