(shift 5; echo never)
echo "status $?"
(readonly r=1; r=2; echo never)
echo "status $?"
(export 'bad name=x'; echo never)
echo "status $?"
