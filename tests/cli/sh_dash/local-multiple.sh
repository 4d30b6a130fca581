f() { local a=1 b c=3; b=2; echo "$a $b $c"; }
a=A b=B c=C
f
echo "$a $b $c"
