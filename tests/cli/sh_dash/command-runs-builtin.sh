echo() { printf 'function echo\n'; }
echo hi
command echo real
unset -f echo
echo restored
