IFS=: read a b <<'END'
x\:y:z
END
echo "[$a][$b]"
