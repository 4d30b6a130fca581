f() { export SHF_V=fromf; }
f
printenv SHF_V
