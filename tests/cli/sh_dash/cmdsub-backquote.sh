echo `echo back`
x=`echo a b`
echo "$x"
echo "`echo in double`"
