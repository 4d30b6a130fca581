trap 'echo got term' TERM
kill -s TERM $$
echo after
