yes | head -n 2
yes | { head -n 1; }
echo "writer ended: $?"
