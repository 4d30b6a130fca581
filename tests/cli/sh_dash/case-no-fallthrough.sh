case a in
a) echo one ;;
b) echo "never: ;; ends the case" ;;
esac
