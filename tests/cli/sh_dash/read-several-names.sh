read a b c <<END
1 2 3 4 5
END
echo "[$a][$b][$c]"
read x y z <<END
only
END
echo "[$x][$y][$z]"
