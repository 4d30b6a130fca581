SHX_V=seen
export SHX_V
printenv SHX_V
SHX_L=local_only
printenv SHX_L || echo "not exported"
SHX_T=temp printenv SHX_T
printenv SHX_T || echo "temp gone"
