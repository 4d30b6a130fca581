set -e
! true | false
echo "negated pipeline exempt"
false | ! true
echo "never: ! only begins a pipeline (XCU 2.10.2), so line 4 is a syntax error"
