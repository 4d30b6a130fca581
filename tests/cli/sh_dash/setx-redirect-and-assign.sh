set -x
echo x >/dev/null
y=1 true
for i in 1; do :; done
set +x
