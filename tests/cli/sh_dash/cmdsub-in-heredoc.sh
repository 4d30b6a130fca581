cat <<END
today is $(echo "quoted  day")
`echo back`
END
