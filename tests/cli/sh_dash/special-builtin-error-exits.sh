echo before
set -o nosuchoption
echo "never: a special builtin's error ends the shell"
