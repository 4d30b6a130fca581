unset u; e=; s=val
echo "[${u-def}] [${e-def}] [${s-def}]"
