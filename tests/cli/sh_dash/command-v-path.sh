p=$(command -v cat)
case $p in /*cat) echo "cat found" ;; *) echo "cat: $p" ;; esac
command -v /bin/sh >/dev/null && echo "abs path found"
