printf '%*d|\n' 5 42
printf '%-*s|\n' 4 ab
printf '%.*s|\n' 2 abcdef
