case b in (a) echo a ;; (b) echo b ;; esac
case x in (x|y) echo xy ;; esac
