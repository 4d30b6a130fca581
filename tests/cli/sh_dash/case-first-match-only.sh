case x in
x) echo first ;;
x) echo second ;;
*) echo third ;;
esac
