echo first
if true; then
	echo never
