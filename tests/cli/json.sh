# json: every applet's --json names against the one list in json_keys.py,
# the list against osbox(1)'s schema, and every time's _ns against os.stat.
t "--json names: the list, and osbox(1)'s schema" 0 '' '' \
	python3 "$SRC/tests/cli/json_keys.py" keys "$SRC/man/osbox.1"
t "--json times: KEY_ns is os.stat's st_KEY_ns exactly, KEY the same seconds" 0 '' '' \
	python3 "$SRC/tests/cli/json_keys.py" ns
