trap 'echo "caught HUP"; exit 3' HUP
kill -s HUP $$
echo never
