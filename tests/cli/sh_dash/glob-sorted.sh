d=$(mktemp -d)
cd "$d"
touch zeta Alpha beta 10 9 _u
echo *
cd /; rm -rf "$d"
