#!/usr/bin/env python3
"""Cross-check a sample of the vector files with the openssl command-line tool.

  sign.json:      tests with tcId % 10 == 1: md5First = `openssl dgst -md5` of timestamp||domainKey,
                  md5Second = `openssl dgst -md5` of md5First.
  password.json:  valid tests with tcId % 10 == 1: `openssl enc -aes-128-cbc -K key -iv iv` gives ct, and
                  `openssl enc -d` gives msg back; every WrongLength/BadPadding/Tampered test: `openssl enc -d`
                  must fail.
  md5-rfc1321:    every test.   aes128-cbc-nist-sp800-38a: every test (-nopad, both directions).

Usage: crosscheck_openssl.py DIR     (exit 0 all good, 1 on any disagreement)
"""

import json
import os
import subprocess
import sys

errors = []
checks = 0


def ossl(args, data: bytes):
    p = subprocess.run(["openssl"] + args, input=data, capture_output=True)
    return p.returncode, p.stdout


def md5(data: bytes) -> str:
    rc, out = ossl(["dgst", "-md5", "-r"], data)      # "-r": "<hex> *stdin"
    if rc != 0:
        raise SystemExit("error: openssl dgst -md5 failed")
    return out.split()[0].decode()


def check(cond, where, msg):
    global checks
    checks += 1
    if not cond:
        errors.append(f"{where}: {msg}")


def main():
    d = sys.argv[1]
    load = lambda n: json.load(open(os.path.join(d, n), encoding="utf-8"))  # noqa: E731

    for g in load("sign.json")["testGroups"]:
        for t in g["tests"]:
            if t["tcId"] % 10 != 1:
                continue
            w = f"sign.json tcId {t['tcId']}"
            m1 = md5(bytes.fromhex(t["timestamp"]) + bytes.fromhex(t["domainKey"]))
            check(m1 == t["md5First"], w, f"openssl md5First {m1}")
            m2 = md5(m1.encode())
            check(m2 == t["md5Second"], w, f"openssl md5Second {m2}")
            if t["result"] in ("valid", "acceptable"):
                check(m2[8:18] == t["sign"], w, "sign")
            else:
                check(m2[8:18] != t["sign"], w, "invalid candidate equals the sign")

    for g in load("password.json")["testGroups"]:
        kv = ["-K", g["key"], "-iv", g["iv"]]
        for t in g["tests"]:
            w = f"password.json tcId {t['tcId']}"
            if t["result"] == "valid" and t["tcId"] % 10 == 1:
                rc, out = ossl(["enc", "-aes-128-cbc"] + kv, bytes.fromhex(t["msg"]))
                check(rc == 0 and out.hex() == t["ct"], w, f"openssl enc gives {out.hex()}")
                rc, out = ossl(["enc", "-d", "-aes-128-cbc"] + kv, bytes.fromhex(t["ct"]))
                check(rc == 0 and out.hex() == t["msg"], w, "openssl enc -d does not give msg")
            elif t["result"] == "invalid" and set(t["flags"]) & {"WrongLength", "BadPadding", "Tampered"}:
                rc, out = ossl(["enc", "-d", "-aes-128-cbc"] + kv, bytes.fromhex(t["ct"]))
                check(rc != 0, w, f"openssl enc -d accepts it ({out.hex()})")

    for g in load("md5-rfc1321.json")["testGroups"]:
        for t in g["tests"]:
            check(md5(bytes.fromhex(t["msg"])) == t["md"], f"md5 tcId {t['tcId']}", "openssl dgst disagrees")

    for g in load("aes128-cbc-nist-sp800-38a.json")["testGroups"]:
        kv = ["-K", g["key"], "-iv", g["iv"], "-nopad"]
        for t in g["tests"]:
            w = f"aes tcId {t['tcId']}"
            rc, out = ossl(["enc", "-aes-128-cbc"] + kv, bytes.fromhex(t["msg"]))
            check(rc == 0 and out.hex() == t["ct"], w, f"openssl enc gives {out.hex()}")
            rc, out = ossl(["enc", "-d", "-aes-128-cbc"] + kv, bytes.fromhex(t["ct"]))
            check(rc == 0 and out.hex() == t["msg"], w, "openssl enc -d disagrees")

    for e in errors[:50]:
        print("crosscheck_openssl: MISMATCH " + e, file=sys.stderr)
    print(f"crosscheck_openssl: {checks - len(errors)} checks passed, {len(errors)} failed", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
