alias say='echo '
alias word=expanded
say word
alias quiet='echo'
quiet word
