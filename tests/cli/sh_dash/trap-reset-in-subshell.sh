trap 'echo parent' USR1
(kill -s USR1 $$; sleep 0; echo child)
echo after
