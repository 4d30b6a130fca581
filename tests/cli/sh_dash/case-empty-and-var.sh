e=
case "$e" in '') echo empty ;; *) echo nonempty ;; esac
v=hello
case hello in $v) echo matched-var ;; esac
case h in ${v%ello}) echo matched-expansion ;; esac
