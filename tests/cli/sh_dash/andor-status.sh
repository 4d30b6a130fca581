false && true
echo $?
false || (exit 3)
echo $?
true && (exit 4) || echo "or ran after $?"
