# Each process of a pipeline holds only its own ends: ls sees 0 1 2 and
# its own directory descriptor (3), no stray pipe ends. (Descriptors from
# 10 up are left out: whatever the test's own parents left open.)
fds() { grep -v '^[0-9][0-9]' | tr '\n' ' '; echo; }
ls /proc/self/fd | cat | fds
echo | ls /proc/self/fd | fds
{ ls /proc/self/fd; } | cat | fds
(ls /proc/self/fd) | fds
