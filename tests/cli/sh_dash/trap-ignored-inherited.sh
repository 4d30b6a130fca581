trap '' USR1
trap 'echo x' USR2
(trap)
