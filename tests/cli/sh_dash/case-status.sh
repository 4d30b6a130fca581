case a in a) (exit 3) ;; esac
echo $?
case a in a) ;; esac
echo $?
