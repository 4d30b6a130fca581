export SHU_NOVALUE
readonly SHR_NOVALUE
export -p | grep SHU_
readonly -p | grep SHR_
SHU_NOVALUE=now
export -p | grep SHU_
