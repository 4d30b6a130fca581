echo "\a \b \\ \$"
echo '\'
echo "$(echo '\"')"
echo "`echo \"inner\"`"
