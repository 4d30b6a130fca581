echo first
{ }
echo never
