IFS=,
set -- $(echo 'a,,b')
echo "$#"
for a; do echo "[$a]"; done
