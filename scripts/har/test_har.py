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
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "lib"))
sys.path.insert(0, os.path.join(here, "..", "server"))
import testkit  # noqa: E402
from testkit import check, sign  # noqa: E402
from e2e import Server, run_cli  # noqa: E402
from traffic import Mitmdump, every_code, password_with_plus  # noqa: E402

DK = "dk-har-secret"


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
    try:
        traffic = every_code(proxy.base, DK, password, "through mitmdump")
        sent = traffic.sent
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
    for entry, one in zip(entries, sent):
        named = [f["id"] for f in entry["findings"]]
        check(f"{one.name}: actual {one.actual}, predicted {one.predicted}, names {', '.join(one.ids) or 'nothing'}",
              entry["actual"] == one.actual and entry["predicted"] == one.predicted
              and all(i in named for i in one.ids) and not any(i.startswith("capture.") for i in named),
              json.dumps(entry)[:400])
    check("summary: no answer disagrees with its prediction", summary["disagreements"] == 0, summary)
    check("every request-level code is predicted", sorted({one.predicted for one in sent if one.predicted}) ==
          [10000, 10001, 10002, 20002, 30002])

    upper = sign(traffic.add_timestamp, DK).upper()
    secrets = [DK, traffic.cipher, upper]
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
          len(shown_failures) == sum(1 for one in sent if one.actual or one.predicted)
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
