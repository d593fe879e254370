#!/usr/bin/env python3
"""Build Vectors/diagnosis-sign.json and Vectors/diagnosis-password.json into an output directory.

Each test is a wrong (or right) value and the id of the mistake that produced it. The values are made by
independent programs that make the mistake the way real code does: mistakes.php (PHP 8), mistakes.py
(Python 3: hashlib, base64, urllib, cryptography), mistakes.js (Node: crypto, Buffer) and
mistakes-openssl.sh (the openssl CLI). The hint of a test is the definition of the producer's mistake; nothing
here or there runs xiaoa-crypto. This script only picks inputs (fixed lists and a fixed-seed PRNG), checks the
preconditions that make a case meaningful with Python's hashlib/cryptography (the wrong value differs from the
right one; a value meant to fail strict decryption fails it), and writes the files.

Usage: build.py OUTDIR
"""

import base64
import binascii
import hashlib
import json
import os
import random
import subprocess
import sys

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "vectors"))
from vectorlib import die, dumps, load_notes, major_minor, openssl_cli_version, php_binary  # noqa: E402

SEED = 1700000000
NOW = 1700000000
MAX_SKEW = 300
GENERATOR = "scripts/generate-vectors --family diagnosis"
VENDOR_KEY = b"xiaoa".ljust(16, b"\0")
VENDOR_IV = b"1234567890123456"


# =========================================================================================== producers

class Producer:
    """A script that answers JSON-line requests; requests are queued, then sent in one run."""

    def __init__(self, name, argv):
        self.name = name
        self.argv = argv
        self.queue = []

    def ask(self, op, **args):
        request = {"id": len(self.queue), "op": op, **args}
        self.queue.append(request)
        return Pending(self, request["id"])

    def run(self):
        data = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in self.queue)
        p = subprocess.run(self.argv, input=data.encode(), capture_output=True)
        if p.returncode != 0:
            sys.stderr.write(p.stderr.decode(errors="replace"))
            die(f"{self.name} exited with {p.returncode}")
        lines = [l for l in p.stdout.decode().split("\n") if l]
        if len(lines) != len(self.queue):
            die(f"{self.name} answered {len(lines)} lines for {len(self.queue)} requests")
        self.answers = {}
        for request, line in zip(self.queue, lines):
            answer = json.loads(line)
            if answer["id"] != request["id"]:
                die(f"{self.name} answered id {answer['id']} for {request['id']}")
            self.answers[request["id"]] = answer["value"]


class Pending:
    def __init__(self, producer, ident):
        self.producer, self.ident = producer, ident

    def get(self):
        return self.producer.answers[self.ident]


class Immediate:
    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


PHP = Producer("mistakes.php", [php_binary(), os.path.join(HERE, "mistakes.php")])
PY = Producer("mistakes.py", [sys.executable, os.path.join(HERE, "mistakes.py")])
NODE = Producer("mistakes.js", ["node", os.path.join(HERE, "mistakes.js")])


def openssl(mode, key: bytes, iv: bytes, text: str) -> Immediate:
    p = subprocess.run([os.path.join(HERE, "mistakes-openssl.sh"), mode, key.hex(), iv.hex(), text],
                       capture_output=True, check=True)
    out = p.stdout.decode()
    # A value captured the way $(...) captures it: the final line end dropped, inner ones kept.
    return Immediate(out[:-1] if out.endswith("\n") else out)


# ======================================================================== independent recomputations

def md5hex(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def right_sign(ts: bytes, key: bytes) -> str:
    return md5hex(md5hex(ts + key).encode())[8:18]


def strict_decrypt(text: str, key: bytes, iv: bytes):
    """Strict standard base64, AES-128-CBC, PKCS#7; None when any step refuses."""
    try:
        if any(c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=" for c in text):
            return None
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    if base64.b64encode(raw).decode() != text or not raw or len(raw) % 16:
        return None
    dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    padded = dec.update(raw) + dec.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        return None


def right_ciphertext(plaintext: bytes, key: bytes = VENDOR_KEY, iv: bytes = VENDOR_IV) -> str:
    padder = padding.PKCS7(128).padder()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return base64.b64encode(enc.update(padder.update(plaintext) + padder.finalize()) + enc.finalize()).decode()


def is_utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


# ================================================================================================ sign

SIGN_NOTES = load_notes("xiaoa_sign_diagnosis_v1")

SIGN_INPUTS = [
    ("1700000000", "abc"),
    ("1700000123", "demo-key"),
    ("1712345678", "密钥-α"),
    ("1699999999", "k3y.with.dots"),
    ("1723456789", "partner_0042"),
    ("1700086400", "🔑 key"),
]


def first_input_where(predicate, start=NOW, key="abc"):
    """The first timestamp from `start` on whose md5 text meets `predicate` (input selection only)."""
    ts = start
    while not predicate(str(ts).encode(), key.encode()):
        ts += 1
    return str(ts)


def has_letters(s: str) -> bool:
    return any(c in "abcdef" for c in s)


def build_sign(rng):
    tests = []

    def case(comment, flags, pending, ts, key, hint, now=None, max_skew=None, details=None, sent_ts=None, check=None):
        tests.append(dict(comment=comment, flags=flags, pending=pending, ts=sent_ts if sent_ts is not None else ts,
                          key=key, hint=hint, now=now, max_skew=max_skew, details=details or {}, check=check))

    def args(ts, key):
        return dict(timestamp=ts.encode().hex(), domainKey=key.encode().hex())

    # --- right values
    for ts, key in SIGN_INPUTS:
        case(f"right sign, PHP substr(md5(md5($t . $k)), 8, 10)", ["PHP", "RightValue"], PHP.ask("sign", **args(ts, key)), ts, key, "none")
    case("right sign, fresh timestamp (10 s old, max skew 300)", ["PHP", "RightValue"], PHP.ask("sign", **args(str(NOW - 10), "abc")),
         str(NOW - 10), "abc", "none", now=NOW, max_skew=MAX_SKEW)
    case("right sign over a 13-digit timestamp, no skew check: nothing to diagnose", ["PHP", "RightValue"],
         PHP.ask("sign", **args("1700000000123", "abc")), "1700000000123", "abc", "none")
    case("right sign, empty domain key", ["PHP", "RightValue", "EmptyDomainKey"], PHP.ask("sign", **args("1700000000", "")),
         "1700000000", "", "none")

    # --- the mistakes
    for ts, key in SIGN_INPUTS[:3]:
        case("PHP substr(md5(strtoupper(md5($t . $k))), 8, 10)", ["PHP", "Mistake"], PHP.ask("sign.innerUpper", **args(ts, key)), ts, key, "sign.innerMd5Uppercase")
    upper_inputs = [(ts, k) for ts, k in SIGN_INPUTS if has_letters(right_sign(ts.encode(), k.encode()))]
    for ts, key in upper_inputs[:2]:
        case("PHP strtoupper(substr(md5(md5($t . $k)), 8, 10))", ["PHP", "Mistake"], PHP.ask("sign.outerUpper", **args(ts, key)), ts, key, "sign.outerUppercase")
    ts, key = upper_inputs[2]
    case("JavaScript md5(md5(t + k)).substring(8, 18).toUpperCase()", ["Node", "Mistake"], NODE.ask("sign.toUpperCase", **args(ts, key)), ts, key, "sign.outerUppercase")
    for ts, key in SIGN_INPUTS[:3]:
        case("PHP substr(md5($t . $k), 8, 10): one md5", ["PHP", "Mistake"], PHP.ask("sign.single", **args(ts, key)), ts, key, "sign.singleMd5")
    for ts, key in SIGN_INPUTS[1:3]:
        case("PHP substr(md5(md5($k . $t)), 8, 10)", ["PHP", "Mistake"], PHP.ask("sign.swapped", **args(ts, key)), ts, key, "sign.swappedConcatenation")
    ts, key = SIGN_INPUTS[4]
    case("JavaScript md5(md5(domainKey + timestamp))", ["Node", "Mistake"], NODE.ask("sign.swappedTemplate", **args(ts, key)), ts, key, "sign.swappedConcatenation")
    for ts, key in SIGN_INPUTS[:2]:
        case("PHP md5(md5(\"$t.$k\")): in double quotes the '.' is a character", ["PHP", "Mistake"], PHP.ask("sign.interpolatedDot", **args(ts, key)),
             ts, key, "sign.separator", details={"separator": "."})
    ts, key = SIGN_INPUTS[2]
    case("PHP md5(md5(implode('|', [$t, $k])))", ["PHP", "Mistake"], PHP.ask("sign.implodePipe", **args(ts, key)), ts, key, "sign.separator", details={"separator": "|"})
    ts, key = SIGN_INPUTS[3]
    case("JavaScript md5(md5(`${timestamp}_${domainKey}`))", ["Node", "Mistake"], NODE.ask("sign.templateSeparator", **args(ts, key)), ts, key, "sign.separator", details={"separator": "_"})
    for ts, key in SIGN_INPUTS[:2]:
        case("JavaScript/Java h.substring(8, 10): an end index taken for a length", ["Node", "Mistake"], NODE.ask("sign.substring8to10", **args(ts, key)),
             ts, key, "sign.wrongCut", details={"offset": "8", "length": "2"})
    # A cut at offset 9 and a dropped leading zero of md5 #2 give the same characters; these inputs have none.
    late_inputs = [(ts, k) for ts, k in SIGN_INPUTS if not md5hex(md5hex((ts + k).encode()).encode()).startswith("0")]
    ts, key = late_inputs[0]
    case("PHP substr(md5(md5($t . $k)), 9, 10): the 9th character as offset 9", ["PHP", "Mistake"], PHP.ask("sign.substr9", **args(ts, key)),
         ts, key, "sign.wrongCut", details={"offset": "9", "length": "10"})
    ts, key = late_inputs[2]
    case("Python md5(md5(t + k))[9:19]", ["Python", "Mistake"], PY.ask("sign.slice9", **args(ts, key)), ts, key, "sign.wrongCut", details={"offset": "9", "length": "10"})
    ts, key = SIGN_INPUTS[3]
    case("PHP substr(md5(md5($t . $k)), 8, 9): length off by one", ["PHP", "Mistake"], PHP.ask("sign.substrLength9", **args(ts, key)),
         ts, key, "sign.wrongCut", details={"offset": "8", "length": "9"})
    for key in ["abc", "demo-key"]:
        ts = first_input_where(lambda t, k: md5hex(t + k).startswith("0"), key=key)
        case("md5 #1 through BigInt(...).toString(16) (Java's BigInteger bug): leading zero dropped", ["Node", "Mistake"],
             NODE.ask("sign.bigintInner", **args(ts, key)), ts, key, "sign.leadingZerosDropped", details={"digest": "md5 #1"})
    for key in ["abc", "demo-key"]:
        ts = first_input_where(lambda t, k: md5hex(md5hex(t + k).encode()).startswith("0"), key=key)
        case("md5 #2 through BigInt(...).toString(16) (Java's BigInteger bug): leading zero dropped", ["Node", "Mistake"],
             NODE.ask("sign.bigintOuter", **args(ts, key)), ts, key, "sign.leadingZerosDropped", details={"digest": "md5 #2"})
    for offset_ms, key in [(123, "abc"), (987, "demo-key")]:
        ms = (NOW - 5) * 1000 + offset_ms
        case("JavaScript timestamp = String(Date.now()): milliseconds, signed as sent", ["Node", "TimestampOnly"],
             NODE.ask("sign.dateNow", nowMs=ms, **args(str(ms), key)), str(ms), key, "sign.millisecondTimestamp", now=NOW, max_skew=MAX_SKEW)
    ms = NOW * 1000 + 456
    case("JavaScript: seconds sent, sign made over String(Date.now())", ["Node", "Mistake"],
         NODE.ask("sign.dateNowMixed", nowMs=ms, **args(str(NOW), "abc")), str(NOW), "abc", "sign.millisecondTimestamp",
         details={"signedTimestamp": str(ms)})
    for ts, key in SIGN_INPUTS[:2]:
        case("PHP key from file_get_contents: the file's \\n is hashed", ["PHP", "Mistake"], PHP.ask("sign.keyFromFile", **args(ts, key)),
             ts, key, "sign.whitespace", details={"field": "domain key", "whitespace": "\\n", "position": "trailing"})
    ts, key = SIGN_INPUTS[2]
    case("Python key from readline(): the \\n is hashed", ["Python", "Mistake"], PY.ask("sign.keyReadline", **args(ts, key)),
         ts, key, "sign.whitespace", details={"field": "domain key", "whitespace": "\\n"})
    ts, key = SIGN_INPUTS[4]
    case("Python key read in binary from a Windows file: \\r\\n is hashed", ["Python", "Mistake"], PY.ask("sign.crlfKey", **args(ts, key)),
         ts, key, "sign.whitespace", details={"field": "domain key", "whitespace": "\\r\\n"})
    ts, key = "1700000000 ", "abc"
    case("Python signs timestamp.strip() but sends it with its trailing space", ["Python", "Mistake"], PY.ask("sign.stripBeforeSigning", **args(ts, key)),
         ts, key, "sign.whitespace", details={"field": "timestamp", "position": "sent"})
    ts, key = SIGN_INPUTS[1]
    case("PHP sign read back with fgets: the line end is sent", ["PHP", "Mistake"], PHP.ask("sign.signLine", **args(ts, key)),
         ts, key, "sign.whitespace", details={"field": "sign"})

    # --- timestamps
    for ts, delta in [(str(NOW - 1000), 1000), (str(NOW - 86400), 86400)]:
        case("right sign, timestamp too old", ["PHP", "TimestampOnly"], PHP.ask("sign", **args(ts, "abc")), ts, "abc", "sign.timestampTooOld",
             now=NOW, max_skew=MAX_SKEW, details={"delta": str(delta), "maxSkew": str(MAX_SKEW)})
    for ts, delta in [(str(NOW + 600), 600), (str(NOW + 3601), 3601)]:
        case("right sign, timestamp in the future", ["PHP", "TimestampOnly"], PHP.ask("sign", **args(ts, "demo-key")), ts, "demo-key", "sign.timestampInFuture",
             now=NOW, max_skew=MAX_SKEW, details={"delta": str(delta)})
    ts = " " + str(NOW)
    case("right sign over a timestamp with a leading space: not a number of seconds", ["PHP", "TimestampOnly"], PHP.ask("sign", **args(ts, "abc")),
         ts, "abc", "sign.timestampNotInteger", now=NOW, max_skew=MAX_SKEW)

    # --- no known cause
    for ts, key in SIGN_INPUTS[:5]:
        value = "".join(rng.choice("0123456789abcdef") for _ in range(10))
        case("random 10 hex characters", ["Python", "RandomValue"], Immediate(value), ts, key, "noKnownCause")
    for (ts, key), other in zip(SIGN_INPUTS[:3], ["abd", "demo-key-2", "密钥-β"]):
        case("PHP sign of the same timestamp under another domain key", ["PHP", "OtherKey"],
             PHP.ask("sign.otherKey", otherKey=other.encode().hex(), **args(ts, key)), ts, key, "noKnownCause")
    case("empty sign", ["RandomValue"], Immediate(""), "1700000000", "abc", "noKnownCause")
    return tests


def sign_result(t):
    """valid for a right value, invalid for a mistake; acceptable for a right value under the empty domain key,
    which the API never assigns (an API-facing implementation may refuse the key instead of diagnosing)."""
    if t["hint"] != "none":
        return "invalid"
    return "acceptable" if "EmptyDomainKey" in t["flags"] else "valid"


def finish_sign(tests):
    out = []
    for t in tests:
        value = t["pending"].get()
        ts, key = t["ts"].encode(), t["key"].encode()
        right = right_sign(ts, key)
        if t["hint"] == "none" or "TimestampOnly" in t["flags"]:
            if value != right:
                die(f"sign case {t['comment']!r}: the producer's right value {value} is not {right}")
        elif value == right:
            die(f"sign case {t['comment']!r} for {t['ts']!r}/{t['key']!r}: the mistake gives the right sign; pick another input")
        out.append({
            "comment": t["comment"], "flags": t["flags"], "result": sign_result(t),
            "timestamp": ts.hex(), "domainKey": key.hex(), "sign": value,
            "now": t["now"], "maxSkew": t["max_skew"], "hint": t["hint"], "details": t["details"],
        })
    return out


# ============================================================================================ password

PASSWORD_NOTES = load_notes("xiaoa_password_diagnosis_v1")

PASSWORDS = ["123456", "P@ssw0rd!", "correct horse battery staple", "s3cret-Δ", "1234567890abcdef",
             "xiaoa-user-2024", "hunter2", "p/a+s=s"]
LONG_PASSWORDS = ["a long pass phrase that spans more than four AES blocks, 64+ bytes!",
                  "长密码 with mixed scripts — ünïcödé — and enough length to wrap base64"]
CHINESE_PASSWORDS = ["密码123", "小爱同学", "测试密码abc"]

GROUP_VENDOR = {"keyText": b"xiaoa", "keyHex": None, "iv": VENDOR_IV}
GROUP_HEX_AS_TEXT = {"keyText": b"00112233445566778899aabbccddeeff", "keyHex": None, "iv": VENDOR_IV}
GROUP_KEY_HEX = {"keyText": None, "keyHex": "0f1e2d3c4b5a69788796a5b4c3d2e1f0", "iv": VENDOR_IV}
GROUP_PARTNER = {"keyText": b"partner-key-2024", "keyHex": None, "iv": VENDOR_IV}
GROUPS = [GROUP_VENDOR, GROUP_HEX_AS_TEXT, GROUP_KEY_HEX, GROUP_PARTNER]


def group_key(group) -> bytes:
    if group["keyText"] is not None:
        return group["keyText"][:16].ljust(16, b"\0")
    return bytes.fromhex(group["keyHex"])


def with_char(passwords, predicate, key=VENDOR_KEY):
    """The passwords whose right base64 meets `predicate` (input selection only)."""
    return [p for p in passwords if predicate(right_ciphertext(p.encode(), key))]


def build_password(rng):
    tests = {id(g): [] for g in GROUPS}

    def case(group, comment, flags, pending, plaintext, hint, details=None, both=True, without_hint=None):
        """One test with the expected password and, when `both`, one without it (hint `without_hint` or the same)."""
        tests[id(group)].append(dict(comment=comment, flags=flags, pending=pending, plaintext=plaintext, expected=True,
                                     hint=hint, details=details or {}))
        if both:
            hint2 = without_hint or hint
            flags2 = flags + ["WithoutExpected"] + (["NotVisibleWithoutExpected"] if hint2 != hint else [])
            tests[id(group)].append(dict(comment=comment + " (no expected password)", flags=flags2, pending=pending,
                                         plaintext=plaintext, expected=False, hint=hint2,
                                         details=(details or {}) if hint2 == hint else {}))

    def p(text):
        return dict(plaintext=text.encode().hex())

    g = GROUP_VENDOR
    # --- right values
    for text in PASSWORDS[:6]:
        case(g, "PHP openssl_encrypt($p, 'AES-128-CBC', 'xiaoa', 0, $iv)", ["PHP", "RightValue"], PHP.ask("password", **p(text)), text, "none")
    # --- transport and encoding
    for text in with_char(PASSWORDS + LONG_PASSWORDS, lambda b: "+" in b)[:1]:
        case(g, "PHP parse_str of an unencoded form body: '+' became a space", ["PHP", "Mistake"], PHP.ask("password.parseStr", **p(text)), text, "cipher.plusAsSpace")
    for text in with_char(PASSWORDS + LONG_PASSWORDS, lambda b: "+" in b)[1:2]:
        case(g, "Python urllib.parse.parse_qs of an unencoded form body", ["Python", "Mistake"], PY.ask("password.parseQs", **p(text)), text, "cipher.plusAsSpace")
    for text in with_char(PASSWORDS, lambda b: "+" in b or "/" in b)[:2]:
        case(g, "Python base64.urlsafe_b64encode", ["Python", "Mistake"], PY.ask("password.urlsafe", **p(text)), text, "cipher.urlSafeAlphabet")
    long48 = [t for t in with_char(["the quick brown fox jumps over the lazy dog 42", "abcdefghijklmnopqrstuvwxyz0123456789ABCD"],
                                   lambda b: ("+" in b or "/" in b) and "=" not in b)]
    case(g, "Node Buffer.toString('base64url') of a 48-byte ciphertext (no '=' needed)", ["Node", "Mistake"],
         NODE.ask("password.base64url", **p(long48[0])), long48[0], "cipher.urlSafeAlphabet")
    for text in PASSWORDS[:2] + PASSWORDS[2:3]:
        case(g, "Python base64.b64encode(ct).rstrip('=')", ["Python", "Mistake"], PY.ask("password.rstripPadding", **p(text)), text, "cipher.missingPadding")
    case(g, "Python base64.encodebytes: 76-character lines and a final \\n", ["Python", "Mistake"], PY.ask("password.encodebytes", **p(LONG_PASSWORDS[0])),
         LONG_PASSWORDS[0], "cipher.lineWrapped", details={"lineLength": "76"})
    case(g, "Python base64.encodebytes of a short ciphertext: only the final \\n", ["Python", "Mistake"], PY.ask("password.encodebytes", **p("123456")),
         "123456", "cipher.lineWrapped", details={"lineLength": "24"})
    case(g, "PHP chunk_split(base64_encode(...)): 76 characters and \\r\\n", ["PHP", "Mistake"], PHP.ask("password.chunkSplit", **p(LONG_PASSWORDS[1])),
         LONG_PASSWORDS[1], "cipher.lineWrapped", details={"lineLength": "76", "lineEnd": "\\r\\n"})
    case(g, "openssl enc -a without -A: 64-character lines", ["OpenSSL", "Mistake"], openssl("wrap", VENDOR_KEY, VENDOR_IV, LONG_PASSWORDS[0]),
         LONG_PASSWORDS[0], "cipher.lineWrapped", details={"lineLength": "64"})
    for text in PASSWORDS[:2]:
        case(g, "JavaScript encodeURIComponent(base64) put into a JSON body", ["Node", "Mistake"], NODE.ask("password.encodeURIComponent", **p(text)),
             text, "cipher.percentEncoded")
    for text in PASSWORDS[:2]:
        case(g, "PHP base64_encode(openssl_encrypt(..., 0, ...)): base64 twice", ["PHP", "Mistake"], PHP.ask("password.doubleBase64", **p(text)), text, "cipher.doubleBase64")
    # --- keys
    for text in PASSWORDS[:2]:
        case(g, "Node Buffer.alloc(16, 'xiaoa'): the key text repeated", ["Node", "Mistake"], NODE.ask("password.bufferAllocKey", **p(text)), text, "cipher.keyRepeated")
    case(g, "Node createHash('md5').update('xiaoa').digest() as the key", ["Node", "Mistake"], NODE.ask("password.md5Key", **p("123456")), "123456",
         "cipher.keyMd5", details={"form": "md5 digest bytes"})
    case(g, "Python hashlib.md5(b'xiaoa').digest() as the key", ["Python", "Mistake"], PY.ask("password.md5Key", **p(PASSWORDS[2])), PASSWORDS[2],
         "cipher.keyMd5", details={"form": "md5 digest bytes"})
    case(g, "PHP substr(md5('xiaoa'), 0, 16) as the key", ["PHP", "Mistake"], PHP.ask("password.md5HexKey", **p(PASSWORDS[1])), PASSWORDS[1],
         "cipher.keyMd5", details={"form": "md5 hex, first 16 characters"})
    for text in PASSWORDS[:2]:
        case(g, "PHP openssl_encrypt with the key's hex spelling '7869616f61000000...' as key", ["PHP", "Mistake"], PHP.ask("password.hexKeyText", **p(text)),
             text, "cipher.keyFromHexText")
    # --- mode and padding
    for text in ["123456", PASSWORDS[2]]:
        case(g, "Node createCipheriv('aes-128-ecb', key, null)", ["Node", "Mistake"], NODE.ask("password.ecb", **p(text)), text, "cipher.ecbMode")
    for text, zeros in [("123456", 10), (PASSWORDS[2], 4)]:
        case(g, "PHP OPENSSL_ZERO_PADDING with str_pad(..., \"\\0\")", ["PHP", "Mistake"], PHP.ask("password.zeroPadding", **p(text)), text,
             "cipher.zeroPadding", details={"zeroBytes": str(zeros)})
    case(g, "PHP OPENSSL_ZERO_PADDING on a 16-byte password: no padding at all", ["PHP", "Mistake"], PHP.ask("password.zeroPadding", **p(PASSWORDS[4])),
         PASSWORDS[4], "cipher.zeroPadding", details={"zeroBytes": "0"}, without_hint="noKnownCause")
    # --- plaintext bytes
    case(g, "PHP password from fgets: \\n encrypted", ["PHP", "Mistake"], PHP.ask("password.fgets", **p("123456")), "123456", "cipher.trailingNewline",
         details={"lineEnd": "\\n"}, without_hint="none")
    case(g, "echo $PW | openssl enc: \\n encrypted", ["OpenSSL", "Mistake"], openssl("echo", VENDOR_KEY, VENDOR_IV, "hunter2"), "hunter2",
         "cipher.trailingNewline", details={"lineEnd": "\\n"}, without_hint="none")
    case(g, "Python password.encode('gbk')", ["Python", "Mistake"], PY.ask("password.gbk", **p(CHINESE_PASSWORDS[0])), CHINESE_PASSWORDS[0], "cipher.gbkPlaintext")
    case(g, "PHP iconv('UTF-8', 'GBK', $p)", ["PHP", "Mistake"], PHP.ask("password.iconvGbk", **p(CHINESE_PASSWORDS[1])), CHINESE_PASSWORDS[1], "cipher.gbkPlaintext")
    case(g, "Python password.encode('gbk'), mixed text", ["Python", "Mistake"], PY.ask("password.gbk", **p(CHINESE_PASSWORDS[2])), CHINESE_PASSWORDS[2], "cipher.gbkPlaintext")
    # --- CryptoJS
    for text in ["123456", PASSWORDS[2]]:
        salt = bytes(rng.randrange(256) for _ in range(8))
        case(g, "CryptoJS.AES.encrypt(password, 'xiaoa'): passphrase mode", ["Node", "Mistake"], NODE.ask("password.cryptoJs", salt=salt.hex(), **p(text)),
             text, "cipher.cryptoJsPassphrase", details={"verified": "true"})
    # --- no known cause
    for n in [16, 32, 16]:
        raw = bytes(rng.randrange(256) for _ in range(n))
        case(g, f"random {n} bytes in base64", ["Python", "RandomValue"], PY.ask("password.randomBytes", plaintext=raw.hex()), "123456", "noKnownCause")
    for text in ["123456", PASSWORDS[1]]:
        case(g, "PHP openssl_encrypt under an unrelated key 'not-the-key'", ["PHP", "RandomValue"],
             PHP.ask("password", keyText="not-the-key", **p(text)), text, "noKnownCause")
    for text, other in [("123456", "654321"), (PASSWORDS[1], "P@ssw0rd?")]:
        case(g, "PHP ciphertext of another password", ["PHP", "OtherPassword"], PHP.ask("password", **p(other)), text, "noKnownCause", both=False)

    g = GROUP_HEX_AS_TEXT
    key_hex_text = g["keyText"].decode()
    case(g, "PHP with the 32-character text key (PHP uses its first 16 characters)", ["PHP", "RightValue"],
         PHP.ask("password", keyText=key_hex_text, **p("123456")), "123456", "none")
    for text in ["123456", PASSWORDS[2]]:
        case(g, "openssl enc -K 00112233...: the digits are 16 key bytes, read here as a text key", ["OpenSSL", "Mistake"],
             openssl("printf", bytes.fromhex(key_hex_text), VENDOR_IV, text), text, "cipher.hexKeyAsText")

    g = GROUP_KEY_HEX
    case(g, "openssl enc -K with the hex key", ["OpenSSL", "RightValue"], openssl("printf", bytes.fromhex(g["keyHex"]), VENDOR_IV, "123456"), "123456", "none")
    case(g, "PHP openssl_encrypt given the hex digits as the key string", ["PHP", "Mistake"],
         PHP.ask("password", keyText=g["keyHex"], **p("123456")), "123456", "cipher.keyFromHexText")

    g = GROUP_PARTNER
    case(g, "PHP with the partner's 16-byte key", ["PHP", "RightValue"], PHP.ask("password", keyText="partner-key-2024", **p("123456")), "123456", "none")
    for text in ["123456", PASSWORDS[1]]:
        case(g, "Node: made with the vendor's key, checked with the partner's", ["Node", "Mistake"], NODE.ask("password.vendorKey", **p(text)), text, "cipher.vendorKey")
    return tests


def finish_password(tests):
    groups = []
    for group in GROUPS:
        key = group_key(group)
        iv = group["iv"]
        out = []
        for t in tests[id(group)]:
            value = t["pending"].get()
            plaintext = t["plaintext"].encode()
            strict = strict_decrypt(value, key, iv)
            right = strict == plaintext if t["expected"] else (strict is not None and is_utf8(strict))
            if (t["hint"] == "none") != right:
                die(f"password case {t['comment']!r} ({t['plaintext']!r}): strict decryption {'accepts' if right else 'rejects'} {value!r}, hint {t['hint']}")
            out.append({
                "comment": t["comment"], "flags": t["flags"], "result": "valid" if right else "invalid",
                "ciphertext": value, "expected": plaintext.hex() if t["expected"] else None,
                "hint": t["hint"], "details": t["details"],
            })
        groups.append({
            "type": "PasswordDiagnosisTest",
            "keyText": group["keyText"].hex() if group["keyText"] is not None else None,
            "keyHex": group["keyHex"], "iv": iv.hex(), "tests": out,
        })
    return groups


# ================================================================================================ main

def versions():
    php = subprocess.run([php_binary(), "-r", "echo PHP_VERSION;"], capture_output=True, text=True, check=True).stdout
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True).stdout.strip().lstrip("v")
    py = f"{sys.version_info.major}.{sys.version_info.minor}"
    return major_minor(php), py, major_minor(node), openssl_cli_version()


def number(tests):
    for i, t in enumerate(tests, 1):
        t["tcId"] = i
    return tests


def ordered_test(t, fields):
    return {k: t[k] for k in ["tcId", "comment", "flags", "result"] + fields}


def main():
    if len(sys.argv) != 2:
        die("usage: build.py OUTDIR", 64)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)
    rng = random.Random(SEED)
    sign_tests = build_sign(rng)
    password_tests = build_password(rng)
    for producer in [PHP, PY, NODE]:
        producer.run()
    php, py, node, openssl_version = versions()
    producers = [f"PHP {php} (mistakes.php)", f"Python {py} (mistakes.py)", f"Node {node} (mistakes.js)"]

    signs = number(finish_sign(sign_tests))
    sign_doc = {
        "algorithm": "XIAOA-SIGN-DIAGNOSIS",
        "schema": "xiaoa_sign_diagnosis_v1",
        "source": {
            "expected": "hints: the mistake each producer makes; values from " + ", ".join(producers) + " in scripts/vectors-diagnosis/",
            "crossChecked": [f"Python {py} hashlib: every right value is right and every mistake's value differs from the right sign (build.py)"],
            "generator": GENERATOR,
            "reference": "issue 4 (diagnosis); sign rule of the seed API.md",
        },
        "numberOfTests": len(signs),
        "header": [
            "Wrong (and right) request signs with the mistake that produced each one.",
            "timestamp and domainKey are hex of the bytes as sent; sign is the value as sent (plain string).",
            "now and maxSkew (seconds, or null) ask for the timestamp's age to be checked too.",
            "hint: the finding id a diagnosis must return, alone; 'none' for a right value, 'noKnownCause' when no known mistake explains it.",
            "details: values the finding must carry (a subset of its details).",
            "result: valid for a right value, invalid for a mistake; acceptable for a right sign under the empty domain key,",
            "which the API never assigns (a diagnosis that runs must find nothing; an API-facing tool may refuse the key).",
        ],
        "notes": {k: {"bugType": b, "description": d} for k, (b, d) in SIGN_NOTES.items()},
        "testGroups": [{"type": "SignDiagnosisTest", "tests": [ordered_test(t, ["timestamp", "domainKey", "sign", "now", "maxSkew", "hint", "details"]) for t in signs]}],
    }

    groups = finish_password(password_tests)
    all_tests = number([t for g in groups for t in g["tests"]])
    for g in groups:
        g["tests"] = [ordered_test(t, ["ciphertext", "expected", "hint", "details"]) for t in g["tests"]]
    password_doc = {
        "algorithm": "XIAOA-PASSWORD-DIAGNOSIS",
        "schema": "xiaoa_password_diagnosis_v1",
        "source": {
            "expected": "hints: the mistake each producer makes; values from " + ", ".join(producers + [f"{openssl_version} CLI (mistakes-openssl.sh)"])
                        + " in scripts/vectors-diagnosis/",
            "crossChecked": [f"Python {py} cryptography: strict decryption accepts exactly the tests whose hint is none (build.py)"],
            "generator": GENERATOR,
            "reference": "issue 4 (diagnosis); password cipher of the seed API.md",
        },
        "numberOfTests": len(all_tests),
        "header": [
            "Wrong (and right) password ciphertexts with the mistake that produced each one.",
            "Group: keyText (hex of a text key, PHP semantics) or keyHex (the 32 hex digits a user gives as --key-hex), and iv (hex of 16 bytes).",
            "ciphertext is the value as received (plain string: it may hold spaces, line breaks, %XX).",
            "expected is hex of the password it should decrypt to, or null to diagnose a failing decrypt without it.",
            "hint: the finding id a diagnosis must return, alone; 'none' for a right value, 'noKnownCause' when no known mistake explains it.",
            "details: values the finding must carry (a subset of its details).",
        ],
        "notes": {k: {"bugType": b, "description": d} for k, (b, d) in PASSWORD_NOTES.items()},
        "testGroups": groups,
    }

    for name, doc in [("diagnosis-sign.json", sign_doc), ("diagnosis-password.json", password_doc)]:
        with open(os.path.join(outdir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(dumps(doc))
    print(f"build.py: wrote diagnosis-sign.json ({len(signs)} tests) and diagnosis-password.json ({len(all_tests)} tests) to {outdir}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
