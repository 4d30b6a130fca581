nosuch_command_xyz
echo "status $?"
nosuch_command_xyz arg 2>/dev/null
echo "status $?"
