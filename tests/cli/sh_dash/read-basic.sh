read a <<END
hello world
END
echo "[$a]"
