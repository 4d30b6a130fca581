echo first
echo a |
