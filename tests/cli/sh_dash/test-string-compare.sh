[ abc \< abd ] && echo less
[ b \> a ] && echo greater
[ "" = "" ] && echo "empty eq"
[ "-n" = "-n" ] && echo "operator-like operands"
