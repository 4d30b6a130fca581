alias foo='echo aliased'; foo 2>/dev/null || echo "not yet an alias on its own line"
foo
