unset a b
c=C
echo "${a:-${b:-$c}}"
echo "${a:-"quoted $c"}"
echo ${a:-'single $c'}
