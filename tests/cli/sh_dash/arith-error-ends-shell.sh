echo before
echo $((1 / 0))
echo "never: an expansion error ends a non-interactive shell"
