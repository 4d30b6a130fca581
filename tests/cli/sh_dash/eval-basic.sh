cmd='echo evaluated'
eval "$cmd"
eval 'x=1; y=$((x + 1))'
echo "$x $y"
eval
echo "empty eval: $?"
