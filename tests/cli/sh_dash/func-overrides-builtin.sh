cd() { echo "function cd $*"; }
cd /somewhere
command cd / && echo "builtin cd via command"
unset -f cd
true() { echo "function true"; return 1; }
true
echo "status $?"
