x=before
echo new | read x
echo "x=$x"
