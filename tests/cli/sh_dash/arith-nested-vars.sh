# $z is expanded as text before the arithmetic is evaluated (XCU 2.6.4),
# so precedence applies to the expanded text.
z='1 + 2'
echo $(($z * 2))
echo $((($z) * 2))
n=007
echo $((n + 1))
