{ false; } || echo "group failed"
{ true; } && { echo a; echo b; }
(false) || (echo "subshell failed")
