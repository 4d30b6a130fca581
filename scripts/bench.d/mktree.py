#!/usr/bin/env python3
"""mktree.py tree|flat DIR N: N entries under DIR, made once and reused
(DIR/.complete marks a finished one).
tree: directories of 40 files and 8 subdirectories, breadth first, as
source trees and /usr look. flat: N files in DIR itself."""
import os, sys

kind, root, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
done = os.path.join(root, ".complete")
if os.path.exists(done):
    sys.exit(0)
os.makedirs(root, exist_ok=True)
if kind == "flat":
    for i in range(n):
        open(os.path.join(root, "file-%07d-%06x.dat" % (i, (i * 2654435761) & 0xFFFFFF)), "w").close()
else:
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
