read a <<END
   padded   
END
echo "[$a]"
IFS= read -r b <<END
   padded   
END
echo "[$b]"
