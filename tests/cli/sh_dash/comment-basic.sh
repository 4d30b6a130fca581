# a comment
echo a # trailing
echo b#not
	# indented comment
echo 'c # quoted'
: # colon comment
