echo 'c b a' | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//'
echo
