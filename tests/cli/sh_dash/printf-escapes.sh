printf 'tab\there\nnl\\ \101\n'
printf 'a\0b' | od -An -c | tr -s ' '
