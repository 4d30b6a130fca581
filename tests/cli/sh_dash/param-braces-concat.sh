a=foo
echo "${a}bar $abar. ${a}_x $a_x."
