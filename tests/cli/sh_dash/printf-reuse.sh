printf '%s=%s\n' a 1 b 2 c
printf '[%s]\n' x y z
printf 'none\n' extra args
