(exit abc)
echo "status $?"
