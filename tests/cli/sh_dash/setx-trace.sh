set -x
echo hello
x=1
echo "$x" 'q'
set +x
echo untraced
