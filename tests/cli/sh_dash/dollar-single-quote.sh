# POSIX.1-2024 XCU 2.2.4 "Dollar-Single-Quotes": $'...' quotes with the C
# escapes. dash 0.5.12 predates it and prints $a followed by a tab then b;
# the expected output (beside this script) is POSIX's.
printf '<%s>\n' $'a\tb' $'it\'s' $'\x41\101' $'nl\nx'
