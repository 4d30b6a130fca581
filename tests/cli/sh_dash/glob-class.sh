d=$(mktemp -d)
cd "$d"
touch A b 1 _
echo [[:upper:]]
echo [[:lower:]]
echo [[:digit:]]
echo [[:alpha:][:digit:]]
echo [![:alnum:]]
cd /; rm -rf "$d"
