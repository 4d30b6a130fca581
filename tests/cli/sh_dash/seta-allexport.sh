set -a
exported_var=yes
set +a
not_exported=no
sh_listing=$(export -p | grep -e exported_var -e not_exported)
echo "$sh_listing" | sed 's/^export //'
