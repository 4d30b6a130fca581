x=$(false)
echo $?
x=$(exit 7)
echo $?
echo $(false) $?
