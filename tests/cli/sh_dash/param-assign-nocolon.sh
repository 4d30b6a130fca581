unset u; e=
echo "[${u=U}] [${e=E}]"
echo "[$u] [$e]"
