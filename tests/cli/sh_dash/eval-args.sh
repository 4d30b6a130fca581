set -- 'a b' c
eval 'printf "<%s>" "$@"'; echo
eval printf "'<%s>'" '"$1"'; echo
