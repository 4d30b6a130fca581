printf '<%s>' $(printf 'a b\nc')
echo
IFS=:
printf '<%s>' $(echo 'x:y z')
echo
