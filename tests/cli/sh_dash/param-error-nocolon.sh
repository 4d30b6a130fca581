e=
echo "[${e?no}]"
(unset u; echo "${u?is unset}"; echo never)
echo "status $?"
