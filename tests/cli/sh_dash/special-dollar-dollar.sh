[ "$$" -gt 0 ] && echo positive
a=$$
b=$(echo $$)
[ "$a" = "$b" ] && echo "same in command substitution"
(c=$$; [ "$a" = "$c" ] && echo "same in subshell")
