d=$(mktemp -d)
cd "$d"
touch ']' a ./- b
echo [
echo *[
echo [a-]
echo []a]
echo [!]a-]
cd /; rm -rf "$d"
