echo first
echo ${x!}
echo never
