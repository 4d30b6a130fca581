_a=1 a_b2=2 A=3
echo "$_a $a_b2 $A"
echo "$a-b"
1x=2 2>/dev/null || echo "1x=2 is a command"
