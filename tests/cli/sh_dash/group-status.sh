{ false; }
echo $?
{ true; (exit 9); }
echo $?
