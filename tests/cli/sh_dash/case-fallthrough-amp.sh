# POSIX.1-2024 XCU 2.9.4.3 "Case Conditional Construct": a clause ended by
# ;& runs the next clause's list too, without matching its pattern. dash
# 0.5.12 predates it (a syntax error there); the expected output, beside
# this script, is POSIX's.
case a in
a) echo one ;&
b) echo two ;;
c) echo three ;;
esac
