"""Helpers shared by the Python end-to-end tests (scripts/server/e2e.py, scripts/console/test_console.py).

The sign is computed here with hashlib, independently of the code under test; checks print one line each and are
counted for the closing "N passed, M failed" line.
"""
import hashlib
import socket
import sys
import time

passed = 0
failed = 0


def check(name, condition, detail=""):
    """Prints `ok NAME` or `FAIL NAME: DETAIL`, counts it, and returns the condition."""
    global passed, failed
    if condition:
        passed += 1
        print(f"ok    {name}")
    else:
        failed += 1
        print(f"FAIL  {name}" + (f": {detail}" if detail else ""))
    sys.stdout.flush()
    return condition


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def sign(timestamp, domain_key):
    """substr(md5(md5(timestamp . domain_key)), 8, 10), as the vendor's PHP computes it."""
    return md5(md5(timestamp + domain_key))[8:18]


def lettered_now(domain_key):
    """The current Unix time as text, or the latest second before it whose sign has a letter a-f: a test that
    upper-cases a sign needs one that changes (about 1 sign in 110 is ten digits and reads the same upper-cased)."""
    now = int(time.time())
    return next(str(t) for t in range(now, now - 60, -1) if any(c in "abcdef" for c in sign(str(t), domain_key)))


def free_port():
    """A TCP port on loopback that was free a moment ago."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
