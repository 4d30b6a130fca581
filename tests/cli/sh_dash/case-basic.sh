for w in apple banana cherry other; do
	case $w in
	apple) echo fruit-a ;;
	banana | cherry) echo fruit-bc ;;
	*) echo unknown ;;
	esac
done
