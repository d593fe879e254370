"""End-to-end test of `xiaoa-crypto proxy` (scripts/test-proxy runs it).

The traffic of every code (scripts/lib/traffic.py) is sent three times, each time to a fresh stand-in: directly,
through mitmdump in reverse mode (its HAR export) and through `xiaoa-crypto proxy --har --log`. Every answer through
the proxy must equal the other two; the proxy's log has one line per API request with the predicted and the actual
code; its HAR is mode 0600, loads in mitmproxy (`mitmdump -nr`) and in haralyzer, and `verify har` judges it as it
judges mitmdump's. Then: the HAR is complete after SIGTERM and after SIGINT; an echo upstream that records the exact
bytes it receives proves that requests and answers pass unchanged; an upstream that is killed (502, then recovery),
stalls past --timeout (504) or answers garbage (502); 50 concurrent clients.
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "lib"))
sys.path.insert(0, os.path.join(here, "..", "server"))
import testkit  # noqa: E402
from testkit import check, free_port, sign  # noqa: E402
from e2e import Server, public, run_cli  # noqa: E402
from traffic import Mitmdump, every_code, password_with_plus, send  # noqa: E402
from proxykit import (  # noqa: E402
    EchoUpstream, GarbageUpstream, Proxy, StallUpstream, exchange, json_or_none, read_log)

DK = "dk-proxy-secret"
API = ("/assoc/add", "/assoc/login", "/assoc/update", "/assoc/delete")
# Hop-by-hop headers (RFC 9110 7.6.1): the proxy must not pass them on.
HOP_BY_HOP = ("connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade",
              "proxy-authorization", "proxy-authenticate")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--mitmdump", required=True)
    parser.add_argument("--venv-python", required=True, help="the Python of the venv that has haralyzer")
    options = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="xiaoa-test-proxy-")
    command = [os.path.join(options.bin_dir, "xiaoa-crypto"), "proxy"]
    parts = [
        lambda: same_traffic(options.bin_dir, command, options.mitmdump, options.venv_python, workdir),
        lambda: har_on_signals(options.bin_dir, command, workdir),
        lambda: transparency(command, workdir),
        lambda: upstream_killed(options.bin_dir, command, workdir),
        lambda: stalling_and_garbage(command, workdir),
        lambda: concurrent_clients(options.bin_dir, command, workdir),
    ]
    names = ["same_traffic", "har_on_signals", "transparency", "upstream_killed", "stalling_and_garbage",
             "concurrent_clients"]
    try:
        for name, part in zip(names, parts):
            try:
                part()
            except Exception as error:  # a crash of the test itself is a failure, never a silent pass
                check(f"{name} ran to the end", False, f"{type(error).__name__}: {error}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"test-proxy: {testkit.passed} passed, {testkit.failed} failed")
    return 0 if testkit.failed == 0 else 1


def standin(bin_dir, workdir, name, password, port=None):
    """A fresh stand-in with account "xa" / `password` accepting DK (skew 300 s), or the one of `name` again."""
    db = os.path.join(workdir, f"{name}.sqlite")
    if not os.path.exists(db):
        made = run_cli(bin_dir, ["serve", "users", "add", "xa", "--db", db], stdin=password + "\n")
        if made.returncode != 0:
            raise RuntimeError(f"users add: {made.stderr}")
    return Server(bin_dir, ["--db", db, "--domain-key", DK, "--max-skew", "300"], workdir, name, port=port)


def verdicts(report):
    return [(e["predicted"], e["actual"], sorted(f["id"] for f in e["findings"])) for e in report["entries"]]


def wait_for(condition, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


# MARK: - the same traffic as mitmproxy's


def same_traffic(bin_dir, command, mitmdump, venv_python, workdir):
    print("--- the traffic of every code: direct, through mitmdump, through xiaoa-crypto proxy (fresh stand-ins)")
    password = password_with_plus()
    server = standin(bin_dir, workdir, "direct", password)
    try:
        direct = every_code(server.base, DK, password, "direct")
    finally:
        server.stop()

    mitm_har = os.path.join(workdir, "mitmdump.har")
    server = standin(bin_dir, workdir, "behind-mitmdump", password)
    mitm = Mitmdump(mitmdump, server.base, mitm_har, workdir)
    try:
        through_mitm = every_code(mitm.base, DK, password, "through mitmdump")
    finally:
        mitm.stop()
        server.stop()

    har = os.path.join(workdir, "proxy.har")
    log = os.path.join(workdir, "proxy.log")
    server = standin(bin_dir, workdir, "behind-proxy", password)
    proxy = Proxy(command, server.base, workdir, "proxy",
                  ["--har", har, "--log", log, "--domain-key", DK, "--max-skew", "300"])
    try:
        created = wait_for(lambda: os.path.exists(har), 5)
        mode = stat.S_IMODE(os.stat(har).st_mode) if created else None
        check("--har: the file is created at start with mode 0600", mode == 0o600, oct(mode or 0))
        through_proxy = every_code(proxy.base, DK, password, "through the proxy")
        _, _, raw, _ = proxy.request("GET", "/console/api/recent")
        recent = list(reversed((json_or_none(raw) or {}).get("requests") or []))
        check("the console's recent requests: every API call, predicted and actual side by side",
              [(r.get("endpoint"), r.get("predicted"), r.get("code")) for r in recent]
              == [(one.path.split("?")[0], one.predicted, one.actual) for one in through_proxy.sent], raw[:300])
    finally:
        status = proxy.stop(signal.SIGINT)
        server.stop()
    check("the proxy stops on SIGINT by itself, exit 0", status == 0, f"exit {status}: {proxy.err()[-300:]}")

    print("--- every answer through the proxy equals the direct one and mitmdump's")
    for d, m, p in zip(direct.sent, through_mitm.sent, through_proxy.sent):
        check(f"{p.name}: the same answer (status, content type, findings header, body; tokens aside)",
              p.answer.comparable() == m.answer.comparable() == d.answer.comparable(),
              f"proxy {p.answer.comparable()!r} / mitmdump {m.answer.comparable()!r}")
    check("the request that is no API call: the same answer",
          through_proxy.other.comparable() == through_mitm.other.comparable() == direct.other.comparable(),
          f"{through_proxy.other.comparable()!r} / {through_mitm.other.comparable()!r}")

    print("--- the proxy's log and stderr")
    sent = through_proxy.sent
    lines = read_log(log)
    api_lines = [line for line in lines if line and line.get("endpoint") in API]
    check(f"log: JSON lines, one per API request ({len(sent)})", None not in lines and len(api_lines) == len(sent),
          f"{len(api_lines)} API lines of {len(lines)}: {lines[-3:]}")
    for line, one in zip(api_lines, sent):
        check(f"log: {one.name}: predicted {one.predicted}, actual {one.actual}, ms, findings",
              line.get("predicted") == one.predicted and line.get("code") == one.actual
              and isinstance(line.get("ms"), (int, float)) and isinstance(line.get("findings"), list)
              and all(i in [f.get("id") for f in line["findings"]] for i in one.ids),
              json.dumps(line)[:400])
    with open(log, encoding="utf-8", errors="replace") as f:
        log_text = f.read()
    upper = sign(through_proxy.add_timestamp, DK).upper()
    secrets = [DK, through_proxy.cipher, through_proxy.cipher.replace("+", " "), upper, password]
    check("log: domain key, sign, ciphertexts and password masked", not any(s in log_text for s in secrets))
    stderr = proxy.err()
    shown = [line for line in stderr.splitlines() if any(endpoint in line for endpoint in API)]
    check(f"stderr: one short line per API request ({len(sent)})", len(shown) == len(sent), "\n".join(shown[-5:]))
    check("stderr: no secret", not any(s in stderr for s in secrets))
    check("stderr: the warning about what the HAR holds, once", stderr.lower().count("0600") == 1,
          stderr[:500])

    print("--- the proxy's HAR: valid, readable by mitmproxy and haralyzer, judged as mitmdump's")
    with open(har, "rb") as f:
        data = json_or_none(f.read())
    entries = (data or {}).get("log", {}).get("entries")
    check("HAR: valid JSON, version 1.2, one entry per request (the one that is no API call too)",
          data is not None and data["log"].get("version") == "1.2" and len(entries or []) == len(sent) + 1,
          f"{len(entries or [])} entries")
    check("HAR: mode 0600 after the run", stat.S_IMODE(os.stat(har).st_mode) == 0o600)
    for name, path in [("mitmdump's", mitm_har), ("the proxy's", har)]:
        read = subprocess.run([mitmdump, "-n", "-r", path, "--set", "flow_detail=1"], capture_output=True,
                              text=True, timeout=120)
        flows = [line for line in read.stdout.splitlines() if re.search(r"\b(GET|POST) http", line)]
        check(f"mitmdump -nr reads {name} HAR: every entry a flow",
              read.returncode == 0 and len(flows) == len(sent) + 1,
              f"exit {read.returncode}, {len(flows)} flows: {read.stdout[-300:]} {read.stderr[-300:]}")
    loaded = subprocess.run([venv_python, os.path.join(here, "har_load.py"), har], capture_output=True, text=True,
                            timeout=120)
    parsed = json_or_none(loaded.stdout) if loaded.returncode == 0 else None
    check("haralyzer loads the proxy's HAR", parsed is not None, loaded.stderr[-500:])
    if parsed:
        got = [(e["method"], "/" + e["url"].split("/", 3)[-1], e["status"]) for e in parsed["entries"]]
        wanted = [(one.method, one.path, one.answer.status) for one in sent]
        wanted.append(("GET", "/robots.txt", through_proxy.other.status))
        check("haralyzer: each entry's method, path and status as sent and answered", got == wanted,
              f"{got} / {wanted}")
        bodies = [e["requestText"] for e in parsed["entries"][:len(sent)] if e["method"] == "POST"]
        check("haralyzer: the request bodies are there", all(bodies), [b is not None for b in bodies])

    args = ["--domain-key", DK, "--max-skew", "300", "--format", "json"]
    mitm_verify = run_cli(bin_dir, ["verify", "har", mitm_har] + args)
    proxy_verify = run_cli(bin_dir, ["verify", "har", har] + args)
    mitm_report, proxy_report = json_or_none(mitm_verify.stdout), json_or_none(proxy_verify.stdout)
    check("verify har on the proxy's HAR: exit 1 as on mitmdump's (some entries refused)",
          proxy_verify.returncode == mitm_verify.returncode == 1, proxy_verify.stderr[-300:])
    if mitm_report and proxy_report:
        for index, (m, p) in enumerate(zip(verdicts(mitm_report), verdicts(proxy_report))):
            name = sent[index].name if index < len(sent) else str(index)
            check(f"verify har: {name}: the same verdict on both HARs (predicted, actual, findings)", m == p,
                  f"mitmdump {m} / proxy {p}")
        check("verify har: as many entries, the same summary",
              len(verdicts(mitm_report)) == len(verdicts(proxy_report))
              and mitm_report["summary"] == proxy_report["summary"],
              f"{mitm_report['summary']} / {proxy_report['summary']}")
    else:
        check("verify har gives JSON on both HARs", False, f"{mitm_verify.stderr[-300:]} {proxy_verify.stderr[-300:]}")


# MARK: - the HAR after a signal


def har_on_signals(bin_dir, command, workdir):
    print("--- the HAR is complete and valid after SIGTERM and after SIGINT")
    password = "pw-signals"
    for sig in (signal.SIGTERM, signal.SIGINT):
        name = signal.Signals(sig).name
        server = standin(bin_dir, workdir, f"signals-{name}", password)
        har = os.path.join(workdir, f"signals-{name}.har")
        proxy = Proxy(command, server.base, workdir, f"proxy-{name}", ["--har", har, "--domain-key", DK])
        try:
            codes = [send(proxy.base, "/assoc/login", dict(public(DK), c_username=f"none-{i}")).code for i in range(5)]
        finally:
            status = proxy.stop(sig)
            server.stop()
        check(f"{name}: the proxy answered (20001 five times) and stopped by itself, exit 0",
              codes == [20001] * 5 and status == 0, (codes, status))
        with open(har, "rb") as f:
            data = json_or_none(f.read())
        entries = (data or {}).get("log", {}).get("entries") or []
        check(f"{name}: the HAR is valid JSON with all 5 entries and their answers",
              len(entries) == 5 and all(e["response"]["status"] == 200 for e in entries), f"{len(entries)} entries")
        check(f"{name}: the HAR is mode 0600", stat.S_IMODE(os.stat(har).st_mode) == 0o600)


# MARK: - byte transparency


def transparency(command, workdir):
    print("--- an echo upstream: what the client sends arrives unchanged, the answer comes back unchanged")
    echo = EchoUpstream()
    proxy = Proxy(command, echo.url, workdir, "proxy-echo")
    rng = random.Random(14)
    megabyte = bytes(rng.getrandbits(8) for _ in range(1 << 20))
    custom = ("X-Custom-Thing", 'a b; c="d", e=%2B\tand a tab')
    cases = [
        ("non-UTF-8 body", "POST", "/echo/binary", bytes(range(256)) * 4 + b"\xc3\x28\xa0\xa1\xff",
         [("Content-Type", "application/octet-stream"), custom]),
        ("empty body", "POST", "/echo/empty", b"", [("Content-Type", "application/json"), custom]),
        ("1 MB body", "PUT", "/echo/big?size=1048576", megabyte, [("Content-Type", "application/octet-stream")]),
        ("query with %2B", "GET", "/assoc/login?y=%2B&x=a+b%20c&z=%e4%b8%ad", None, [custom]),
        ("an API call with a body that is no UTF-8", "POST", "/base/assoc/add?y=%2B", b'{"user_name":"\xff\xfe"}',
         [("Content-Type", "application/json;charset=utf-8"), custom]),
        ("an odd path, DELETE", "DELETE", "/a//b/./c/%2e%2e/d;p=1?q=%00&q=%2F", b"x",
         [("Content-Type", "text/plain"), custom, ("X-Second", "two"), ("x-lower-case", "three")]),
        ("GET without a body, status 200", "GET", "/echo-200", None, []),
        ("hop-by-hop headers", "POST", "/echo/hop", b"{}",
         [("Connection", "keep-alive, X-Hop"), ("X-Hop", "only for the next hop"), ("Keep-Alive", "timeout=5"),
          ("Proxy-Authorization", "Basic c2VjcmV0"), custom]),
    ]
    try:
        for name, method, target, body, headers in cases:
            before = len(echo.received)
            direct = exchange("127.0.0.1", echo.port, method, target, body, headers)
            proxied = proxy.request(method, target, body, headers)
            if not check(f"{name}: the echo got the request twice, directly and through the proxy",
                         len(echo.received) == before + 2, f"{len(echo.received) - before} received"):
                continue
            d, p = echo.received[before], echo.received[before + 1]
            check(f"{name}: method, raw path and query, body bytes unchanged (digest {p.digest()[:12]}…)",
                  (p.method, p.target, p.body) == (d.method, d.target, d.body) and p.digest() == d.digest(),
                  f"{p.method!r} {p.target!r} {len(p.body)} bytes")
            named = {x.strip().lower() for n, v in headers if n.lower() == "connection" for x in v.split(",")}
            hop = set(HOP_BY_HOP) | named
            end_to_end = [(n, v) for n, v in headers if n.lower() not in hop]
            check(f"{name}: every end-to-end header arrives with its exact value",
                  all(p.header(n) == [v.encode()] for n, v in end_to_end), p.headers)
            dropped = [n for n, _ in headers if n.lower() in hop and n.lower() != "connection"]
            if dropped:
                check(f"{name}: hop-by-hop headers are not passed on ({', '.join(dropped)})",
                      not any(p.header(n) for n in dropped), p.headers)
            status, answer_headers, raw, _ = proxied
            d_status, d_headers, d_raw, _ = direct
            check(f"{name}: the answer's status and bytes come back unchanged ({len(raw)} bytes)",
                  status == d_status and raw == d_raw, f"HTTP {status} vs {d_status}, {len(raw)} vs {len(d_raw)}")
            got = {n.lower(): v for n, v in answer_headers}
            check(f"{name}: the answer's own headers come back unchanged",
                  got.get("x-echo-custom") == EchoUpstream.CUSTOM.decode("latin-1")
                  and got.get("x-echo-digest") == p.digest() and got.get("content-type") == "application/octet-stream",
                  answer_headers)
    finally:
        proxy.stop()
        echo.stop()


# MARK: - upstream faults


def upstream_killed(bin_dir, command, workdir):
    print("--- the upstream killed: 502 with a JSON body and a log line, then recovery when it is back")
    password = "pw-killed"
    port = free_port()
    server = standin(bin_dir, workdir, "killed", password, port=port)
    log = os.path.join(workdir, "killed.log")
    proxy = Proxy(command, server.base, workdir, "proxy-killed", ["--log", log, "--domain-key", DK])
    try:
        body = dict(public(DK), c_username="nobody")
        check("upstream up: answered", send(proxy.base, "/assoc/login", body).code == 20001)
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=10)
        server.stderr.close()
        status, _, raw, took = proxy.request("POST", "/assoc/login", json.dumps(body).encode(),
                                             [("Content-Type", "application/json")])
        answer = json_or_none(raw)
        check(f"upstream killed: 502 within seconds ({took:.2f} s)", status == 502 and took < 5, f"HTTP {status}")
        check("upstream killed: a JSON body naming the upstream and the cause",
              isinstance(answer, dict) and f"127.0.0.1:{port}" in raw.decode("utf-8", "replace")
              and len(raw) > len(f"127.0.0.1:{port}") + 20, raw[:300])
        lines = [line for line in read_log(log) if line]
        check("upstream killed: a log line with status 502 and the cause",
              lines and lines[-1].get("status") == 502 and lines[-1].get("error"), lines[-1:])
        check("upstream killed: the proxy goes on", proxy.alive())
        server = standin(bin_dir, workdir, "killed", password, port=port)
        code = send(proxy.base, "/assoc/login", dict(public(DK), c_username="nobody")).code
        check("upstream back on the same port: the proxy recovers (answered 20001)", code == 20001, code)
    finally:
        proxy.stop()
        server.stop()


def stalling_and_garbage(command, workdir):
    print("--- an upstream that stalls past --timeout: 504; one that answers garbage: 502")
    for name, upstream_class, expected in [("stalls", StallUpstream, 504), ("answers garbage", GarbageUpstream, 502)]:
        upstream = upstream_class()
        log = os.path.join(workdir, f"{upstream_class.__name__}.log")
        proxy = Proxy(command, upstream.url, workdir, f"proxy-{upstream_class.__name__}",
                      ["--timeout", "2", "--log", log, "--domain-key", DK])
        try:
            status, _, raw, took = proxy.request("POST", "/assoc/login", json.dumps(public(DK)).encode(),
                                                 [("Content-Type", "application/json")])
            answer = json_or_none(raw)
            bound = (1.5, 8) if expected == 504 else (0, 5)
            check(f"upstream {name}: {expected} ({took:.2f} s, --timeout 2)",
                  status == expected and bound[0] <= took < bound[1], f"HTTP {status} after {took:.2f} s")
            check(f"upstream {name}: a JSON body naming the upstream",
                  isinstance(answer, dict) and f"127.0.0.1:{upstream.port}" in raw.decode("utf-8", "replace"),
                  raw[:300])
            lines = [line for line in read_log(log) if line]
            check(f"upstream {name}: a log line with status {expected}",
                  lines and lines[-1].get("status") == expected and lines[-1].get("error"), lines[-1:])
            check(f"upstream {name}: the proxy goes on", proxy.alive())
        finally:
            proxy.stop()
            upstream.stop()


def concurrent_clients(bin_dir, command, workdir):
    print("--- 50 concurrent clients through the proxy")
    password = "pw-concurrent"
    server = standin(bin_dir, workdir, "concurrent", password)
    proxy = Proxy(command, server.base, workdir, "proxy-concurrent", ["--domain-key", DK])
    answers = []
    lock = threading.Lock()
    start = threading.Barrier(50)

    def client(index):
        start.wait(timeout=30)
        mine = []
        connection = proxy.connection()
        for round_ in range(4):
            body = json.dumps(dict(public(DK), c_username=f"cc{index}-{round_}", redirect="yxrw"))
            try:
                connection.request("POST", "/assoc/login", body=body, headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                mine.append((response.status, (json_or_none(response.read()) or {}).get("code")))
            except OSError as error:
                mine.append(("error", str(error)))
        connection.close()
        with lock:
            answers.extend(mine)

    try:
        threads = [threading.Thread(target=client, args=(i,)) for i in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        check(f"50 clients x 4 requests on kept-alive connections: all {len(answers)} answered (HTTP 200, 20001)",
              answers == [(200, 20001)] * 200, {a: answers.count(a) for a in set(answers)})
    finally:
        proxy.stop()
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
