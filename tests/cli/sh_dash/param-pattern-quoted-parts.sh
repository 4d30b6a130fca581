v=abc
echo "${v#"a"}" ${v%"c"} "${v#a"b"}"
p=a
echo "${v#"$p"b}"
