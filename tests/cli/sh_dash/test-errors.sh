[ 1 -eq abc ]
echo "status $?"
[ a = ]
echo "status $?"
[ -n a
echo "status $?"
test 1 -gt
echo "status $?"
