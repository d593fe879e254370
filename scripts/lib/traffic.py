"""Traffic of every code, sent to a stand-in directly or through something in front of it (mitmproxy, our proxy).

Shared by scripts/har/test_har.py and scripts/proxy/test_proxy.py. The bodies are signed with hashlib and the
passwords encrypted with `cryptography` (scripts/server/e2e.py), never with our own code. `every_code` sends, in
a fixed order, requests that earn every request-level code and every answer of the accounts (good ones, an
upper-case sign, a millisecond timestamp, a stale timestamp, an unknown key, a missing field, not JSON, a form
post, a GET, a '+' turned into a space, login, update, delete twice) and one request that is no API call.
"""
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from testkit import check, free_port  # noqa: E402
from e2e import encrypt, public  # noqa: E402

JSON_TYPE = "application/json;charset=utf-8"


def password_with_plus():
    """A password whose ciphertext has a '+', so that a '+' turned into a space can be sent (fixed, not random)."""
    for n in range(1000):
        candidate = f"pw-{n}"
        if "+" in encrypt(candidate):
            return candidate
    raise RuntimeError("no password with a '+' in its ciphertext")


class Answer:
    """What came back for one request: HTTP status, headers (an email.message.Message) and the raw body."""

    def __init__(self, status, headers, raw):
        self.status, self.headers, self.raw = status, headers, raw
        try:
            self.code = json.loads(raw).get("code")
        except (ValueError, AttributeError):
            self.code = None

    def comparable(self):
        """The answer with what differs between two fresh stand-ins made equal: the login URL's port and token
        (signed with a secret of each server, at its own time), and in findings texts the signs (hex words with a
        digit) and numbers (seconds), which depend on the time sent."""
        body = re.sub(rb"token=[A-Za-z0-9._~%-]+", b"token=...", self.raw)
        body = re.sub(rb"//127\.0\.0\.1:[0-9]+/", b"//127.0.0.1:PORT/", body)
        findings = re.sub(r"\b[0-9A-Fa-f]*[0-9][0-9A-Fa-f]*\b", "X", self.headers.get("X-Xiaoa-Findings") or "")
        findings = re.sub(r"[0-9]+", "N", findings)
        return (self.status, self.headers.get("Content-Type"), findings, body)


def send(base, path, body=None, method="POST", raw=None, content_type=JSON_TYPE):
    """One request with urllib; an HTTP error status is an answer too."""
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


class Sent:
    """One request of `every_code`: its name, method and path, the code it must be answered, the code the request
    alone earns, the finding ids that must be named, and the answer that came."""

    def __init__(self, name, method, path, actual, predicted, ids, answer):
        self.name, self.method, self.path = name, method, path
        self.actual, self.predicted, self.ids, self.answer = actual, predicted, list(ids), answer


class Traffic:
    """The requests of one `every_code` run, in the order sent."""

    def __init__(self):
        self.sent = []
        self.add_timestamp = None
        self.cipher = None
        self.other = None  # the answer to the request that is no API call


def every_code(base, domain_key, password, label):
    """Sends the traffic of every code to `base` (a stand-in with account "xa" / `password`, fresh, accepting
    `domain_key` with a skew of 300 s), checks each answer's code, and returns the Traffic."""
    traffic = Traffic()

    def post(name, path, body=None, raw=None, method="POST", content_type=JSON_TYPE, actual=0, predicted=0, ids=()):
        answer = send(base, path, body, method=method, raw=raw, content_type=content_type)
        check(f"{label}: {name} -> {actual}", answer.code == actual, f"answered {answer.code}")
        traffic.sent.append(Sent(name, method, path, actual, predicted, ids, answer))

    dk = domain_key
    cipher = encrypt(password)
    traffic.cipher = cipher
    add = dict(public(dk), user_name="xa", password=cipher, c_username="c1")
    traffic.add_timestamp = add["timestamp"]
    post("add", "/assoc/add", add)
    post("add again", "/assoc/add", dict(add, **public(dk)), actual=20003)
    post("upper-case sign", "/assoc/add", dict(add, sign=add["sign"].upper()), actual=10001, predicted=10001,
         ids=["request.sign", "sign.outerUppercase"])
    ms = str(int(time.time() * 1000))
    post("millisecond timestamp", "/assoc/add", dict(add, **public(dk, ms)), actual=10001, predicted=10001,
         ids=["request.timestamp", "sign.millisecondTimestamp"])
    stale = str(int(time.time()) - 1000)
    post("stale timestamp", "/assoc/add", dict(add, **public(dk, stale)), actual=10001, predicted=10001,
         ids=["request.timestamp", "sign.timestampTooOld"])
    post("unknown domain key", "/assoc/add", dict(add, **public("not-a-key")), actual=10002, predicted=10002,
         ids=["request.domainKey"])
    post("missing c_username", "/assoc/add", {k: v for k, v in add.items() if k != "c_username"},
         actual=10000, predicted=10000, ids=["request.fields"])
    post("not JSON", "/assoc/add", raw=b"user_name=xa&c_username=c1", actual=10000, predicted=10000,
         ids=["request.json"])
    form = urllib.parse.urlencode(dict(add, **public(dk))).encode()
    post("form post", "/assoc/add", raw=form, content_type="application/x-www-form-urlencoded", actual=10000,
         predicted=10000, ids=["request.json", "request.formEncoded"])
    # The domain key in the query: masked in the URL too.
    post("GET", f"/assoc/add?domain_key={dk}", method="GET", actual=30002, predicted=30002, ids=["server.notPost"])
    post("'+' turned into a space", "/assoc/add", dict(add, **public(dk), password=cipher.replace("+", " ")),
         actual=20002, predicted=20002, ids=["request.password", "cipher.plusAsSpace"])
    post("login", "/assoc/login", dict(public(dk), c_username="c1", redirect="yxrw"))
    post("update", "/assoc/update", dict(public(dk), user_name="xa", c_username="c1", old_pwd=cipher, new_pwd=cipher))
    delete = dict(public(dk), user_name="xa", password=cipher, c_username="c1")
    post("delete", "/assoc/delete", delete)
    post("delete twice", "/assoc/delete", dict(delete, **public(dk)), actual=30001)
    traffic.other = send(base, "/robots.txt", method="GET")
    return traffic


class Mitmdump:
    """mitmdump in reverse mode in front of `upstream`, writing a HAR to `har` when it stops."""

    def __init__(self, mitmdump, upstream, har, workdir):
        self.port = free_port()
        self.har = har
        self.log = open(os.path.join(workdir, "mitmdump.log"), "w")
        self.process = subprocess.Popen(
            [mitmdump, "--mode", f"reverse:{upstream}", "--listen-host", "127.0.0.1", "-p", str(self.port),
             "--set", f"hardump={har}", "--set", "termlog_verbosity=warn"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mitmdump exited with {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("mitmdump did not listen within 60 s")

    def stop(self):
        """SIGINT, as at a terminal: mitmdump writes the HAR on the way out."""
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=30)
        finally:
            self.log.close()
