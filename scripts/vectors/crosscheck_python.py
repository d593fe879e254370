#!/usr/bin/env python3
"""Independent re-check of every vector file with Python's hashlib and the `cryptography` package.

Also enforces the schema strictly (exact key sets, tcIds, flags described, lowercase hex), so a file that a strict
loader would refuse never gets written. Nothing here calls PHP.

Usage: crosscheck_python.py DIR     (exit 0 all good, 1 on any disagreement)
"""

import base64
import hashlib
import os
import sys

from cryptography.hazmat.primitives import padding as sym_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import json  # noqa: E402

from vectorlib import FILES, GENERATOR, SOURCE_KEYS, TOP_KEYS, effective_key, unhx  # noqa: E402

errors = []
checks = 0


def err(where, msg):
    errors.append(f"{where}: {msg}")


def check(cond, where, msg):
    global checks
    checks += 1
    if not cond:
        err(where, msg)
    return cond


def is_hex(s, n=None):
    try:
        b = unhx(s)
    except (ValueError, TypeError):
        return False
    return n is None or len(b) == n


def md5hex(b: bytes) -> str:
    return hashlib.md5(b).hexdigest()


def aes_enc(key, iv, data):
    e = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return e.update(data) + e.finalize()


def aes_dec(key, iv, data):
    d = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return d.update(data) + d.finalize()


def pkcs7(data):
    p = sym_padding.PKCS7(128).padder()
    return p.update(data) + p.finalize()


def unpad(data):
    u = sym_padding.PKCS7(128).unpadder()
    try:
        return u.update(data) + u.finalize()
    except ValueError:
        return None


def strict_b64(s):
    try:
        return base64.b64decode(s.encode("ascii"), validate=True)
    except Exception:
        return None


SCHEMAS = {
    "sign.json": ("XIAOA-SIGN", "xiaoa_sign_v1", ["type", "tests"], "SignTest",
                  ["tcId", "comment", "flags", "timestamp", "domainKey", "md5First", "md5Second", "sign", "result"]),
    "password.json": ("XIAOA-PASSWORD-AES-128-CBC", "xiaoa_password_v1", ["type", "keyText", "key", "iv", "tests"],
                      "PasswordCipherTest", ["tcId", "comment", "flags", "msg", "padded", "ct", "base64", "result"]),
    "md5-rfc1321.json": ("MD5", "md5_v1", ["type", "tests"], "MdTest", ["tcId", "comment", "flags", "msg", "md", "result"]),
    "aes128-cbc-nist-sp800-38a.json": ("AES-128-CBC", "aes_cbc_v1", ["type", "key", "iv", "tests"], "AesCbcTest",
                                       ["tcId", "comment", "flags", "msg", "ct", "result"]),
}


def check_structure(name, doc):
    alg, schema, gkeys, gtype, tkeys = SCHEMAS[name]
    check(list(doc) == TOP_KEYS, name, f"top-level keys {list(doc)}")
    check(doc.get("algorithm") == alg and doc.get("schema") == schema, name, "algorithm/schema")
    src = doc.get("source", {})
    check(isinstance(src, dict) and list(src) == SOURCE_KEYS, name, f"source keys {list(src)}")
    check(isinstance(src.get("expected"), str) and src["expected"], name, "source.expected")
    check(isinstance(src.get("crossChecked"), list) and all(isinstance(x, str) for x in src["crossChecked"]),
          name, "source.crossChecked")
    check(src.get("generator") == GENERATOR, name, "source.generator")
    check(isinstance(src.get("reference"), str), name, "source.reference")
    check(isinstance(doc["header"], list) and all(isinstance(x, str) for x in doc["header"]), name, "header")
    notes = doc["notes"]
    check(isinstance(notes, dict), name, "notes")
    for k, v in notes.items():
        check(isinstance(v, dict) and list(v) == ["bugType", "description"] and all(isinstance(x, str) for x in v.values()),
              name, f"note {k}")
    used = set()
    tc = 0
    for gi, g in enumerate(doc["testGroups"]):
        check(list(g) == gkeys and g["type"] == gtype, name, f"group {gi} keys {list(g)}")
        for t in g["tests"]:
            tc += 1
            w = f"{name} tcId {t.get('tcId')}"
            check(list(t) == tkeys, w, f"test keys {list(t)}")
            check(t["tcId"] == tc and type(t["tcId"]) is int, w, f"tcId should be {tc}")
            check(isinstance(t["comment"], str), w, "comment")
            check(isinstance(t["flags"], list) and all(isinstance(f, str) for f in t["flags"]), w, "flags")
            check(t["result"] in ("valid", "invalid", "acceptable"), w, "result")
            # Only the empty domain key is acceptable: the sign function's value, a key the API never assigns.
            check(t["result"] != "acceptable" or (name == "sign.json" and t["domainKey"] == ""
                                                  and "EmptyDomainKey" in t["flags"]), w, "acceptable")
            used.update(t["flags"])
    check(doc["numberOfTests"] == tc and type(doc["numberOfTests"]) is int, name, "numberOfTests")
    check(used <= set(notes), name, f"flags without notes: {sorted(used - set(notes))}")
    check(set(notes) <= used, name, f"notes for unused flags: {sorted(set(notes) - used)}")


def check_sign(doc):
    for g in doc["testGroups"]:
        for t in g["tests"]:
            w = f"sign.json tcId {t['tcId']}"
            if not (check(is_hex(t["timestamp"]) and is_hex(t["domainKey"]), w, "hex")):
                continue
            data = unhx(t["timestamp"]) + unhx(t["domainKey"])
            m1 = md5hex(data)
            m2 = md5hex(m1.encode("ascii"))
            true = m2[8:18]
            check(t["md5First"] == m1, w, f"md5First {t['md5First']} != hashlib {m1}")
            check(t["md5Second"] == m2, w, f"md5Second {t['md5Second']} != hashlib {m2}")
            s = t["sign"]
            if t["result"] in ("valid", "acceptable"):
                check(s == true, w, f"sign {s} != {true}")
                continue
            check(s != true, w, "invalid test carries the true sign")
            f = t["flags"][0] if t["flags"] else ""
            ts, dk = unhx(t["timestamp"]), unhx(t["domainKey"])
            expect = {
                "UpperCaseSign": [true.upper()],
                "WrongOffset": [m2[7:17], m2[9:19]],
                "WrongLength": [m2[8:17], m2[8:19], m2],
                "SingleMd5": [m1[8:18]],
                "SwappedConcat": [md5hex(md5hex(dk + ts).encode())[8:18]],
                "EmptySign": [""],
            }.get(f)
            check(expect is not None and s in expect, w, f"candidate {s!r} does not match its flag {f}")


def check_password(doc):
    for g in doc["testGroups"]:
        gw = f"password.json group keyText={g['keyText']}"
        if not check(is_hex(g["key"], 16) and is_hex(g["iv"], 16), gw, "key/iv must be 16 bytes of hex"):
            continue
        key, iv = unhx(g["key"]), unhx(g["iv"])
        if g["keyText"] is not None:
            check(is_hex(g["keyText"]) and effective_key(unhx(g["keyText"])) == key, gw,
                  "key is not keyText cut/NUL-padded to 16 bytes")
        for t in g["tests"]:
            w = f"password.json tcId {t['tcId']}"
            if t["result"] == "valid":
                if not check(all(is_hex(t[k]) for k in ("msg", "padded", "ct")), w, "hex"):
                    continue
                msg = unhx(t["msg"])
                padded = pkcs7(msg)
                ct = aes_enc(key, iv, padded)
                check(t["padded"] == padded.hex(), w, "padded differs from cryptography's PKCS7")
                check(t["ct"] == ct.hex(), w, "ct differs from cryptography's AES-128-CBC")
                check(t["base64"] == base64.b64encode(ct).decode(), w, "base64 differs")
                check(unpad(aes_dec(key, iv, unhx(t["ct"]))) == msg, w, "does not decrypt back")
                is_utf8 = True
                try:
                    msg.decode("utf-8")
                except UnicodeDecodeError:
                    is_utf8 = False
                check(is_utf8 == ("NonUtf8Plaintext" not in t["flags"]), w, "NonUtf8Plaintext flag inconsistent")
                continue
            check(t["msg"] == "" and t["padded"] == "", w, "invalid test must have empty msg/padded")
            flag = t["flags"][0] if t["flags"] else ""
            decoded = strict_b64(t["base64"])
            if flag == "NotBase64":
                check(decoded is None and t["ct"] == "", w, "NotBase64 case decodes strictly")
                continue
            if not check(decoded is not None and t["ct"] == decoded.hex(), w, "ct is not the decoded base64"):
                continue
            if flag == "WrongLength":
                check(len(decoded) == 0 or len(decoded) % 16 != 0, w, "WrongLength has a valid length")
            elif flag in ("BadPadding", "Tampered"):
                ok_len = check(len(decoded) > 0 and len(decoded) % 16 == 0, w, f"{flag} must have whole blocks")
                if ok_len:
                    check(unpad(aes_dec(key, iv, decoded)) is None, w, f"{flag}: cryptography unpads it fine")
            else:
                err(w, f"invalid test with unexpected flag {flag}")


def check_md5(doc):
    for g in doc["testGroups"]:
        for t in g["tests"]:
            check(md5hex(unhx(t["msg"])) == t["md"], f"md5 tcId {t['tcId']}", "hashlib disagrees")


def check_aes(doc):
    for g in doc["testGroups"]:
        key, iv = unhx(g["key"]), unhx(g["iv"])
        for t in g["tests"]:
            w = f"aes tcId {t['tcId']}"
            check(aes_enc(key, iv, unhx(t["msg"])).hex() == t["ct"], w, "cryptography encrypt disagrees")
            check(aes_dec(key, iv, unhx(t["ct"])).hex() == t["msg"], w, "cryptography decrypt disagrees")


def main():
    d = sys.argv[1]
    for name in FILES:
        with open(os.path.join(d, name), "rb") as f:
            raw = f.read()
        doc = json.loads(raw.decode("utf-8"))
        check(raw.decode("utf-8") == json.dumps(doc, indent=2, ensure_ascii=False) + "\n", name, "not in canonical formatting")
        check_structure(name, doc)
        {"sign.json": check_sign, "password.json": check_password, "md5-rfc1321.json": check_md5,
         "aes128-cbc-nist-sp800-38a.json": check_aes}[name](doc)
    for e in errors[:50]:
        print("crosscheck_python: MISMATCH " + e, file=sys.stderr)
    print(f"crosscheck_python: {checks - len(errors)} checks passed, {len(errors)} failed", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
