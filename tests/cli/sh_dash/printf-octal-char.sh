printf '\101\102\n'
printf '%b\n' '\101' '\0102'
printf '\1010\n'
