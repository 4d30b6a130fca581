printf '<%s>' '' "" a''b "a""b"; echo
set -- '' ''
echo $#
