x=$(printf 'a\n\n\n')
echo "[$x]"
y=$(printf '\n\nb\n\n')
echo "[$y]"
z=$(printf 'c \n')
echo "[$z]"
