IFS=o
echo foo bar
v=foo
echo $v
