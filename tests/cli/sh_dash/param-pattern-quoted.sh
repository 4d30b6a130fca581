v='a*b*c'
echo "${v#*\*}"
echo "${v#"a*"}"
echo "${v%'*c'}"
star='*'
echo "${v#$star}"
echo "${v#"$star"}"
