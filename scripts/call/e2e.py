#!/usr/bin/env python3
"""End-to-end test of `xiaoa-crypto call` against the real stand-in, and of the XiaoaClient example package.

Each case runs the real binary and compares its stdout, stderr and exit status. The stand-in is started with the
helpers of scripts/server/e2e.py; the failing servers (silent, HTML, 502) are small Python sockets here.
Last line: "test-call: N passed, M failed".
"""
import argparse
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
import testkit  # noqa: E402
from testkit import check, free_port  # noqa: E402
from e2e import Server  # noqa: E402

MEANING = "meaning: request handled successfully\n"
# The stand-in's messages for code 0, one per endpoint, as the vendor's server words them.
ADDED, LOGGED_IN, UPDATED, DELETED = (
    f"code: 0\nmessage: {text}\n{MEANING}" for text in ("绑定成功", "请求成功", "修改成功", "解除成功"))


class Call:
    def __init__(self, bin_dir, base):
        self.bin_dir, self.base = bin_dir, base

    def __call__(self, *args, stdin="", env=None, base=None, via_main=True):
        command = [os.path.join(self.bin_dir, "xiaoa-crypto"), "call"] if via_main else [
            os.path.join(self.bin_dir, "xiaoa-crypto-call")]
        command += [args[0], "--base-url", base or self.base] + list(args[1:])
        environment = dict(os.environ, COLUMNS="120", **(env or {}))
        result = subprocess.run(command, input=stdin.encode(), capture_output=True, env=environment, timeout=60)
        return result.returncode, result.stdout.decode(), result.stderr.decode()


def expect(name, result, status, stdout=None, stderr_start=None, stderr_has=(), stdout_has=()):
    code, out, err = result
    detail = f"exit {code}, stdout {out!r}, stderr {err!r}"
    ok = code == status
    if stdout is not None:
        ok = ok and out == stdout
    if stderr_start is not None:
        ok = ok and err.startswith(stderr_start)
        # Each failure is one error: line (hint: lines may follow).
        ok = ok and (not stderr_start.startswith("error:") or err.count("error:") == 1)
    ok = ok and all(text in err for text in stderr_has) and all(text in out for text in stdout_has)
    check(name, ok, detail)


def add_args(user="xa", c="c1"):
    return ["--domain-key", "demo", "--user-name", user, "--c-username", c]


def endpoints(call, server_dir, bin_dir):
    add = lambda pw, user="xa", c="c1", **kw: call("assoc/add", *add_args(user, c), stdin=pw + "\n", **kw)  # noqa
    expect("add: 0", add("123456"), 0, ADDED, stderr_start="")
    expect("add: 20003 duplicate association, exit 1, one error line", add("123456"), 1,
           "code: 20003\nmessage: 关联重复\nmeaning: duplicate association\n",
           stderr_start="error: /assoc/add: 20003 关联重复 (duplicate association)")
    expect("add: 20002 wrong password", add("wrong", c="c2"), 1, stdout_has=("code: 20002",),
           stderr_start="error: /assoc/add: 20002")
    expect("add: 20001 unknown user", add("123456", user="nobody", c="c2"), 1, stdout_has=("code: 20001",))
    expect("add: password from --password-env", call(
        "assoc/add", *add_args(c="c3"), "--password-env", "PW", env={"PW": "123456"}), 0, ADDED)
    expect("add via xiaoa-crypto-call directly", call(
        "assoc/add", *add_args(c="c4"), stdin="123456\n", via_main=False), 0, ADDED)

    login = call("assoc/login", "--domain-key", "demo", "--c-username", "c1", "--redirect", "yxrw")
    expect("login: 0 and the URL", login, 0, stdout_has=(LOGGED_IN, "\nurl: http://127.0.0.1:", "Redirect=yxrw&token="))
    code, out, _ = call("assoc/login", "--domain-key", "demo", "--c-username", "c1", "--format", "json")
    check("login --format json: the vendor's JSON as received",
          code == 0 and out.startswith('{"code":0,"message":"请求成功","data":{"url":"http://'), out)
    expect("login: 20001 no binding", call("assoc/login", "--domain-key", "demo", "--c-username", "nobody"), 1,
           stdout_has=("code: 20001",), stderr_start="error: /assoc/login: 20001")

    update = lambda lines, c="c1": call("assoc/update", *add_args(c=c), stdin=lines)  # noqa: E731
    expect("update: 20001 no binding", update("123456\nnew\n", c="nobody"), 1, stdout_has=("code: 20001",))
    expect("update: 20002 old password wrong", update("wrong\nnew\n"), 1, stdout_has=("code: 20002",))
    subprocess.run([os.path.join(bin_dir, "xiaoa-crypto"), "serve", "users", "passwd", "xa", "--db", server_dir],
                   input=b"new\n", check=True, capture_output=True)
    expect("update: 20004 new password mismatch", update("123456\nother\n"), 1, stdout_has=("code: 20004",))
    expect("update: one line on stdin is bad input (65)", update("123456\n"), 65,
           stderr_start="error: assoc/update reads two lines (old password, then new password), found 1")
    expect("update: 0 (old, then new from stdin)", update("123456\nnew\n"), 0, UPDATED)

    delete = lambda pw, c="c1": call("assoc/delete", *add_args(c=c), stdin=pw + "\n")  # noqa: E731
    expect("delete: 30001 wrong password", delete("123456"), 1, stdout_has=("code: 30001",),
           stderr_start="error: /assoc/delete: 30001 失败 (failure)")
    expect("delete: 0", delete("new"), 0, DELETED)
    expect("delete: 30001 no binding any more", delete("new"), 1, stdout_has=("code: 30001",))

    expect("10002: the masked key as a hint, never the key", call(
        "assoc/login", "--domain-key", "wrong-key", "--c-username", "c1"), 1, stdout_has=("code: 10002",),
        stderr_start="error: /assoc/login: 10002", stderr_has=("hint: the server does not know the domain key sent, "
                                                                "wr…(9)",))
    code, _, err = call("assoc/login", "--domain-key", "wrong-key", "--c-username", "c1")
    check("10002: the key itself is not printed", "wrong-key" not in err, err)
    hour_ago = str(int(time.time()) - 3600)
    expect("10001: a timestamp an hour old, the clock hint and the local diagnosis", call(
        "assoc/login", "--domain-key", "demo", "--c-username", "c1", "--timestamp", hour_ago), 1,
        stdout_has=("code: 10001",), stderr_start="error: /assoc/login: 10001 签名验证失败",
        stderr_has=("hint: the clock this client signs with is 3", "behind the server's (its Date header)",
                    "(local diagnosis of what was sent)"))

    code, out, err = call("assoc/add", *add_args(c="c9"), "--verbose", stdin="new\n")
    check("--verbose: request and answer on stderr, key and password masked",
          code == 0 and "> POST http://127.0.0.1:" in err and '"domain_key":"…(4)"' in err
          and '"password":"***"' in err and "< HTTP 200" in err and '< {"code":0' in err
          and '"demo"' not in err and out == ADDED, err)


def failing_servers(call):
    port = free_port()
    expect("closed port: exit 69, one error line", call(
        "assoc/login", "--domain-key", "demo", "--c-username", "c1", base=f"http://127.0.0.1:{port}"), 69,
        "", stderr_start=f"error: connection refused by http://127.0.0.1:{port}/assoc/login")

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # never accepts: the kernel completes the handshake, nothing answers
    try:
        base = f"http://127.0.0.1:{silent.getsockname()[1]}"
        expect("silent server: exit 69 after --timeout", call(
            "assoc/login", "--domain-key", "demo", "--c-username", "c1", "--timeout", "1", base=base), 69, "",
            stderr_start=f"error: no answer from {base}/assoc/login in time")
    finally:
        silent.close()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status, kind, body = (502, "text/plain", b"bad gateway") if "login" in self.path else (
                200, "text/html", b"<html><body>Welcome to nginx</body></html>")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        expect("HTML answer: exit 76, one error line", call(
            "assoc/add", *add_args(), stdin="123456\n", base=base), 76, "",
            stderr_start=f"error: the answer of {base}/assoc/add is not the vendor's JSON: not a JSON object: "
                         '"<html><body>Welcome to nginx</body></html>"')
        expect("HTTP 502: exit 76", call(
            "assoc/login", "--domain-key", "demo", "--c-username", "c1", base=base), 76, "",
            stderr_start=f"error: {base}/assoc/login answered HTTP 502")
        port = free_port()
        code, out, err = call("assoc/add", *add_args(), "--dry-run", "--timestamp", "1700000000",
                              stdin="123456\n", base=f"http://127.0.0.1:{port}")
        check("--dry-run: the request printed, nothing sent (closed port, exit 0)", code == 0 and out == (
            f"POST http://127.0.0.1:{port}/assoc/add\nAccept: application/json\n"
            "Content-Type: application/json;charset=utf-8\n\n"
            '{"c_username":"c1","domain_key":"demo","password":"HHAEEXzBXY4FmXo0mOQ8Hw==","sign":"4fe608ff5e",'
            '"timestamp":"1700000000","user_name":"xa"}\n') and err == "", f"{code} {out!r} {err!r}")
    finally:
        server.shutdown()


def example(repo, base):
    package = os.path.join(repo, "Examples", "ClientExample")
    build = subprocess.run(["swift", "build", "--package-path", package], capture_output=True, text=True)
    if not check("Examples/ClientExample builds against this package by path", build.returncode == 0,
                 build.stderr[-2000:] + build.stdout[-2000:]):
        return
    binary = os.path.join(package, ".build", "debug", "ClientExample")
    run = subprocess.run([binary], capture_output=True, text=True, timeout=60,
                         env=dict(os.environ, XIAOA_BASE_URL=base, XIAOA_DOMAIN_KEY="demo"))
    lines = run.stdout.splitlines()
    check("Examples/ClientExample: add, login (the URL), update refused 20002, delete",
          run.returncode == 0 and len(lines) == 4 and lines[0] == "add: ok"
          and lines[1].startswith(f"login: ok {base}/login?Redirect=yxrw&token=")
          and lines[2] == "update: 20002 密码错误 (wrong password)" and lines[3] == "delete: ok",
          f"exit {run.returncode}, {run.stdout!r} {run.stderr!r}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--no-example", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "call.sqlite")
        serve = os.path.join(args.bin_dir, "xiaoa-crypto")
        subprocess.run([serve, "serve", "users", "add", "xa", "--db", db], input=b"123456\n", check=True,
                       capture_output=True)
        server = Server(args.bin_dir, ["--db", db, "--domain-key", "demo", "--max-skew", "300"], work, "call")
        try:
            call = Call(args.bin_dir, server.base)
            endpoints(call, db, args.bin_dir)
            failing_servers(call)
        finally:
            server.stop()
        if not args.no_example:
            db2 = os.path.join(work, "example.sqlite")
            subprocess.run([serve, "serve", "users", "add", "xa", "--db", db2], input=b"123456\n", check=True,
                           capture_output=True)
            server = Server(args.bin_dir, ["--db", db2, "--domain-key", "demo"], work, "example")
            try:
                example(args.repo, server.base)
            finally:
                server.stop()
    print(f"test-call: {testkit.passed} passed, {testkit.failed} failed")
    sys.exit(0 if testkit.failed == 0 else 1)


if __name__ == "__main__":
    main()
