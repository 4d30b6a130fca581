printf '\n' | { read -r a; echo "status $? [$a]"; }
printf 'x\n\ny\n' | while read -r l; do echo "[$l]"; done
