case foo in bar) echo bar ;; esac
echo "status $?"
(exit 5)
case foo in bar) echo bar ;; esac
echo "status after no match: $?"
