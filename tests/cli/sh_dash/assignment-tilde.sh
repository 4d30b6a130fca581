HOME=/h
v=~/a
echo "$v"
w=x:~/b
echo "$w"
