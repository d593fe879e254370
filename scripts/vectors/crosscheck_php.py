#!/usr/bin/env python3
"""Compare the xiaoa-crypto binary with PHP on fresh random inputs (driver of scripts/crosscheck-php).

Each run picks a new seed (printed; --seed S repeats a run), makes N random sign inputs and N random passwords,
gets the expected values from PHP (compute.php: md5()/substr(), openssl_encrypt/openssl_decrypt exactly as the
vendor's code calls them), runs the binary in --batch mode and compares line by line, as bytes:

  xiaoa-crypto sign --batch      stdin "TIMESTAMP<TAB>DOMAIN_KEY" lines   -> one sign per line
  xiaoa-crypto encrypt --batch   stdin one plaintext per line             -> one base64 per line
  xiaoa-crypto decrypt --batch   stdin one base64 (PHP's) per line        -> one plaintext per line

Last line: "crosscheck-php: N passed, M failed" (one comparison per line per mode); exit 1 on any failure,
2 when it cannot run (no binary, no PHP).
"""

import argparse
import os
import random
import secrets
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vectorlib import DEFAULT_IV, DEFAULT_KEY_TEXT, hx, random_text, random_timestamp, run_php, unhx  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAX_SHOWN = 5


def sign_inputs(rng, n):
    out = []
    for _ in range(n):
        ts = random_timestamp(rng, rng.choice([10, 13]))
        r = rng.random()
        if r < 0.05:
            k = 0
        elif r < 0.65:
            k = rng.randint(1, 16)
        elif r < 0.95:
            k = rng.randint(17, 64)
        else:
            k = rng.randint(65, 400)
        # no TAB (the field separator), no CR/LF (the line separator)
        out.append((ts.encode(), random_text(rng, k, forbid="\t\r\n").encode("utf-8")))
    return out


def password_inputs(rng, n):
    return [random_text(rng, rng.randint(0, 100), forbid="\r\n").encode("utf-8") for _ in range(n)]


def run_bin(binary, args, lines):
    data = b"".join(l + b"\n" for l in lines)
    try:
        p = subprocess.run([binary] + args, input=data, capture_output=True, timeout=300)
    except OSError as e:
        return None, f"cannot run {binary}: {e}"
    except subprocess.TimeoutExpired:
        return None, f"{' '.join(args)} timed out"
    note = ""
    if p.returncode != 0:
        note = f"exit status {p.returncode}; stderr: {p.stderr.decode(errors='replace').strip()[:500]}"
    out = p.stdout
    if out.endswith(b"\n"):
        out = out[:-1]
    got = out.split(b"\n") if p.stdout else []
    return got, note


def show(b: bytes) -> str:
    s = b.decode("utf-8", errors="backslashreplace")
    return repr(s) + ("" if len(b) <= 40 else f" ({len(b)} bytes)")


def compare(mode, inputs, expected, got, note, describe_input):
    """-> (passed, failed); prints the first mismatches."""
    passed = failed = 0
    shown = 0
    if note:
        # A non-zero exit is a failure even when every line matches: the run did not end as it should.
        print(f"  {mode}: {note}")
        failed += 1
    if got is None:
        print(f"  {mode}: no output; all {len(expected)} lines count as failed")
        return 0, len(expected)
    if len(got) != len(expected):
        print(f"  {mode}: {len(got)} output lines for {len(expected)} input lines")
    for i, exp in enumerate(expected):
        g = got[i] if i < len(got) else None
        if g == exp:
            passed += 1
            continue
        failed += 1
        if shown < MAX_SHOWN:
            shown += 1
            print(f"  {mode} line {i + 1}: input {describe_input(inputs[i])}")
            print(f"      expected (PHP) {show(exp)}")
            print(f"      got            {'<missing>' if g is None else show(g)}")
    if failed > shown:
        print(f"  {mode}: … and {failed - shown} more mismatches")
    print(f"  {mode}: {passed} passed, {failed} failed")
    return passed, failed


def main():
    ap = argparse.ArgumentParser(prog="scripts/crosscheck-php", description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, help="repeat the run with this seed (default: a fresh random seed)")
    ap.add_argument("--count", "-n", type=int, default=2000, help="inputs per mode (default 2000)")
    ap.add_argument("--keep", metavar="DIR", help="also write the inputs, PHP's answers and the binary's outputs to DIR")
    a = ap.parse_args()

    env_bin = os.environ.get("XIAOA_BIN")
    if env_bin:
        binary = os.path.abspath(env_bin) if os.sep in env_bin else (shutil.which(env_bin) or env_bin)
    else:
        binary = os.path.join(ROOT, ".build", "debug", "xiaoa-crypto")
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"error: no executable xiaoa-crypto at {binary} (build it, or set XIAOA_BIN)", file=sys.stderr)
        sys.exit(2)

    seed = a.seed if a.seed is not None else secrets.randbits(48)
    print(f"crosscheck-php: seed {seed} (repeat with --seed {seed}), {a.count} inputs per mode, binary {binary}")
    rng = random.Random(seed)
    signs = sign_inputs(rng, a.count)
    pws = password_inputs(rng, a.count)

    reqs = [{"id": f"s{i}", "op": "sign", "timestamp": hx(ts), "domainKey": hx(dk)} for i, (ts, dk) in enumerate(signs)]
    reqs += [{"id": f"p{i}", "op": "encrypt", "keyText": hx(DEFAULT_KEY_TEXT), "key": None, "iv": hx(DEFAULT_IV),
              "msg": hx(m)} for i, m in enumerate(pws)]
    php = run_php(reqs)
    exp_sign = [php[f"s{i}"]["sign"].encode() for i in range(len(signs))]
    exp_b64 = [php[f"p{i}"]["base64"].encode() for i in range(len(pws))]

    total_p = total_f = 0
    results = {}

    got, note = run_bin(binary, ["sign", "--batch"], [ts + b"\t" + dk for ts, dk in signs])
    results["sign"] = got
    p, f = compare("sign --batch", signs, exp_sign, got, note,
                   lambda x: f"timestamp {x[0].decode()} domain_key {show(x[1])}")
    total_p += p
    total_f += f

    got, note = run_bin(binary, ["encrypt", "--batch"], pws)
    results["encrypt"] = got
    p, f = compare("encrypt --batch", pws, exp_b64, got, note, show)
    total_p += p
    total_f += f

    got, note = run_bin(binary, ["decrypt", "--batch"], exp_b64)
    results["decrypt"] = got
    p, f = compare("decrypt --batch", exp_b64, pws, got, note, lambda x: x.decode())
    total_p += p
    total_f += f

    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
        with open(os.path.join(a.keep, "sign.in"), "wb") as fh:
            fh.write(b"".join(ts + b"\t" + dk + b"\n" for ts, dk in signs))
        with open(os.path.join(a.keep, "sign.expected"), "wb") as fh:
            fh.write(b"".join(x + b"\n" for x in exp_sign))
        with open(os.path.join(a.keep, "passwords.in"), "wb") as fh:
            fh.write(b"".join(x + b"\n" for x in pws))
        with open(os.path.join(a.keep, "encrypt.expected"), "wb") as fh:
            fh.write(b"".join(x + b"\n" for x in exp_b64))
        for mode, got in results.items():
            if got is not None:
                with open(os.path.join(a.keep, f"{mode}.got"), "wb") as fh:
                    fh.write(b"".join(x + b"\n" for x in got))
        print(f"crosscheck-php: inputs and outputs kept in {a.keep}")

    print(f"crosscheck-php: {total_p} passed, {total_f} failed")
    sys.exit(1 if total_f else 0)


if __name__ == "__main__":
    main()
