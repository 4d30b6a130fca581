hash cat && echo "hash cat ok"
hash nosuch_h
echo "status $?"
hash -r
echo "cleared"
