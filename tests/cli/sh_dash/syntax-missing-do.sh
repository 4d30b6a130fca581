echo first
while true; echo x; done
echo never
