d=$(mktemp -d)
mkdir "$d/a"
cd "$d/a"
[ "$PWD" = "$d/a" ] && echo "PWD set"
[ "$(pwd)" = "$d/a" ] && echo "pwd prints it"
cd ..
[ "$PWD" = "$d" ] && echo "cd .. works"
cd -  >/dev/null
[ "$PWD" = "$d/a" ] && echo "cd - works"
[ "$OLDPWD" = "$d" ] && echo "OLDPWD set"
cd /; rm -rf "$d"
