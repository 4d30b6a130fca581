for e in '1 -eq 1' '1 -ne 1' '2 -gt 1' '2 -ge 3' '1 -lt 2' '3 -le 2' '-5 -lt 0' '010 -eq 10' ' 7 -eq 7'; do
	if [ $e ]; then echo "true:  $e"; else echo "false: $e"; fi
done
