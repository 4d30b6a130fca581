echo first
echo $(echo a
