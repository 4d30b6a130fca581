printf '1\n2\n3\n' | while read -r n; do echo $((n * 2)); done | { s=0; while read -r m; do s=$((s + m)); done; echo "sum $s"; }
