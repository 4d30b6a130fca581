echo `echo \$HOME | sed 's/.*/literal/'`
echo `echo \\\\`
echo "`echo '\\'`"
echo `echo a\`echo b\`c`
