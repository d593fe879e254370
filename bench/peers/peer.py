"""Python peer for scripts/bench: hashlib and cryptography, the same line formats as xiaoa-crypto --batch."""
import base64
import hashlib
import sys

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

KEY = b"xiaoa" + b"\0" * 11
IV = b"1234567890123456"


def main(mode):
    out = sys.stdout.buffer
    md5 = hashlib.md5
    if mode == "sign":
        for line in sys.stdin.buffer:
            ts, _, dk = line.rstrip(b"\r\n").partition(b"\t")
            out.write(md5(md5(ts + dk).hexdigest().encode()).hexdigest()[8:18].encode() + b"\n")
        return
    cipher = Cipher(algorithms.AES(KEY), modes.CBC(IV))
    if mode == "encrypt":
        for line in sys.stdin.buffer:
            padder = padding.PKCS7(128).padder()
            data = padder.update(line.rstrip(b"\r\n")) + padder.finalize()
            enc = cipher.encryptor()
            out.write(base64.b64encode(enc.update(data) + enc.finalize()) + b"\n")
    else:
        for line in sys.stdin.buffer:
            dec = cipher.decryptor()
            data = dec.update(base64.b64decode(line.rstrip(b"\r\n"), validate=True)) + dec.finalize()
            unpadder = padding.PKCS7(128).unpadder()
            out.write(unpadder.update(data) + unpadder.finalize() + b"\n")


main(sys.argv[1])
