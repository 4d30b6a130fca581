unset u
echo "[${u%x}] [${u#x}] [${u%%*}] [${u##*}]"
