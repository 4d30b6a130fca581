echo a#b
echo a #b
echo '#x' "#y" \#z
x=#
echo $x
