x=$( (echo a) | tr a b)
echo "$x"
echo $(( (1) + (2) ))
