for x in; do echo never; done
echo "status $?"
set --
for x in "$@"; do echo never; done
echo after
