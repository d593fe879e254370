"""End-to-end test of `xiaoa-crypto verify har` (scripts/test-har runs it).

mitmdump in reverse mode, with its HAR export, in front of the real stand-in (`xiaoa-crypto serve`) records requests
of every code and one that is no API call; `verify har` must report each entry's real answer (actual), predict
every request-level code, name the mistakes, and judge the same way later. Then files that are truncated, missing
or not HAR, and the handwritten devtools HARs of fixtures/ against their expected verdicts.
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "lib"))
sys.path.insert(0, os.path.join(here, "..", "server"))
import testkit  # noqa: E402
from testkit import check, free_port, md5, sign  # noqa: E402
from e2e import Server, encrypt, public, run_cli  # noqa: E402

DK = "dk-har-secret"


def password_with_plus():
    """A password whose ciphertext has a '+', so that a '+' turned into a space can be sent (fixed, not random)."""
    for n in range(1000):
        candidate = f"pw-{n}"
        if "+" in encrypt(candidate):
            return candidate
    raise RuntimeError("no password with a '+' in its ciphertext")


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


def send(base, path, body=None, method="POST", raw=None, content_type="application/json;charset=utf-8"):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            raw_answer = response.read()
    except urllib.error.HTTPError as error:
        raw_answer = error.read()
    try:
        return json.loads(raw_answer).get("code")
    except (ValueError, AttributeError):
        return None


def verify(bin_dir, args, stdin=None):
    return run_cli(bin_dir, ["verify", "har"] + args, stdin=stdin)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--mitmdump", required=True)
    parser.add_argument("--repo", default=os.getcwd())
    options = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="xiaoa-test-har-")
    try:
        recorded(options.bin_dir, options.mitmdump, workdir)
        fixtures(options.bin_dir, os.path.join(here, "fixtures"))
    except Exception as error:  # a crash of the test itself is a failure, never a silent pass
        check("test-har ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"test-har: {testkit.passed} passed, {testkit.failed} failed")
    return 0 if testkit.failed == 0 else 1


def recorded(bin_dir, mitmdump, workdir):
    print("--- mitmdump (reverse mode, hardump) in front of the stand-in: every code, recorded")
    check("mitmdump is installed", os.access(mitmdump, os.X_OK), mitmdump)
    password = password_with_plus()
    db = os.path.join(workdir, "xiaoa.sqlite")
    made = run_cli(bin_dir, ["serve", "users", "add", "xa", "--db", db], stdin=password + "\n")
    check("users add", made.returncode == 0, made.stderr)
    server = Server(bin_dir, ["--db", db, "--domain-key", DK, "--max-skew", "300"], workdir, "standin")
    har = os.path.join(workdir, "capture.har")
    proxy = Mitmdump(mitmdump, server.base, har, workdir)
    # (name, method, path, body or raw bytes, content type, answer, predicted, finding ids that must be named)
    sent = []
    add_timestamp = []
    try:
        def post(name, path, body=None, raw=None, method="POST", content_type="application/json;charset=utf-8",
                 actual=0, predicted=0, ids=()):
            code = send(proxy.base, path, body, method=method, raw=raw, content_type=content_type)
            check(f"through mitmdump: {name} -> {actual}", code == actual, f"answered {code}")
            sent.append((name, actual, predicted, list(ids)))

        cipher = encrypt(password)
        add = dict(public(DK), user_name="xa", password=cipher, c_username="c1")
        add_timestamp.append(add["timestamp"])
        post("add", "/assoc/add", add)
        post("add again", "/assoc/add", dict(add, **public(DK)), actual=20003)
        post("upper-case sign", "/assoc/add", dict(add, sign=add["sign"].upper()), actual=10001, predicted=10001,
             ids=["request.sign", "sign.outerUppercase"])
        ms = str(int(time.time() * 1000))
        post("millisecond timestamp", "/assoc/add", dict(add, **public(DK, ms)), actual=10001, predicted=10001,
             ids=["request.timestamp", "sign.millisecondTimestamp"])
        stale = str(int(time.time()) - 1000)
        post("stale timestamp", "/assoc/add", dict(add, **public(DK, stale)), actual=10001, predicted=10001,
             ids=["request.timestamp", "sign.timestampTooOld"])
        post("unknown domain key", "/assoc/add", dict(add, **public("not-a-key")), actual=10002, predicted=10002,
             ids=["request.domainKey"])
        post("missing c_username", "/assoc/add", {k: v for k, v in add.items() if k != "c_username"},
             actual=10000, predicted=10000, ids=["request.fields"])
        post("not JSON", "/assoc/add", raw=b"user_name=xa&c_username=c1", actual=10000, predicted=10000,
             ids=["request.json"])
        form = urllib.parse.urlencode(dict(add, **public(DK))).encode()
        post("form post", "/assoc/add", raw=form, content_type="application/x-www-form-urlencoded", actual=10000,
             predicted=10000, ids=["request.json", "request.formEncoded"])
        # The domain key in the query: masked in the URL too.
        post("GET", f"/assoc/add?domain_key={DK}", method="GET", actual=30002, predicted=30002,
             ids=["server.notPost"])
        post("'+' turned into a space", "/assoc/add", dict(add, **public(DK), password=cipher.replace("+", " ")),
             actual=20002, predicted=20002, ids=["request.password", "cipher.plusAsSpace"])
        post("login", "/assoc/login", dict(public(DK), c_username="c1", redirect="yxrw"))
        post("update", "/assoc/update",
             dict(public(DK), user_name="xa", c_username="c1", old_pwd=cipher, new_pwd=cipher))
        delete = dict(public(DK), user_name="xa", password=cipher, c_username="c1")
        post("delete", "/assoc/delete", delete)
        post("delete twice", "/assoc/delete", dict(delete, **public(DK)), actual=30001)
        other = urllib.request.Request(proxy.base + "/robots.txt", method="GET")
        try:
            urllib.request.urlopen(other, timeout=30).read()
        except urllib.error.HTTPError:
            pass
    finally:
        status = proxy.stop()
        server.stop()
    check("mitmdump stops on SIGINT and writes its HAR", status == 0 and os.path.exists(har), f"exit {status}")

    args = [har, "--domain-key", DK, "--max-skew", "300"]
    first = verify(bin_dir, args + ["--format", "json"])
    check("verify har: exit 1 (some entries refused)", first.returncode == 1, first.stderr)
    report = json.loads(first.stdout)
    entries = report["entries"]
    summary = report["summary"]
    check("summary: every request an entry, the one that is no API call skipped",
          summary["entries"] == len(sent) + 1 and summary["api"] == len(sent) and summary["skipped"] == 1, summary)
    check("one JSON entry per API call, in the order sent", [e["index"] for e in entries] == list(range(len(sent))),
          [e["index"] for e in entries])
    check("entries have index, started, method, url, endpoint, predicted, actual, findings",
          all(list(e) == sorted(["index", "started", "method", "url", "endpoint", "predicted", "actual", "findings"])
              for e in entries))
    for entry, (name, actual, predicted, ids) in zip(entries, sent):
        named = [f["id"] for f in entry["findings"]]
        check(f"{name}: actual {actual}, predicted {predicted}, names {', '.join(ids) or 'nothing'}",
              entry["actual"] == actual and entry["predicted"] == predicted and all(i in named for i in ids)
              and not any(i.startswith("capture.") for i in named), json.dumps(entry)[:400])
    check("summary: no answer disagrees with its prediction", summary["disagreements"] == 0, summary)
    check("every request-level code is predicted", sorted({p for _, _, p, _ in sent if p}) ==
          [10000, 10001, 10002, 20002, 30002])

    upper = sign(add_timestamp[0], DK).upper()
    secrets = [DK, encrypt(password), upper]
    check("domain keys, signs and ciphertexts are masked",
          not any(s in first.stdout for s in secrets) and "***" in first.stdout)
    shown = verify(bin_dir, args + ["--format", "json", "--show-secrets"])
    check("--show-secrets shows them", DK in shown.stdout and upper in shown.stdout, shown.stdout[:300])

    text = verify(bin_dir, args)
    lines = text.stdout.splitlines()
    heads = [line for line in lines if line.startswith("#")]
    check("text: one line per API entry, findings indented below, a summary last",
          len(heads) == len(sent) and all(line.startswith(("#", "    ")) for line in lines[:-1])
          and lines[-1].startswith(f"{len(sent) + 1} entries: {len(sent)} API calls"), text.stdout[-600:])
    failures = verify(bin_dir, args + ["--only-failures", "--format", "json"])
    shown_failures = json.loads(failures.stdout)["entries"]
    check("--only-failures: the refused entries only, the summary whole",
          len(shown_failures) == sum(1 for _, a, p, _ in sent if a or p)
          and json.loads(failures.stdout)["summary"] == summary)
    with open(har, "rb") as f:
        piped = verify(bin_dir, ["-"] + args[1:] + ["--format", "json"], stdin=f.read().decode())
    check("the HAR read from stdin (-) is judged the same", piped.stdout == first.stdout)

    # Later, with a skew of 5 s: judged at today's clock (6 s or more after the last request) every entry would
    # be stale; judged at its own startedDateTime the good ones stay fresh, and the verdicts are those of a run
    # with a wide skew.
    time.sleep(6)
    later = verify(bin_dir, [har, "--domain-key", DK, "--max-skew", "5", "--format", "json"])
    check("later, --max-skew 5: the same verdicts (skew judged at startedDateTime)",
          [(e["predicted"], e["actual"]) for e in json.loads(later.stdout)["entries"]]
          == [(e["predicted"], e["actual"]) for e in entries], later.stdout[:400])
    again = verify(bin_dir, args + ["--format", "json"])
    check("run again later: the same output", again.stdout == first.stdout and again.returncode == 1)
    wrong_key = verify(bin_dir, [har, "--domain-key", "another-key", "--max-skew", "300", "--format", "json"])
    differs = [f["id"] for e in json.loads(wrong_key.stdout)["entries"] for f in e["findings"]]
    check("judged with another key than the server's: the disagreements are named",
          "capture.answerDiffers" in differs, differs)

    print("--- files that are not HAR")
    with open(har, "rb") as f:
        data = f.read()
    truncated = os.path.join(workdir, "truncated.har")
    with open(truncated, "wb") as f:
        f.write(data[: len(data) // 2])
    cut = verify(bin_dir, [truncated, "--domain-key", DK])
    check("truncated HAR -> exit 65, where and why",
          cut.returncode == 65 and cut.stderr.startswith(f"error: {truncated}: not valid JSON at line "), cut.stderr)
    not_har = os.path.join(workdir, "not.har")
    with open(not_har, "w") as f:
        f.write('{"log": {"version": "1.2"}}')
    bad = verify(bin_dir, [not_har, "--domain-key", DK])
    check("JSON that is not HAR -> exit 65", bad.returncode == 65 and "log.entries" in bad.stderr, bad.stderr)
    missing = verify(bin_dir, [os.path.join(workdir, "missing.har"), "--domain-key", DK])
    check("missing file -> exit 66", missing.returncode == 66 and missing.stderr.startswith("error:"), missing.stderr)
    nokey = verify(bin_dir, [har])
    check("no domain key -> exit 64", nokey.returncode == 64, nokey.stderr)


def fixtures(bin_dir, folder):
    print("--- handwritten HARs in the style of Chromium's and Firefox's devtools")
    for name in ["chromium", "firefox"]:
        with open(os.path.join(folder, f"{name}.expected.json")) as f:
            expected = json.load(f)
        result = verify(bin_dir, [os.path.join(folder, f"{name}.har"), "--domain-key", "dk-fixture",
                                  "--max-skew", "300", "--format", "json"])
        check(f"{name}.har: exit {expected['exit']}", result.returncode == expected["exit"], result.stderr)
        report = json.loads(result.stdout or "{}")
        got = [{"index": e["index"], "predicted": e["predicted"], "actual": e["actual"],
                "ids": [f["id"] for f in e["findings"]]} for e in report.get("entries", [])]
        check(f"{name}.har: every entry as expected", got == expected["entries"], json.dumps(got))
        check(f"{name}.har: summary as expected", report.get("summary") == expected["summary"], report.get("summary"))


if __name__ == "__main__":
    sys.exit(main())
