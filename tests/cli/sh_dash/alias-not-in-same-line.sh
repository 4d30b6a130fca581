alias x='echo aliased'
x
f() { x; }
f
unalias -a
alias
echo "none left"
