x=world
cat <<'END'
hello $x $(echo no) \$x
END
cat <<"END"
dq $x
END
cat <<E\ND
bs $x
END
