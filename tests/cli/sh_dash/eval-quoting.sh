v='a  b'
eval "printf '<%s>' $v"; echo
eval "printf '<%s>' \"\$v\""; echo
eval echo '"$(echo nested)"'
