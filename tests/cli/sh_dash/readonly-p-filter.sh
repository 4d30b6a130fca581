readonly SHR_A=1
SHR_B=two
readonly SHR_B
readonly -p | grep SHR_
(SHR_A=2) 2>&1 | sed 's/^[^:]*: [0-9]*: //'
echo "$SHR_A"
