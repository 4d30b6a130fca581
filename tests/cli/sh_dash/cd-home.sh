cd
[ "$PWD" = "$HOME" ] && echo "cd goes home"
