IFS=/
p=/usr/local/bin
for c in $p; do echo "[$c]"; done
