printf '%b\n' 'a\tb' 'c\\d' '\0101'
printf '%b|\n' 'stop\chere'
printf '%s\n' 'a\tb'
