#!/usr/bin/env python3
"""Writes Vectors/requests.json: captured request bodies and the code the vendor's server answers.

Independent of xiaoa-crypto: bodies are built here with hashlib (md5), the `cryptography` package (AES-128-CBC)
and Python's json module; each case's expected code is the scenario's definition from the seed's rules
(docs/api.md) and the project decisions listed in docs/api.md and Vectors/README.md (section `requests.json`).
Flags and notes come from the one vocabulary, Vectors/schemas/flags.json.
Deterministic: no clock, no randomness.
"""
import base64
import hashlib
import json
import os
import subprocess
import sys

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

NOW = 1700000000
KEYS = ["demo-key", "第二个key"]
VENDOR_KEY = b"xiaoa" + b"\x00" * 11
VENDOR_IV = b"1234567890123456"


def php_version() -> str:
    """PHP's major.minor, for the provenance: scripts/generate-vectors runs crosscheck.php on every file written."""
    php = os.environ.get("PHP", "php")
    return subprocess.run([php, "-r", "echo PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION;"], check=True,
                          capture_output=True, text=True).stdout


def md5hex(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def sign(ts: str, dk: str) -> str:
    return md5hex(md5hex((ts + dk).encode()).encode())[8:18]


def encrypt(plaintext: bytes, key: bytes = VENDOR_KEY, iv: bytes = VENDOR_IV) -> str:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return base64.b64encode(enc.update(padded) + enc.finalize()).decode()


def encrypt_raw_block(block: bytes) -> str:
    """Encrypts one 16-byte block without padding: lets a test choose the decrypted padding bytes."""
    enc = Cipher(algorithms.AES(VENDOR_KEY), modes.CBC(VENDOR_IV)).encryptor()
    return base64.b64encode(enc.update(block) + enc.finalize()).decode()


def compact(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()


def php_style(obj) -> bytes:
    # What PHP's json_encode writes by default: \/ and \uXXXX escapes.
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/").encode()


METHOD_FIELDS = {
    "assoc/add": {"user_name": "xiaoa_user", "password": "123456", "c_username": "客户001"},
    "assoc/delete": {"user_name": "xiaoa_user", "password": "p@ss/word+", "c_username": "c-002"},
    "assoc/update": {"user_name": "xiaoa_user", "c_username": "c-003", "old_pwd": "旧密码", "new_pwd": "new pass 🔐"},
    "assoc/login": {"c_username": "c-004", "redirect": "yxrw"},
}
PASSWORD_FIELDS = {"password", "old_pwd", "new_pwd"}
REQUIRED = {
    "assoc/add": ["timestamp", "domain_key", "sign", "user_name", "password", "c_username"],
    "assoc/delete": ["timestamp", "domain_key", "sign", "user_name", "password", "c_username"],
    "assoc/update": ["timestamp", "domain_key", "sign", "user_name", "c_username", "old_pwd", "new_pwd"],
    "assoc/login": ["timestamp", "domain_key", "sign"],
}
WRONG_PASSWORD = {"assoc/add": 20002, "assoc/delete": 30001, "assoc/update": 20002, "assoc/login": None}


def body(endpoint, ts=str(NOW), dk=KEYS[0], fields=None, sign_value=None):
    obj = {"timestamp": ts, "domain_key": dk, "sign": sign_value if sign_value is not None else sign(ts, dk)}
    for name, value in (fields if fields is not None else METHOD_FIELDS[endpoint]).items():
        obj[name] = encrypt(value.encode()) if name in PASSWORD_FIELDS and isinstance(value, str) else value
    return obj


FLAGS_JSON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Vectors", "schemas", "flags.json")
with open(FLAGS_JSON, encoding="utf-8") as _f:
    NOTES = {flag: (note["bugType"], note["description"])
             for flag, note in json.load(_f)["flags"]["xiaoa_request_v1"].items()}


def main(out_path):
    groups = []
    tc = [0]

    def case(tests, comment, flags, raw: bytes, code):
        tc[0] += 1
        tests.append({"tcId": tc[0], "comment": comment, "flags": flags, "body": raw.hex(), "code": code,
                      "result": "valid" if code == 0 else "invalid"})

    for endpoint in ["assoc/add", "assoc/login", "assoc/delete", "assoc/update"]:
        tests = []
        good = body(endpoint)
        case(tests, "well-formed request", ["Accepted"], compact(good), 0)
        case(tests, "written by PHP json_encode", ["Accepted", "PhpStyleEscapes"], php_style(good), 0)
        case(tests, "second known domain key", ["Accepted"], compact(body(endpoint, dk=KEYS[1])), 0)
        case(tests, "extra field", ["Accepted", "ExtraField"], compact(dict(good, extra_field="x")), 0)
        case(tests, "pretty-printed with CRLF", ["Accepted", "Whitespace"],
             json.dumps(good, ensure_ascii=False, indent=2).replace("\n", "\r\n").encode(), 0)
        case(tests, "form-encoded body", ["NotJson"], b"timestamp=1700000000&domain_key=demo-key", 10000)
        case(tests, "truncated JSON", ["NotJson"], compact(good)[:-1], 10000)
        case(tests, "JSON array", ["NotObject"], b"[" + compact(good) + b"]", 10000)
        case(tests, "JSON string", ["NotObject"], b'"hello"', 10000)
        case(tests, "empty body", ["EmptyBody"], b"", 10000)
        case(tests, "invalid UTF-8 in a value", ["InvalidUtf8"], compact(good).replace(b'"timestamp"', b'"timestamp","x":"\xff\xfe"', 1), 10000)
        case(tests, "duplicate sign key", ["DuplicateKey"], compact(good)[:-1] + b',"sign":"0000000000"}', 10000)
        for name in REQUIRED[endpoint]:
            case(tests, f"missing {name}", ["MissingField"], compact({k: v for k, v in good.items() if k != name}), 10000)
        for name, bad in [("timestamp", NOW), ("sign", None), ("domain_key", ["demo-key"])]:
            case(tests, f"{name} is {type(bad).__name__}", ["NonStringField"], compact(dict(good, **{name: bad})), 10000)
        case(tests, "unknown domain key", ["UnknownDomainKey"], compact(body(endpoint, dk="no-such-key")), 10002)
        case(tests, "unknown key of another case", ["UnknownDomainKey"], compact(body(endpoint, dk="DEMO-KEY")), 10002)
        s = sign(str(NOW), KEYS[0])
        case(tests, "upper-case sign", ["WrongSign"], compact(body(endpoint, sign_value=s.upper())), 10001)
        case(tests, "sign of another timestamp", ["WrongSign"], compact(body(endpoint, sign_value=sign(str(NOW + 1), KEYS[0]))), 10001)
        case(tests, "empty sign", ["WrongSign"], compact(body(endpoint, sign_value="")), 10001)
        case(tests, "sign cut at offset 9", ["WrongSign"],
             compact(body(endpoint, sign_value=md5hex(md5hex(f"{NOW}{KEYS[0]}".encode()).encode())[9:19])), 10001)
        if endpoint == "assoc/login":
            case(tests, "no c_username and no redirect", ["Accepted"], compact(body(endpoint, fields={})), 0)
            case(tests, "empty redirect means the home page", ["Accepted"], compact(body(endpoint, fields={"redirect": ""})), 0)
            case(tests, "redirect thls", ["Accepted"], compact(body(endpoint, fields={"redirect": "thls"})), 0)
            case(tests, "unknown redirect", ["BadRedirect"], compact(body(endpoint, fields={"redirect": "home"})), 10000)
            case(tests, "redirect is a number", ["NonStringField"], compact(body(endpoint, fields={"redirect": 1})), 10000)
        else:
            code = WRONG_PASSWORD[endpoint]
            pw = "password" if "password" in METHOD_FIELDS[endpoint] else "new_pwd"
            fields = dict(METHOD_FIELDS[endpoint])
            for comment, flag, value in [
                ("password is plain text", "PasswordNotBase64", "123456"),
                ("password with '+' turned into a space", "PasswordNotBase64", encrypt(b"1234").replace("+", " ") if "+" in encrypt(b"1234") else "HHAE XzBXY4FmXo0mOQ8Hw=="),
                ("password encrypted with the key repeated", "PasswordWrongKey", encrypt(b"123456", key=b"xiaoaxiaoaxiaoax")),
                ("password of 15 bytes", "PasswordWrongLength", base64.b64encode(b"\x01" * 15).decode()),
                ("password decrypts to GBK bytes", "PasswordNotUtf8", encrypt("密码".encode("gbk"))),
                ("padding byte 0x00", "PasswordWrongKey", encrypt_raw_block(b"A" * 15 + b"\x00")),
            ]:
                f = dict(fields)
                f[pw] = value
                # value is already final: mark it so body() does not encrypt it again.
                obj = body(endpoint, fields={k: (v if k != pw else None) for k, v in f.items()})
                obj[pw] = value
                case(tests, comment, [flag], compact(obj), code)
        groups.append({"type": "RequestTest", "endpoint": endpoint, "domainKeys": KEYS, "maxSkew": None, "now": NOW, "tests": tests})

    # Timestamp skew, enforced with --max-skew 300.
    tests = []
    for comment, ts, code, flags in [
        ("exactly now", NOW, 0, ["Accepted"]),
        ("300 s old: at the limit", NOW - 300, 0, ["Accepted"]),
        ("301 s old", NOW - 301, 10001, ["TimestampTooOld"]),
        ("one day old", NOW - 86400, 10001, ["TimestampTooOld"]),
        ("300 s ahead: at the limit", NOW + 300, 0, ["Accepted"]),
        ("301 s ahead", NOW + 301, 10001, ["TimestampInFuture"]),
        ("milliseconds", NOW * 1000, 10001, ["MillisecondTimestamp"]),
    ]:
        case(tests, comment, flags, compact(body("assoc/login", ts=str(ts), fields={"c_username": "c"})), code)
    groups.append({"type": "RequestTest", "endpoint": "assoc/login", "domainKeys": KEYS, "maxSkew": 300, "now": NOW, "tests": tests})

    doc = {
        "algorithm": "XIAOA-REQUEST",
        "schema": "xiaoa_request_v1",
        "source": {
            "expected": "scenario definitions from the seed's rules; bodies built with Python %d.%d hashlib, json and cryptography" % sys.version_info[:2],
            "crossChecked": [f"PHP {php_version()} json_decode, md5, openssl_decrypt: every test's code, judged in the server's "
                             "order (scripts/vectors-requests/crosscheck.php)"],
            "generator": "scripts/generate-vectors --family requests",
            "reference": "docs/api.md",
        },
        "numberOfTests": tc[0],
        "header": [
            "Captured request bodies (hex of the bytes as sent) and the code the vendor's server answers,",
            "checked at a fixed `now`; a group's maxSkew is null when the skew is not enforced.",
        ],
        "notes": {k: {"bugType": v[0], "description": v[1]} for k, v in NOTES.items()},
        "testGroups": groups,
    }
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if out_path == "-":
        sys.stdout.write(text)
    else:
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Vectors/requests.json")
