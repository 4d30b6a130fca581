cat <<END
a
b
END
(unset u; : ${u?here})
