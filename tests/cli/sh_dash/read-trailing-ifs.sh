IFS=: read a b <<END
x:y:
END
echo "[$a][$b]"
IFS=: read a <<END
x:
END
echo "[$a]"
