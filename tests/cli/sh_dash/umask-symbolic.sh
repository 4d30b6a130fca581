umask 022
umask -S
umask u=rwx,g=rx,o=
umask
umask g+w
umask
umask o-rwx,a+r
umask -S
