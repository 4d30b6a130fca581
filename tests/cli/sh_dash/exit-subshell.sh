(exit 4)
echo $?
( (exit 5) ; echo "inner $?"; exit 6 )
echo $?
x=$(exit 7)
echo $?
