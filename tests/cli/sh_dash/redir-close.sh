echo hidden >&-
echo "status $?" 
( exec 1>&-; echo closed ) 2>/dev/null
echo "after: $?"
