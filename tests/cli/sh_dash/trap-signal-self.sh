trap 'echo got USR1' USR1
kill -s USR1 $$
echo after
trap 'echo got USR2' 12
kill -USR2 $$
