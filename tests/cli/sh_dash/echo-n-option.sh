echo -n no-newline
echo
echo -e 'dash prints -e'
echo -- dashdash
echo -n
echo end
