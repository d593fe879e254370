#!/usr/bin/env python3
"""The Xiao A API's sign and password cipher in Python, and a checker for xiaoa-crypto vector files.

    python3 xiaoa.py sign TIMESTAMP DOMAIN_KEY   -> the 10-character sign
    python3 xiaoa.py encrypt TEXT                -> base64 ciphertext (vendor key and IV)
    python3 xiaoa.py decrypt BASE64              -> plaintext
    python3 xiaoa.py check FILE...               -> "python: N passed, M failed" over sign/password vector files

hashlib has md5; AES comes from the `cryptography` package (pip install cryptography, or Debian's
python3-cryptography), since the standard library has no AES.
"""
import base64
import hashlib
import hmac
import json
import os
import sys

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

KEY_TEXT = b"xiaoa"
IV = b"1234567890123456"


def sign(timestamp: bytes, domain_key: bytes) -> str:
    """substr(md5(md5(timestamp . domain_key)), 8, 10), as the vendor's PHP computes it."""
    # Trap: the outer md5 hashes the 32-character *hex text* of the inner one (hexdigest(), lowercase like
    # PHP's md5()), not its 16 raw bytes (digest()).
    first = hashlib.md5(timestamp + domain_key).hexdigest()
    second = hashlib.md5(first.encode("ascii")).hexdigest()
    # Trap: PHP's substr($s, 8, 10) is (start, length); a Python slice is [start:end].
    return second[8:18]


def verify(candidate: str, timestamp: bytes, domain_key: bytes) -> bool:
    # Exact and constant-time: no .lower(), no .strip().
    return hmac.compare_digest(candidate.encode("utf-8"), sign(timestamp, domain_key).encode("ascii"))


def php_key(key_text: bytes) -> bytes:
    """The 16 key bytes PHP's openssl_encrypt makes of a text key: cut to 16, padded with NUL bytes."""
    # Trap: cryptography's AES() refuses a 5-byte key, and picks AES-192/256 by itself for a 24- or 32-byte one.
    # PHP silently zero-pads (or cuts) to the cipher's 16 bytes, so do the same by hand.
    return key_text[:16].ljust(16, b"\0")


def encrypt(plaintext: bytes, key: bytes = php_key(KEY_TEXT), iv: bytes = IV) -> str:
    # Trap: PKCS7(128) takes the block size in *bits*; PKCS7(16) would pad to 2-byte blocks.
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return base64.b64encode(encryptor.update(padded) + encryptor.finalize()).decode("ascii")


def decrypt(text: str, key: bytes = php_key(KEY_TEXT), iv: bytes = IV) -> bytes:
    """The plaintext bytes; ValueError for anything but strict base64 of whole blocks with valid padding."""
    # Trap: b64decode() silently skips characters outside the alphabet unless validate=True, and even then
    # accepts a missing-bits-set last character ("Hx==" for "Hw=="). Strict means: encoding the decoded bytes
    # gives back exactly the text.
    ciphertext = base64.b64decode(text, validate=True)  # binascii.Error is a ValueError
    if base64.b64encode(ciphertext).decode("ascii") != text:
        raise ValueError("not canonical base64")
    if not ciphertext or len(ciphertext) % 16:
        raise ValueError(f"ciphertext of {len(ciphertext)} bytes is not whole 16-byte blocks")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    padded = decryptor.update(ciphertext) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    return unpadder.update(padded) + unpadder.finalize()  # ValueError on bad padding


# --- checking vector files (schema: Vectors/README.md) ---

def check_sign(group, t):
    ts, dk = bytes.fromhex(t["timestamp"]), bytes.fromhex(t["domainKey"])
    first = hashlib.md5(ts + dk).hexdigest()
    second = hashlib.md5(first.encode("ascii")).hexdigest()
    if (first, second) != (t["md5First"], t["md5Second"]):
        return f"md5s are {first} {second}, expected {t['md5First']} {t['md5Second']}"
    accepted = verify(t["sign"], ts, dk)
    if t["result"] == "valid":
        if sign(ts, dk) != t["sign"] or not accepted:
            return f"sign is {sign(ts, dk)}, expected {t['sign']}"
    elif t["result"] == "acceptable":
        # The empty domain key, which the API never assigns: only the math is checked.
        if sign(ts, dk) != t["sign"]:
            return f"sign is {sign(ts, dk)}, expected {t['sign']}"
    elif t["result"] != "invalid":
        return f"unknown result {t['result']!r}"
    elif accepted:
        return f"verify accepted the wrong sign {t['sign']!r}"
    return None


def check_password(group, t):
    key = bytes.fromhex(group["key"])
    iv = bytes.fromhex(group["iv"])
    if group["keyText"] is not None and php_key(bytes.fromhex(group["keyText"])) != key:
        return f"key text pads to {php_key(bytes.fromhex(group['keyText'])).hex()}, expected {group['key']}"
    if t["result"] == "valid":
        msg = bytes.fromhex(t["msg"])
        got = encrypt(msg, key, iv)
        if got != t["base64"] or base64.b64decode(got).hex() != t["ct"]:
            return f"encrypt gave {got}, expected {t['base64']}"
        try:
            plain = decrypt(t["base64"], key, iv)
        except ValueError as e:
            return f"decrypt failed: {e}"
        return None if plain == msg else f"decrypt gave {plain.hex()}, expected {t['msg']}"
    try:
        plain = decrypt(t["base64"], key, iv)
    except ValueError:
        return None
    return f"decrypt accepted an invalid ciphertext (gave {plain.hex()})"


def check_file(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    checkers = {"xiaoa_sign_v1": check_sign, "xiaoa_password_v1": check_password}
    if doc["schema"] not in checkers:
        raise SystemExit(f"error: {path}: unknown schema {doc['schema']!r}")
    cases = [(g, t) for g in doc["testGroups"] for t in g["tests"]]
    if len(cases) != doc["numberOfTests"]:
        raise SystemExit(f"error: {path}: numberOfTests is {doc['numberOfTests']}, the file has {len(cases)}")
    passed = failed = 0
    for group, t in cases:
        problem = checkers[doc["schema"]](group, t)
        if problem is None:
            passed += 1
        else:
            failed += 1
            if failed <= 5:
                print(f"  {path} tcId {t['tcId']} {t['flags']}: {problem}")
    print(f"  {path}: {passed} passed, {failed} failed")
    return passed, failed


def main(argv):
    if len(argv) >= 2 and argv[0] == "check":
        totals = [check_file(p) for p in argv[1:]]
        passed, failed = sum(p for p, _ in totals), sum(f for _, f in totals)
        print(f"python: {passed} passed, {failed} failed")
        return 1 if failed else 0
    if len(argv) == 3 and argv[0] == "sign":
        print(sign(os.fsencode(argv[1]), os.fsencode(argv[2])))  # the exact bytes of the arguments
    elif len(argv) == 2 and argv[0] == "encrypt":
        print(encrypt(os.fsencode(argv[1])))
    elif len(argv) == 2 and argv[0] == "decrypt":
        try:
            sys.stdout.buffer.write(decrypt(argv[1]) + b"\n")
        except ValueError as e:
            print(f"error: cannot decrypt: {e}", file=sys.stderr)
            return 65
    else:
        print("usage: xiaoa.py sign TIMESTAMP DOMAIN_KEY | encrypt TEXT | decrypt BASE64 | check FILE...", file=sys.stderr)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
