trap 'echo parent trap' EXIT
(trap 'echo child trap' EXIT; echo child)
echo parent
