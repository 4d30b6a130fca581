echo $(( $(echo 1) + 2 ))
echo $(( $(echo 2) * $(echo 3) ))
x=4
echo $(( x$(echo '* 2') ))
