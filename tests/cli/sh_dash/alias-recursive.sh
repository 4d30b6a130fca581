alias echo='echo prefix'
echo works
alias ls2='ls2x' ls2x='echo chained'
ls2
