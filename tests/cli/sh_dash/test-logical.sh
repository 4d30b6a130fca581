[ -n a -a -n b ] && echo and-true
[ -n a -a -z b ] || echo and-false
[ -z a -o -n b ] && echo or-true
[ ! -z a ] && echo not
[ ! ] ; echo "lone bang: $?"
[ \( -n a \) ] && echo parens
[ -n a -o -z a -a -z b ] && echo "-a binds tighter"
