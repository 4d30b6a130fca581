(echo "${1:=x}"; echo never)
echo "status $?"
