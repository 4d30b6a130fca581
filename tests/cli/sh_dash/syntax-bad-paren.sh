echo first
echo )
echo never
