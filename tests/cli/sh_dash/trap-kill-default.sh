# No trap: TERM's default action ends the shell, and the status says so.
echo before
kill -s TERM $$
echo never
