#!/bin/sh
# Every man page must be clean under mandoc -Tlint -W warning.
dir=$1
command -v mandoc >/dev/null || { echo "mandoc is not installed"; exit 1; }
n=0 bad=0
for page in "$dir"/*.1; do
	n=$((n + 1))
	out=$(mandoc -Tlint -W warning "$page" 2>&1)
	if [ -n "$out" ]; then
		echo "$out"
		bad=$((bad + 1))
	fi
done
echo "$((n - bad)) passed, $bad failed"
[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
