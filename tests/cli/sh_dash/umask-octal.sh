umask 022
umask
umask 0077
umask
umask 5
umask
