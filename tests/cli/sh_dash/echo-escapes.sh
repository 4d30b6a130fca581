echo 'a\tb'
echo 'a\nb'
echo 'back\\slash'
echo 'oct\0101'
echo 'stop\cnever'
echo after
