echo first
then echo x
echo never
