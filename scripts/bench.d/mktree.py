#!/usr/bin/env python3
"""mktree.py DIR N: a tree of N entries under DIR (made once, reused):
directories of about 40 files and 8 subdirectories, breadth first, names
of mixed lengths, as source trees and /usr look."""
import os, sys

root, n = sys.argv[1], int(sys.argv[2])
done = os.path.join(root, ".complete")
if os.path.exists(done):
    sys.exit(0)
os.makedirs(root, exist_ok=True)
queue, made, i = [root], 0, 0
while made < n:
    d = queue[i]
    i += 1
    for k in range(8):
        if made >= n:
            break
        sub = os.path.join(d, f"dir{k}_{'x' * (k % 5)}")
        os.mkdir(sub)
        queue.append(sub)
        made += 1
    for k in range(40):
        if made >= n:
            break
        with open(os.path.join(d, f"file{k:02d}{'.c' if k % 3 else '.txt'}"), "w"):
            pass
        made += 1
open(done, "w").close()
