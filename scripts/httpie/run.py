#!/usr/bin/env python3
"""Tests of the HTTPie plugin (integrations/httpie): its unit tests against Vectors/, then the real `http` command
against the in-memory stand-in (`xiaoa-crypto serve` on a free port): add, login, update and delete answering 0,
and rejections that show what was sent. Run by scripts/test-httpie in a venv that has httpie and the plugin.
Last line: "test-httpie: N passed, M failed".
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "lib"))
sys.path.insert(0, os.path.join(here, "..", "server"))
import testkit  # noqa: E402
from testkit import check, sign  # noqa: E402
from e2e import Server, encrypt  # noqa: E402  (the server harness and the independent cipher of test-server)


class CountingResult(unittest.TextTestResult):
    """Counts every test and every subtest (one per vector case) into testkit's totals."""

    def addSuccess(self, test):
        super().addSuccess(test)
        if not getattr(test, "_had_subtests", False):
            check(f"unit {test.id()}", True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        check(f"unit {test.id()}", False, self._exc_info_to_string(err, test).splitlines()[-1])

    def addError(self, test, err):
        super().addError(test, err)
        check(f"unit {test.id()}", False, self._exc_info_to_string(err, test).splitlines()[-1])

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        test._had_subtests = True
        if err is not None:
            check(f"unit {subtest.id()}", False, self._exc_info_to_string(err, test).splitlines()[-1])
        else:
            testkit.passed += 1  # one vector case; not printed, there are hundreds


def unit_tests(tests_dir):
    print("--- unit tests (Vectors/sign.json, Vectors/password.json, body rewriting)")
    before = testkit.passed
    suite = unittest.defaultTestLoader.discover(tests_dir)
    unittest.TextTestRunner(resultclass=CountingResult, stream=open(os.devnull, "w"), verbosity=0).run(suite)
    print(f"      {testkit.passed - before} unit tests and vector cases passed")


def http(http_bin, base, endpoint, domain_key, *items):
    """One `http` run: the answer's JSON body (or None) and the request as sent (from --print=Bb)."""
    done = subprocess.run(
        [http_bin, "--ignore-stdin", "--print=Bb", "--pretty=none", "--auth-type=xiaoa", f"--auth={domain_key}:",
         "POST", f"{base}/assoc/{endpoint}", *items], capture_output=True, text=True, timeout=60)
    # --print=Bb: the request body, a blank line, the answer body.
    parts = done.stdout.strip().split("\n\n")
    sent = answer = None
    try:
        sent = json.loads(parts[0])
        answer = json.loads(parts[-1])
    except (ValueError, IndexError):
        pass
    return done, sent, answer


def expect(name, result, code, *, fields=None):
    done, sent, answer = result
    ok = done.returncode == 0 and isinstance(answer, dict) and answer.get("code") == code
    check(f"{name} -> {code}", ok, f"exit {done.returncode}, answer {answer!r}, stderr {done.stderr.strip()!r}")
    if fields is not None and isinstance(sent, dict):
        check(f"{name}: the body as sent", all(sent.get(k) == v for k, v in fields.items())
              and sent.get("sign") == sign(sent.get("timestamp", ""), sent.get("domain_key", "")), repr(sent))
    return answer


def end_to_end(http_bin, bin_dir, workdir):
    print("--- the real http command against the in-memory stand-in")
    server = Server(bin_dir, [], workdir, "httpie")
    base = server.base
    try:
        added = http(http_bin, base, "add", "demo", "user_name=demo", "password=123456", "c_username=c1")
        expect("add", added, 0, fields={"user_name": "demo", "password": encrypt("123456"), "c_username": "c1",
                                        "domain_key": "demo"})
        login = expect("login", http(http_bin, base, "login", "demo", "c_username=c1", "redirect=yxrw"), 0)
        url = (login or {}).get("data", {}).get("url", "") if isinstance((login or {}).get("data"), dict) else ""
        check("login: data.url has the token", "token=" in url and "Redirect=yxrw" in url, repr(login))
        # In memory, the account's password stays 123456: old_pwd (the binding's) and new_pwd (the user table's,
        # see docs/server.md, 20004) are both 123456.
        expect("update: new_pwd not the account's", http(
            http_bin, base, "update", "demo", "user_name=demo", "c_username=c1", "old_pwd=123456", "new_pwd=other"),
            20004)
        expect("update", http(
            http_bin, base, "update", "demo", "user_name=demo", "c_username=c1", "old_pwd=123456",
            "new_pwd=123456"), 0, fields={"old_pwd": encrypt("123456"), "new_pwd": encrypt("123456")})
        expect("unknown domain key", http(http_bin, base, "delete", "nope", "user_name=demo", "password=123456",
                                          "c_username=c1"), 10002)
        expect("delete", http(http_bin, base, "delete", "demo", "user_name=demo", "password=123456",
                              "c_username=c1"), 0)
        expect("delete again", http(http_bin, base, "delete", "demo", "user_name=demo", "password=123456",
                                    "c_username=c1"), 30001)
        replay = http(http_bin, base, "login", "demo", "c_username=c1", "timestamp=1700000000")
        check("a timestamp in the body is kept", isinstance(replay[1], dict)
              and replay[1].get("timestamp") == "1700000000" and replay[1].get("sign") == sign("1700000000", "demo"),
              repr(replay[1]))
        piped = subprocess.run([http_bin, "--print=b", "--pretty=none", "--auth-type=xiaoa", "--auth=demo:", "POST",
                                f"{base}/assoc/login"], input='{"c_username":"nobody"}', capture_output=True,
                               text=True, timeout=60)
        check("a JSON body from stdin is signed (login of an unknown binding -> 20001)",
              piped.returncode == 0 and '"code":20001' in piped.stdout.replace(" ", ""), piped.stdout + piped.stderr)
        chunked = subprocess.run([http_bin, "--ignore-stdin", "--chunked", "--auth-type=xiaoa", "--auth=demo:",
                                  "POST", f"{base}/assoc/login", "c_username=c1"], capture_output=True, text=True,
                                 timeout=60)
        check("--chunked is refused with one error line", chunked.returncode == 1 and "--chunked" in chunked.stderr
              and "Traceback" not in chunked.stderr, f"exit {chunked.returncode}: {chunked.stderr!r}")
        empty = subprocess.run([http_bin, "--ignore-stdin", "--offline", "--auth-type=xiaoa", "--auth=:", "POST",
                                f"{base}/assoc/login", "c_username=c1"], capture_output=True, text=True, timeout=60)
        check("an empty domain key: one error line, exit 1",
              empty.returncode == 1 and "domain key is empty" in empty.stderr and "Traceback" not in empty.stderr,
              f"exit {empty.returncode}: {empty.stderr!r}")
    finally:
        server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--http", required=True, help="the http command (HTTPie with the plugin installed)")
    parser.add_argument("--tests", required=True, help="the plugin's unit-test folder")
    options = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="xiaoa-test-httpie-")
    try:
        unit_tests(options.tests)
        end_to_end(options.http, options.bin_dir, workdir)
    except Exception as error:  # a crash of the test itself is a failure, never a silent pass
        check("test-httpie ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"test-httpie: {testkit.passed} passed, {testkit.failed} failed")
    return 0 if testkit.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
