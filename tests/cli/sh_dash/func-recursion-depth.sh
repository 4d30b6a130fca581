down() { [ $1 -eq 0 ] && { echo bottom; return; }; down $(($1 - 1)); }
down 200
