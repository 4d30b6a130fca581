echo b | case x in x) tr b B ;; esac
case y in y) echo inside ;; esac | tr a-z A-Z
