x=v
cat <<END
"$x" '$x'
END
