x=var
x() { echo "function x"; }
unset x
echo "[${x-unset}]"
x
