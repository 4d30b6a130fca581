HOME=/home/user
echo ~ ~/x "~" '~' a~
v=~/y
echo $v
