if x=1; [ "$x" = 1 ] && false || true; then echo taken; fi
if ! false; then echo negated; fi
