f() { echo cleanup; }
trap f EXIT
exit 4
