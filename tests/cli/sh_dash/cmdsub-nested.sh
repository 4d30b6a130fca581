echo $(echo $(echo $(echo three)))
echo "$(basename "$(dirname /a/b/c)")"
