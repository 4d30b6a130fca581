trap 'echo outer' EXIT
( echo "sub"; trap 'echo sub exit' EXIT; exit 1 )
echo "status $?"
