cat <<END
joined \
line
END
cat <<'END'
kept \
line
END
