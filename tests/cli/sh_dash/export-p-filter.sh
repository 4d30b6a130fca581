export SHX_A=1
SHX_B=2
export SHX_B
export SHX_C='with space'
SHX_D=notexported
export -p | grep SHX_
