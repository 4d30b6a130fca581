unset u; e=; s=val
echo "${u:=U} ${e:=E} ${s:=S}"
echo "$u $e $s"
