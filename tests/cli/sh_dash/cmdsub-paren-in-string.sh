echo $(echo ')')
echo "$(echo "(")"
echo $(echo \))
echo $( # a comment )
echo yes)
