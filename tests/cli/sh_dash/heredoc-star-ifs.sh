set -- a b c
IFS=-
cat <<END
$* and $@
END
