{ echo a; }
{ echo b
}
echo {x}
