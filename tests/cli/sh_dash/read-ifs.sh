IFS=: read a b c <<END
x:y:z:w
END
echo "[$a][$b][$c]"
IFS=: read a b <<END
:lead
END
echo "[$a][$b]"
