# POSIX.1-2024 XCU 2.15 "set", -o pipefail: a pipeline's status is that of
# the last command to exit non-zero. dash 0.5.12 predates it (set: Illegal
# option); the expected results, beside this script, are POSIX's.
set -o pipefail
false | true
echo "pipefail: $?"
true | (exit 3) | true
echo "pipefail: $?"
set +o pipefail
false | true
echo "no pipefail: $?"
