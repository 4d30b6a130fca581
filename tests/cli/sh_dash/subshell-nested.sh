x=0
( x=1; ( x=2; echo "inner $x" ); echo "middle $x" )
echo "outer $x"
