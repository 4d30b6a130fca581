x=abcabc
echo "${x#$(echo a)}"
echo "${x%"$(echo bc)"}"
echo "${x##*$(echo b)}"
