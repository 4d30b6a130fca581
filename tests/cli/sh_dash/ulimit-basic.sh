ulimit -n >/dev/null && echo "ulimit -n works"
( ulimit -c 0 && ulimit -c )
