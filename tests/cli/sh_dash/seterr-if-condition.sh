set -e
if false; then echo no; else echo "if condition exempt"; fi
while false; do :; done
until true; do :; done
echo "loops exempt"
