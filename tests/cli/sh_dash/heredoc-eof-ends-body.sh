echo first
cat <<END
body without end
