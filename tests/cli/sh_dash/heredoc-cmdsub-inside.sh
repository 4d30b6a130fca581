cat <<END
$(echo "quoted  inside")
$(cat <<INNER
inner doc
INNER
)
END
