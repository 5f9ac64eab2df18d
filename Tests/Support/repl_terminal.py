#!/usr/bin/env python3
"""Drives `rubric repl` through a pseudo-terminal, as a person at a keyboard would.

Usage: repl_terminal.py RUBRIC_BINARY

Checks line editing (cursor left and insertion), tab completion, Ctrl-C while an evaluation
runs (it stops and the prompt comes back), Ctrl-C at the prompt (the line is dropped), the
history file, and Ctrl-D (the REPL exits with status 0). Prints "ok" and exits 0 when every
check passes; otherwise prints what it expected and the screen so far, and exits 1.
"""
import os
import pty
import select
import signal
import sys
import tempfile
import time

LEFT = b"\x1b[D"
CTRL_C = b"\x03"
CTRL_D = b"\x04"
TAB = b"\t"
# Prompts start a line ("\n> " is never part of an error's " --> " line).
PROMPT = "\n> "
CONTINUATION = "\n... "


class Terminal:
    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(argv[0], argv, env)
        RUNNING.append(self.pid)
        self.output = b""
        self.mark = 0

    def send(self, data):
        os.write(self.fd, data)

    def read(self, timeout):
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:
            return None
        if not chunk:
            return None
        self.output += chunk
        return True

    def expect(self, text, timeout=30.0):
        """Waits until `text` appears after the last match; the next search starts after it."""
        needle = text.encode()
        deadline = time.monotonic() + timeout
        while True:
            index = self.output.find(needle, self.mark)
            if index >= 0:
                self.mark = index + len(needle)
                return
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.read(remaining) is None:
                fail(f"expected {text!r}", self.output[self.mark:])

    def wait_exit(self, timeout=30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                RUNNING.remove(pid)
                return status
            self.read(0.1)
        fail("the REPL did not exit after Ctrl-D", self.output[self.mark:])


# The REPL under test, stopped if a check fails so that nothing is left running.
RUNNING = []


def fail(message, screen):
    print(f"FAIL: {message}\n--- screen since the last match ---\n{screen.decode(errors='replace')}", file=sys.stderr)
    for pid in RUNNING:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    sys.exit(1)


def main():
    binary = sys.argv[1]
    home = tempfile.mkdtemp(prefix="repl-terminal-")
    history = os.path.join(home, "history")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TERM": "xterm",
           "LANG": "C.UTF-8", "RUBRIC_HISTORY": history}
    term = Terminal([binary, "repl", "--fuel", "100000000000"], env)
    term.expect(PROMPT)

    # Line editing: "1 + 5", four steps left (just after the "1"), insert "2": 12 + 5.
    term.send(b"1 + 5" + LEFT * 4 + b"2\r")
    term.expect("17 : int")
    term.expect(PROMPT)

    # Tab completion of a builtin: "uppe" completes to "upper" (else the call is an unknown name).
    term.send(b"uppe" + TAB + b'("ab")\r')
    term.expect('"AB" : string')
    term.expect(PROMPT)

    # Ctrl-C while an evaluation runs stops it; the prompt comes back. (10^10 iterations over
    # one list built once: neither fuel nor memory runs out first.)
    term.send(b"let r = range(100000)\r")
    term.expect("r = [0,1,")
    term.expect(PROMPT)
    term.send(b"len([1 for x in r for y in r if x < 0])\r")
    time.sleep(0.5)
    term.send(CTRL_C)
    term.expect("E1207")
    term.expect(PROMPT)
    term.send(b"6 * 7\r")
    term.expect("42 : int")
    term.expect(PROMPT)

    # Ctrl-C at the prompt drops the line being typed, and an unfinished entry.
    term.send(b"[1, 2," + b"\r")
    term.expect(CONTINUATION)
    term.send(b"this is dropped" + CTRL_C)
    term.expect(PROMPT)
    term.send(b"2 + 2\r")
    term.expect("4 : int")
    term.expect(PROMPT)

    # Ctrl-D on an empty line leaves with status 0.
    term.send(CTRL_D)
    status = term.wait_exit()
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        fail(f"exit status {status}", term.output)
    with open(history, encoding="utf-8", errors="replace") as saved:
        text = saved.read()
    if "6 * 7" not in text.replace("\\040", " "):
        fail("the history file lacks '6 * 7'", text.encode())
    print("ok")


if __name__ == "__main__":
    main()
