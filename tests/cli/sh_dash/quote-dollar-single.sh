echo "$"
echo $
echo "a$"
echo '$'x
