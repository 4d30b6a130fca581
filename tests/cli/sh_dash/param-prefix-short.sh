p=/usr/local/bin
echo "${p#*/}"
echo "${p#/usr}"
echo "${p#nope}"
