printf 'no newline' | { read -r a; echo "status $? [$a]"; }
printf '' | { read -r a; echo "empty: $?"; }
