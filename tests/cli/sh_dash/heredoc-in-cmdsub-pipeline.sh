v=$(cat <<END | tr a-z A-Z
inside
END
)
echo "$v"
