if false; then :; fi
echo "no branch: $?"
if true; then (exit 3); fi
echo "branch status: $?"
if (exit 4); then :; else echo "else sees $?"; fi
