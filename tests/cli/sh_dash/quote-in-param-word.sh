unset u
echo "${u:-'quoted'}"
echo ${u:-'quoted'}
echo "${u:-"dq"}"
echo ${u:-a\ b}
