eval false
echo $?
eval '(exit 5)'
echo $?
