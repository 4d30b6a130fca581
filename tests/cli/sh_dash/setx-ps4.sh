PS4='+trace: '
set -x
echo one
: two
set +x
