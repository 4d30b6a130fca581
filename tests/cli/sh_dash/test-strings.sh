for e in '-n abc' '-n ""' '-z ""' '-z x' 'abc = abc' 'abc = abd' 'a != b' 'x' '""'; do
	eval "test $e" && echo "true:  $e" || echo "false: $e"
done
