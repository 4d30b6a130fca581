e=
printf '<%s>' a $e b; echo
printf '<%s>' a "$e" b; echo
printf '<%s>' a $e"" b; echo
