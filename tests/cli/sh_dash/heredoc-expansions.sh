x=world
cat <<END
hello $x ${x}s $((1+2))
\$x is escaped, \\ backslash, \` tick
'single' "double"
END
