set -- a
(shift 2; echo never)
echo "status $?"
(shift -1) 2>&1 | sed 's/^[^:]*: [0-9]*: //'
