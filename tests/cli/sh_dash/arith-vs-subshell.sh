echo $((1+1))
echo $( (echo sub) )
echo $((echo x) )
