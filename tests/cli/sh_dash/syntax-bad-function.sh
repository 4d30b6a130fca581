echo first
f() ;
echo never
