if true; then # comment after then
	echo yes # and here
fi # after fi
for x in a # comment ends the list
do echo $x
done
case x in # comment
x) echo x ;; # comment
esac
