echo $(case x in x) echo y;; esac)
echo "$(case a in (a) echo paren;; esac)"
