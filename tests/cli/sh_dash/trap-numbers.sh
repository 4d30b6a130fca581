trap 'echo hup' 1
trap 'echo term' 15
trap
trap - 1 15
trap
