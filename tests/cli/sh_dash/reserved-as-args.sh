echo if then else fi do done case esac while until for in function
echo { } !
x=if
echo $x
