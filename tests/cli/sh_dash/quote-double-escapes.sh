x=X
echo "a\$x \`b\` \"c\" \\ \z \n $x"
