#!/usr/bin/env python3
"""The Python side of the diagnosis vectors: mistakes that Python code really makes.

Reads JSON lines {"id": N, "op": "...", ...} on stdin and answers {"id": N, "value": "..."} per line.
Byte arguments are lowercase hex: timestamp, domainKey, plaintext. hashlib, base64, urllib and the
`cryptography` package do the work; nothing here calls xiaoa-crypto.
"""
import base64
import hashlib
import io
import json
import sys
import urllib.parse

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

IV = b"1234567890123456"


def md5hex(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def encrypt(plaintext: bytes, key: bytes, iv: bytes = IV) -> bytes:
    """AES-128-CBC with PKCS#7, as the API asks; `key` must already be 16 bytes."""
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(padded) + enc.finalize()


def php_key(text: bytes) -> bytes:
    return text[:16].ljust(16, b"\0")


def answer(req: dict) -> str:
    op = req["op"]
    t = bytes.fromhex(req.get("timestamp", ""))
    k = bytes.fromhex(req.get("domainKey", ""))
    p = bytes.fromhex(req.get("plaintext", ""))
    key = php_key(req.get("keyText", "xiaoa").encode())

    # ------------------------------------------------------------------------------------------ sign
    if op == "sign":
        return md5hex(md5hex(t + k).encode())[8:18]
    if op == "sign.slice9":
        # "10 characters starting at the 9th" sliced with the 9 as a 0-based index
        return md5hex(md5hex(t + k).encode())[9:19]
    if op == "sign.keyReadline":
        # the domain key read with readline(), line end kept
        key_line = io.StringIO(k.decode() + "\n").readline()
        return md5hex(md5hex(t + key_line.encode()).encode())[8:18]
    if op == "sign.stripBeforeSigning":
        # the client signs the stripped timestamp but sends it as it was (with the whitespace)
        return md5hex(md5hex(t.decode().strip().encode() + k).encode())[8:18]
    if op == "sign.crlfKey":
        # a key read in binary mode from a Windows file keeps "\r\n"
        key_line = io.BytesIO(k + b"\r\n").readline()
        return md5hex(md5hex(t + key_line).encode())[8:18]

    # -------------------------------------------------------------------------------------- password
    ct = encrypt(p, key)
    if op == "password.b64":
        return base64.b64encode(ct).decode()
    if op == "password.urlsafe":
        return base64.urlsafe_b64encode(ct).decode()
    if op == "password.rstripPadding":
        return base64.b64encode(ct).decode().rstrip("=")
    if op == "password.encodebytes":
        # MIME base64: 76 characters per line and a final "\n"
        return base64.encodebytes(ct).decode()
    if op == "password.gbk":
        return base64.b64encode(encrypt(p.decode("utf-8").encode("gbk"), key)).decode()
    if op == "password.parseQs":
        # the ciphertext posted unencoded as a form field and read back by the form parser
        body = "password=" + base64.b64encode(ct).decode()
        return urllib.parse.parse_qs(body)["password"][0]
    if op == "password.md5Key":
        # hashlib.md5(key).digest() as the AES key
        return base64.b64encode(encrypt(p, hashlib.md5(req.get("keyText", "xiaoa").encode()).digest())).decode()
    if op == "password.randomBytes":
        # a value that is not a ciphertext at all: random bytes of the given hex, base64-encoded
        return base64.b64encode(p).decode()
    raise SystemExit(f"unknown op {op}")


def main():
    for line in sys.stdin:
        req = json.loads(line)
        print(json.dumps({"id": req["id"], "value": answer(req)}, ensure_ascii=False), flush=False)


if __name__ == "__main__":
    main()
