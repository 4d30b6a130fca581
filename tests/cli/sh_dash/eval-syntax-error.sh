(eval 'if then'; echo never)
echo "status $?"
