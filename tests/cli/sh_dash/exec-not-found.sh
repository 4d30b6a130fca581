(exec nosuch_command_e)
echo "status $?"
