echo $( (echo sub) )
echo $((1 + 2))
echo $( (echo a); (echo b) )
