command -v echo
command -v cd
command -v :
command -v if
f() { :; }
command -v f
alias al='echo x'
command -v al
command -v nosuchcommand_x
echo "status $?"
