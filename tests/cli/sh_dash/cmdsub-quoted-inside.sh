echo "$(echo "a  b")"
echo $(echo "a  b")
echo "$(echo 'single  quoted')"
echo "$(echo "nested $(echo "deep  er")")"
