echo 'a  $x `b` \n "c"'
echo 'it''s'
