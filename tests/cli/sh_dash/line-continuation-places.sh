if \
true; then echo cont-if; fi
x=a\
b
echo $x
echo $((1 +\
2))
echo "${x\
}"
