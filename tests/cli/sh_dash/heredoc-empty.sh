cat <<END
END
echo "empty done"
