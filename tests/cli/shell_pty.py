#!/usr/bin/env python3
"""Drives `osbox shell` on a pseudo-terminal, for tests/cli/shell.sh.

Usage: shell_pty.py CASE   (cases are the functions named case_*).
Each case starts the shell with PS1='PS> ', types keys, and waits for the
text it expects (never a blind sleep), with a generous timeout. Exit 0 on
success; otherwise prints what the terminal showed and exits 1.
"""
import fcntl
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

TIMEOUT = float(os.environ.get("PTY_TIMEOUT", "20"))
OSBOX = os.environ["OSBOX"]
PROMPT = b"PS> "


class Fail(Exception):
    pass


class Term:
    def __init__(self, args=("shell",), env=None):
        e = dict(os.environ)
        e.update({"PS1": "PS> ", "TERM": "xterm", "LC_ALL": "C.UTF-8"})
        e.update(env or {})
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.execve(OSBOX, [OSBOX, *args], e)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.seen = b""  # everything shown
        self.pos = 0  # where the next expect starts looking
        self.status = None

    def read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 4096)
        except OSError:
            data = b""
        if not data:
            raise Fail("the shell closed the terminal")
        self.seen += data
        return True

    def expect(self, pattern, timeout=TIMEOUT):
        """Waits for pattern (a regex of bytes, or bytes) after the last match."""
        rx = re.compile(pattern if isinstance(pattern, bytes) and pattern.startswith(b"(?")
                        else re.escape(pattern) if isinstance(pattern, bytes) else pattern)
        end = time.monotonic() + timeout
        while True:
            m = rx.search(self.seen, self.pos)
            if m:
                self.pos = m.end()
                return m
            left = end - time.monotonic()
            if left <= 0 or not self.read(left):
                raise Fail(f"timed out waiting for {pattern!r}")

    def prompt(self, timeout=TIMEOUT):
        """Waits for the prompt, and for the editor to be reading: libedit
        writes the prompt before it turns canonical mode off, and a key
        typed in between would be read by the line discipline (a ^D on an
        empty line would be lost)."""
        self.expect(PROMPT, timeout)
        end = time.monotonic() + timeout
        while termios.tcgetattr(self.fd)[3] & termios.ICANON:
            if time.monotonic() > end:
                raise Fail("the editor did not start reading")
            time.sleep(0.01)

    def send(self, data):
        os.write(self.fd, data if isinstance(data, bytes) else data.encode())

    def line(self, cmd):
        """Types a command and Enter."""
        self.send(cmd + "\r")

    def wait_exit(self, timeout=TIMEOUT):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            pid, st = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(st)
                return self.status
            try:
                self.read(0.05)
            except Fail:
                pass
        raise Fail("the shell did not exit")

    def close(self):
        # A hangup first, as a closed terminal window gives: the shell
        # passes it on to its jobs, so that a case's background job (a
        # sleep 60) is not left running; SIGKILL only if it stays.
        if self.status is None:
            try:
                os.kill(self.pid, signal.SIGHUP)
                end = time.monotonic() + 2
                while time.monotonic() < end:
                    pid, _ = os.waitpid(self.pid, os.WNOHANG)
                    if pid:
                        self.status = 0
                        break
                    time.sleep(0.01)
                if self.status is None:
                    os.kill(self.pid, signal.SIGKILL)
                    os.waitpid(self.pid, 0)
            except OSError:
                pass
        os.close(self.fd)


def case_prompt():
    t = Term()
    t.prompt()
    t.line("echo hello; strerror 2")
    t.expect(b"hello\r\n[ 2] ENOENT: No such file or directory\r\n")
    t.prompt()
    t.line("exit 3")
    assert t.wait_exit() == 3, t.status
    return t


def case_complete_applet():
    t = Term()
    t.prompt()
    # The editor redraws only what changed: what ran shows what was completed.
    t.send("strerr\t")
    t.line("4")  # "strerror 4": completed, with a space after it
    t.expect(b"[ 4] EINTR : Interrupted system call")
    t.prompt()
    return t


def case_complete_option():
    t = Term()
    t.prompt()
    t.send("strerror --js\t")
    t.line("2")
    t.expect(b'{"errno":2,"name":"ENOENT"')
    t.prompt()
    t.send("osbox strerror --sea\t")
    t.line("broken 32")  # "--search=broken 32": no space after the =
    t.expect(b"[32] EPIPE : Broken pipe")
    t.prompt()
    return t


def case_complete_file():
    with open("my file.txt", "w") as f:
        f.write("contents of my file\n")
    os.makedirs("subdir/inner", exist_ok=True)
    t = Term()
    t.prompt()
    t.send("cat my\t")  # "my\ file.txt ": quoted where needed
    t.send("\r")
    t.expect(b"contents of my file")
    t.prompt()
    t.send("echo subd\t")  # a directory: no space, so the next level follows
    t.send("i\t")
    t.send("\r")
    t.expect(b"subdir/inner/\r\n")
    t.prompt()
    return t


def case_list_candidates():
    for n in ("alpha1", "alpha2"):
        open(n, "w").close()
    t = Term()
    t.prompt()
    t.send("echo alp\t")  # the common prefix, "alpha"
    t.send("\t")  # nothing to add: a beep
    t.expect(b"\a")
    t.send("\t")  # again: the list  # ambiguous: the candidates are listed
    t.expect(b"(?s)alpha1 +alpha2")
    t.send("2\r")
    t.expect(b"\r\nalpha2\r\n")
    return t


def case_history():
    t = Term()
    t.prompt()
    for cmd in ("echo first-session", "echo dup", "echo dup", "echo last"):
        t.line(cmd)
        t.prompt()
    t.line("echo multi |")  # continued on a second line, kept as one
    t.expect(b"> ")
    t.line("tr m M")
    t.expect(b"Multi")
    t.prompt()
    t.line("history")
    t.expect(b"(?s)first-session.*dup\r\n.*last\r\n.*echo multi \\| tr m M\r\n")
    t.prompt()
    t.send(b"\x04")
    t.wait_exit()
    t.close()
    # a second session recalls the first one's lines: Ctrl-P, and Ctrl-R
    t = Term()
    t.prompt()
    t.send(b"\x10")  # previous line
    t.expect(b"history")
    t.send(b"\x15")  # kill the line
    t.send(b"\x12first")  # incremental search
    t.expect(b"echo first-session")
    t.send(b"\r")
    t.expect(b"\r\nfirst-session\r\n")
    t.prompt()
    return t


def case_interrupt():
    t = Term()
    t.prompt()
    t.line("/bin/sh -c 'echo rea''dy; exec sleep 60'")
    t.expect(b"ready")
    t.send(b"\x03")
    t.prompt()
    t.line("echo status $?")
    t.expect(b"status 130")
    t.prompt()
    t.send("some partial line")
    t.send(b"\x03")  # at the prompt: the line is dropped
    t.prompt()
    t.line("echo alive")
    t.expect(b"\r\nalive\r\n")
    return t


def case_interrupt_loop():
    """Ctrl-C stops a loop of builtins, which runs in the shell itself."""
    t = Term()
    t.prompt()
    t.line("while :; do :; done")
    time.sleep(0.3)
    t.send(b"\x03")
    t.prompt()
    t.line("echo status $?")
    t.expect(b"status 130")
    t.prompt()
    return t


def case_stop_and_fg():
    t = Term()
    t.prompt()
    t.line("/bin/sh -c 'echo rea''dy; exec sleep 60'")
    t.expect(b"ready")
    t.send(b"\x1a")
    t.expect(b"Stopped")
    t.prompt()
    t.line("jobs")
    t.expect(b"[1]+  Stopped")
    t.prompt()
    t.line("fg")
    t.expect(b"exec sleep 60")
    t.send(b"\x03")
    t.prompt()
    t.line("echo status $?; jobs")
    t.expect(b"status 130\r\n")
    t.prompt()
    return t


def case_background():
    t = Term()
    t.prompt()
    # the job cannot end before wait runs: it waits for the file "go"
    t.line("sh -c 'while ! test -e go; do sleep 0.01; done; exit 5' &")
    t.expect(b"(?s)\\[1\\] [0-9]+")
    t.prompt()
    t.line("jobs; touch go; wait %1; echo status $?")
    t.expect(b"[1]+  Running")
    t.expect(b"status 5")
    t.prompt()
    return t


def wchan(pid):
    with open(f"/proc/{pid}/wchan") as f:
        return f.read()


def case_wait_interrupt():
    t = Term()
    t.prompt()
    t.line("sleep 60 &")
    t.prompt()
    t.line("wait; echo status $?")
    end = time.monotonic() + TIMEOUT  # until the shell sits in wait(2)
    while wchan(t.pid) != "do_wait":
        if time.monotonic() > end:
            raise Fail("the shell is not waiting")
        time.sleep(0.01)
    t.send(b"\x03")
    t.expect(b"status 130")
    t.prompt()
    t.line("jobs")
    t.expect(b"Running")  # the job was not interrupted, only the wait
    t.prompt()
    return t


def case_exit_stopped():
    t = Term()
    t.prompt()
    t.line("/bin/sh -c 'echo rea''dy; exec sleep 60'")
    t.expect(b"ready")
    t.send(b"\x1a")
    t.prompt()
    t.line("exit")
    t.expect(b"shell: there are stopped jobs")
    t.prompt()
    # a stopped job is continued to get the signal; wait on the same line,
    # before the prompt's notice can report the job and forget it
    t.line("kill %1; wait %1; echo status $?")
    t.expect(b"status 143")
    t.prompt()
    t.line("exit 4")
    assert t.wait_exit() == 4, t.status
    return t


def case_utf8():
    t = Term()
    t.prompt()
    # é is two bytes: one backspace must remove it whole
    t.send("echo xé".encode())
    t.send(b"\x7f")
    t.line("y")
    t.expect(b"\r\nxy\r\n")
    t.prompt()
    t.send("echo aéb\x02\x7f".encode())  # ^B, then backspace removes é
    t.send(b"\r")
    t.expect(b"\r\nab\r\n")
    return t


def case_resize():
    t = Term()
    t.prompt()
    # narrower while the line is being read: libedit wraps this very line
    fcntl.ioctl(t.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 20, 0, 0))
    word = "x" * 30 + "-ok"
    t.line("echo " + word)
    shown = t.expect(b"(?s)(.*?)\r\n" + word.encode() + b"\r\n").group(1)
    assert word.encode() not in shown, shown  # the typed line was wrapped
    t.prompt()
    return t


def case_eof():
    t = Term()
    t.prompt()
    t.line("false")
    t.prompt()
    t.send(b"\x04")
    assert t.wait_exit() == 1, t.status
    return t


def case_zsh():
    """The generated zsh completion, in zsh: COMPLETION_DIR holds _osbox,
    and osbox and a link named strerror are in PATH."""
    e = dict(os.environ)
    e.update({"TERM": "xterm", "LC_ALL": "C.UTF-8", "PS1": "PS> ", "HOME": os.getcwd()})
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe("zsh", ["zsh", "-f"], e)
    t = Term.__new__(Term)
    t.pid, t.fd, t.seen, t.pos, t.status = pid, fd, b"", 0, None
    t.expect(PROMPT)
    t.line("fpath=($COMPLETION_DIR $fpath); autoload -Uz compinit; compinit -u -d $HOME/.zcd; echo re''ady")
    t.expect(b"ready")
    t.expect(PROMPT)
    t.send("strerror --js\t")  # a link's name
    t.expect(b"on")  # zsh drops keys typed ahead of a completion: wait for it
    t.line(" 2")
    t.expect(b'{"errno":2,"name":"ENOENT"')
    t.expect(PROMPT)
    t.send("osbox strerror --sea\t")  # osbox APPLET
    t.expect(b"--search")
    t.line("pipe 32")
    t.expect(b"[32] EPIPE : Broken pipe")
    t.expect(PROMPT)
    return t


def main():
    name = sys.argv[1]
    fn = globals()["case_" + name]
    t = None
    try:
        t = fn()
    except (Fail, AssertionError) as e:
        print(f"{name}: {e}")
        if t is None:
            # the Term is in the frame; show what is known
            pass
        tb = sys.exc_info()[2]
        while tb.tb_next:
            tb = tb.tb_next
        term = tb.tb_frame.f_locals.get("t") or tb.tb_frame.f_locals.get("self")
        if isinstance(term, Term):
            print("terminal showed:", term.seen.decode("utf-8", "replace"))
        sys.exit(1)
    finally:
        if isinstance(t, Term):
            t.close()


if __name__ == "__main__":
    main()
