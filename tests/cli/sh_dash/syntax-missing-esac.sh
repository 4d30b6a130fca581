echo first
case x in
x) echo never ;;
