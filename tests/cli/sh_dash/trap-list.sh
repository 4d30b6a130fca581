trap 'echo x' EXIT
trap 'echo y' USR1
trap '' USR2
trap
