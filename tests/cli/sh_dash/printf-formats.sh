printf '%s|%d|%5s|%-5s|%05d|%x|%X|%o|%c\n' str 42 ab ab 42 255 255 8 character
printf '%.2s|%3.1s|%+d|% d|%i\n' abcdef xyz 5 5 -7
printf '%%|%s\n' literal
