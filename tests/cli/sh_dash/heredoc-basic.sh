cat <<END
hello
  indented
END
echo after
