case z in
a) echo a ;;
z) echo z
esac
case q in q) echo inline; esac
