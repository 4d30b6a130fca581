echo one \
two \
three
echo "in \
quotes"
echo 'single \
stays'
ec\
ho split-word
