cat <<A <<B
first
A
second wins
B
