set -e
! true
echo "bang exempt"
! false
echo alive
