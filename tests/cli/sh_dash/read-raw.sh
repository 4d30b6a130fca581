read a <<'END'
back\slash \
continued
END
echo "[$a]"
read -r b <<'END'
back\slash \
END
echo "[$b]"
