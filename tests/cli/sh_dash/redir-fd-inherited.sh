# A descriptor the shell opened with exec is inherited by its commands;
# closed, it is gone. (Descriptors from 10 up are left out: whatever the
# test's own parents left open.)
fds() { grep -v '^[0-9][0-9]' | tr '\n' ' '; echo; }
exec 5>/dev/null
ls /proc/self/fd | fds
exec 5>&-
ls /proc/self/fd | fds
