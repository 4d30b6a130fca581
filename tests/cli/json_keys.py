"""The one list of the names every applet's --json prints (tests/cli/json.sh).

json_keys.py keys MAN: runs each applet with --json on a fixture in the
current directory, collects the names of every object in its output and
compares them with KEYS below, per record kind: a name an applet prints
that is not listed fails, and so does a listed name no run printed. Every
listed name must also be in osbox(1)'s JSON section (MAN), the schema.

json_keys.py ns: every time's KEY_ns is os.stat's st_KEY_ns exactly, and
KEY is the same time in seconds, for stat --json, listdir -l --json and
walk -l --json, on
times a double cannot hold (nanoseconds, before 1970, past 2262).

Prints what is wrong, one line each; exits 1 when anything is.
"""
import decimal
import json
import os
import re
import subprocess
import sys

TIMES = ["atime", "mtime", "ctime", "birth"]
STAT = ("path type mode permissions ino dev nlink uid gid user group size "
        "blocks blksize atime atime_ns mtime mtime_ns ctime ctime_ns birth "
        "birth_ns rdev target").split()
STATUS = "status exit_status signal core_dumped how".split()

# The one list. Nested objects' names are listed with their parent's.
KEYS = {
    "access": "path exists readable writable executable".split(),
    "listdir": ("name path type mode uid gid size mtime mtime_ns ino nlink "
                "target").split(),
    "procinfo": ("uid euid gid egid groups pid ppid pgid sid tty cwd "
                 "umask").split(),
    "spawn": ["pid", "command"] + STATUS + (
        "rusage utime utime_ns stime stime_ns maxrss minflt majflt nvcsw "
        "nivcsw").split(),
    "spawn -j": ["seq", "pid", "command", "argv"] + STATUS + (
        "timed_out tries start start_ns runtime runtime_ns stdout "
        "stderr").split(),
    "stat": STAT,
    "stat -f": ("path fstype magic fsid f_namemax f_bsize f_frsize f_blocks "
                "f_bfree f_bavail f_files f_ffree").split(),
    "strerror": "errno name message".split(),
    "waitpid": ["pid", "child"] + STATUS,
    "walk": "root dirs files".split(),
    "walk -l": STAT + ["depth"],
}

problems = []


def say(msg):
    problems.append(msg)


OSBOX = os.environ.get("OSBOX", "osbox")


def run(*argv):
    p = subprocess.run([OSBOX, *argv], capture_output=True)
    # Decimal: the seconds' text read exactly, not rounded to a double
    return [json.loads(line, parse_float=decimal.Decimal)
            for line in p.stdout.decode().splitlines()]


def names(v, into):
    """Every name of every object in v, at any depth."""
    if isinstance(v, dict):
        for k, x in v.items():
            into.add(k)
            names(x, into)
    elif isinstance(v, list):
        for x in v:
            names(x, into)
    return into


def fixture():
    os.makedirs("jk/sub", exist_ok=True)
    with open("jk/f", "w") as f:
        f.write("x")
    with open("jk/jobs", "w") as f:
        f.write("echo x\nkill $$\n")
    if not os.path.lexists("jk/lnk"):
        os.symlink("f", "jk/lnk")


def documented(man):
    """The names osbox(1)'s JSON section lists: its `.It Sy a , b` items."""
    text = open(man, encoding="utf-8").read()
    sec = text.split(".Sh JSON", 1)[1].split("\n.Sh ", 1)[0]
    got = set()
    for line in sec.splitlines():
        # ".It Sy a , b" and the "Sy utime" words inside an item
        for m in re.finditer(r"\bSy ((?:[a-z_]+(?: , )?)+)", line):
            got.update(w for w in m.group(1).split(" , ") if w)
    return got


def keys(man):
    fixture()
    seen = {k: set() for k in KEYS}
    runs = {
        "access": [["access", "--json", "jk/f"],
                   ["access", "--json", "-r", "nosuch"]],
        "listdir": [["listdir", "--json", "jk"],
                    ["listdir", "-l", "--json", "jk"]],
        "procinfo": [["procinfo", "--json"]],
        "spawn": [["spawn", "--json", "true"],
                  ["spawn", "--json", "--rusage", "sh", "-c", "kill $$"]],
        "spawn -j": [["spawn", "-j", "2", "--json", "-f", "jk/jobs"]],
        "stat": [["stat", "--json", "jk/f", "jk/lnk", "jk", "/dev/null"],
                 ["stat", "--json", "-L", "jk/lnk"]],
        "stat -f": [["stat", "-f", "--json", "/", "jk"]],
        "strerror": [["strerror", "--json", "2", "EPERM"],
                     ["strerror", "--json", "-l"]],
        "walk": [["walk", "--json", "jk"], ["walk", "--json", "-s", "jk"]],
        "walk -l": [["walk", "-l", "--json", "jk", "/dev/null"],
                    ["walk", "-l", "--json", "-L", "jk"]],
    }
    for kind, argvs in runs.items():
        for argv in argvs:
            recs = run(*argv)
            if not recs:
                say(f"{' '.join(argv)}: no records")
            for r in recs:
                seen[kind] |= names(r, set())
    # waitpid: a process that is not its child (all it can wait for here)
    p = subprocess.Popen(["sleep", "0.1"])
    for r in run("waitpid", "--json", str(p.pid)):
        seen["waitpid"] |= names(r, set())
    p.wait()
    # env's object: its names are the environment's, and nothing else
    env = {"A": "1", "B_2": "x"}
    for r in run("env", "--json", "-i", *(k + "=" + v for k, v in env.items())):
        if set(r) != set(env):
            say(f"env --json: names {sorted(r)}, environment {sorted(env)}")
    doc = documented(man)
    for kind, want in KEYS.items():
        want = set(want)
        for k in sorted(seen[kind] - want):
            say(f"{kind} --json: {k!r} is not in the list")
        for k in sorted(want - seen[kind]):
            say(f"{kind} --json: {k!r} is listed but no run printed it")
        for k in sorted(want - doc):
            say(f"{kind} --json: {k!r} is not in osbox(1)'s JSON section")


# (atime_ns, mtime_ns): nanoseconds a double loses, before 1970, odd ones
NS_CASES = [
    (1796243481037259965, 1796243481037259966),
    (1, 999999999),
    (-1500000000, -1),
    (-999999999, -123456789123456789),
    (0, 0),
    (9999999999123456789, 4102444800000000001),  # past 2262 (2**63 ns), 2100
]


def check_ns(kind, path, r):
    st = os.lstat(path)
    for k in TIMES:
        if k + "_ns" not in r:
            if k != "birth" and (kind == "stat" or k == "mtime"):
                say(f"{kind} {path}: no {k}_ns")
            continue
        got = r[k + "_ns"]
        if k == "birth":
            if (got is None) != (r["birth"] is None):
                say(f"{kind} {path}: birth {r['birth']}, birth_ns {got}")
            continue
        want = getattr(st, "st_" + k + "_ns")
        if got != want:
            say(f"{kind} {path}: {k}_ns {got}, os.stat {want}")
        # the seconds are the same time: the text, read exactly
        if decimal.Decimal(r[k]) * 10**9 != want:
            say(f"{kind} {path}: {k} {r[k]}, os.stat {want}")


def ns():
    os.makedirs("ns", exist_ok=True)
    paths = []
    for i, (a, m) in enumerate(NS_CASES):
        p = f"ns/t{i}"
        open(p, "w").close()
        try:
            os.utime(p, ns=(a, m))
        except OSError:
            continue  # a file system that cannot hold the time
        paths.append(p)
    recs = run("stat", "--json", *paths)
    if len(recs) != len(paths):
        say(f"stat --json: {len(recs)} records for {len(paths)} files")
    for p, r in zip(paths, recs):
        check_ns("stat", p, r)
    recs = run("listdir", "-l", "--json", "ns")
    if len(recs) != len(paths):
        say(f"listdir -l --json: {len(recs)} records for {len(paths)} files")
    for p, r in zip(sorted(paths), recs):
        check_ns("listdir", p, r)
    recs = run("walk", "-l", "--json", *paths)
    if len(recs) != len(paths):
        say(f"walk -l --json: {len(recs)} records for {len(paths)} files")
    for p, r in zip(paths, recs):
        check_ns("walk -l", p, r)


if sys.argv[1] == "keys":
    keys(sys.argv[2])
else:
    ns()
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
