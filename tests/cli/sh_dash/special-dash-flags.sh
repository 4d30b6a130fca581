case $- in *e*) echo e-on ;; *) echo e-off ;; esac
set -e
case $- in *e*) echo e-on ;; *) echo e-off ;; esac
set +e -u
case $- in *u*) echo u-on ;; esac
set -f
case $- in *f*) echo f-on ;; esac
set +uf
case $- in *[uf]*) echo still ;; *) echo cleared ;; esac
