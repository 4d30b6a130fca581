echo first
echo "open
echo never
