command -V echo
command -V cd
command -V shift
f() { :; }
command -V f
command -V while
command -V nosuch_q
echo "status $?"
