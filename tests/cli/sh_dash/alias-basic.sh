alias greet='echo hello'
greet world
alias
unalias greet
greet 2>/dev/null || echo "gone: $?"
