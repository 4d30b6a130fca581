echo before
eval 'if then'
echo "never: eval's syntax error ends the shell"
