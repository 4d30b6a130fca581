for if in 1; do echo "var named if: $if"; done
echo done done
case in in in) echo "case word is in" ;; esac
