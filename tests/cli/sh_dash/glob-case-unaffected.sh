d=$(mktemp -d)
cd "$d"
touch match
case match in m*) echo "case uses patterns, not files" ;; esac
case '*' in *) echo star ;; esac
cd /; rm -rf "$d"
