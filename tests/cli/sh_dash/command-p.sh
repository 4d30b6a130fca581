command -p echo "via default path"
command -p true && echo ok
