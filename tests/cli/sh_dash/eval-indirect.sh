name=target
target=value
eval "echo \$$name"
eval "$name=newvalue"
echo "$target"
