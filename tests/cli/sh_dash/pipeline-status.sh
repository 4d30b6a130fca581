false | true
echo $?
true | false
echo $?
echo hi | (exit 4)
echo $?
