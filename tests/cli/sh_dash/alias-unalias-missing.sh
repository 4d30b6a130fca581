unalias nosuch_alias
echo "status $?"
