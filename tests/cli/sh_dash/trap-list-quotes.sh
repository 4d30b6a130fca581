trap "echo 'it''s'" INT
trap
trap - INT
trap
echo end
