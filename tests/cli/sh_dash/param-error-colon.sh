s=val
echo "${s:?no}"
(e=; echo "${e:?is empty}"; echo never)
echo "status $?"
(unset u; echo "${u:?}"; echo never)
echo "status $?"
