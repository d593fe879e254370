"""HTTPie auth plugin for the Xiao A voice-platform API (auth type ``xiaoa``).

    http --auth-type=xiaoa --auth='DOMAIN_KEY:' POST :8088/assoc/add user_name=xa password=123456 c_username=c1

rewrites the JSON body as it is finally sent: adds ``timestamp`` (the current Unix time in seconds, unless the body
has one), ``domain_key`` and ``sign = substr(md5(md5(timestamp . domain_key)), 8, 10)``, and replaces the plain
text of ``password``, ``old_pwd`` and ``new_pwd`` with its AES-128-CBC/PKCS#7 ciphertext in standard base64
(key ``xiaoa`` zero-padded to 16 bytes, IV ``1234567890123456``, as PHP's ``openssl_encrypt`` does).
"""
import base64
import binascii
import hashlib
import json
import time

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from httpie.plugins import AuthPlugin
from requests.auth import AuthBase

__all__ = ["XiaoaAuth", "XiaoaAuthPlugin", "sign", "encrypt_password", "decrypt_password", "sign_body"]

#: The vendor's key: the text ``xiaoa``, zero-padded to AES-128's 16 bytes as ``openssl_encrypt`` does.
KEY = b"xiaoa".ljust(16, b"\0")
#: The vendor's fixed IV.
IV = b"1234567890123456"
#: The body fields that carry a password, sent encrypted.
PASSWORD_FIELDS = ("password", "old_pwd", "new_pwd")


class XiaoaError(Exception):
    """A body the plugin cannot sign (HTTPie prints the message and exits with an error)."""


def sign(timestamp: bytes, domain_key: bytes) -> str:
    """``substr(md5(md5(timestamp . domain_key)), 8, 10)`` over bytes: the formula, for any input."""
    inner = hashlib.md5(timestamp + domain_key).hexdigest()
    return hashlib.md5(inner.encode("ascii")).hexdigest()[8:18]


def encrypt_password(plaintext: bytes, key: bytes = KEY, iv: bytes = IV) -> str:
    """AES-128-CBC with PKCS#7 padding, in standard base64 with ``=`` padding."""
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return base64.b64encode(encryptor.update(padded) + encryptor.finalize()).decode("ascii")


def decrypt_password(text: str, key: bytes = KEY, iv: bytes = IV) -> bytes:
    """The inverse of `encrypt_password`, strict: raises ValueError for anything the vendor would refuse."""
    try:
        ciphertext = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValueError("not standard base64") from error
    if not ciphertext or len(ciphertext) % 16:
        raise ValueError("the ciphertext is not a whole number of 16-byte blocks")
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    padded = decryptor.update(ciphertext) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    return unpadder.update(padded) + unpadder.finalize()  # ValueError on bad padding


def sign_body(fields: dict, domain_key: str, now=time.time) -> dict:
    """The body to send: `fields` with the passwords encrypted, then ``timestamp``, ``domain_key`` and ``sign``.

    A ``timestamp`` already in `fields` is kept (to replay a request); ``domain_key`` and ``sign`` are replaced.
    """
    if not domain_key:
        raise XiaoaError("xiaoa: the domain key is empty; pass it as --auth='DOMAIN_KEY:'")
    body = {}
    for name, value in fields.items():
        if name in ("domain_key", "sign", "timestamp"):
            continue
        if name in PASSWORD_FIELDS:
            if not isinstance(value, str):
                raise XiaoaError(f"xiaoa: {name} must be a string (use {name}=..., not {name}:=...)")
            value = encrypt_password(value.encode("utf-8"))
        body[name] = value
    timestamp = fields.get("timestamp")
    if timestamp is None:
        timestamp = str(int(now()))
    elif not isinstance(timestamp, str):
        raise XiaoaError("xiaoa: timestamp must be a string (use timestamp=..., not timestamp:=...)")
    body["timestamp"] = timestamp
    body["domain_key"] = domain_key
    body["sign"] = sign(timestamp.encode("utf-8"), domain_key.encode("utf-8"))
    return body


class XiaoaAuth(AuthBase):
    """A requests auth that signs the prepared request's JSON body (and encrypts its passwords)."""

    def __init__(self, domain_key: str, now=time.time):
        self.domain_key = domain_key
        self.now = now

    def __call__(self, request):
        body = request.body
        if body is None or body == b"" or body == "":
            fields = {}
        else:
            if hasattr(body, "read"):
                body = body.read()
            if isinstance(body, str):
                body = body.encode("utf-8")
            if not isinstance(body, (bytes, bytearray)):
                raise XiaoaError("xiaoa: cannot sign a streamed body (drop --chunked)")
            try:
                fields = json.loads(body)
            except ValueError as error:
                raise XiaoaError(f"xiaoa: the body is not JSON ({error}); send fields as JSON (not --form)") from None
            if not isinstance(fields, dict):
                raise XiaoaError("xiaoa: the body must be a JSON object")
        signed = sign_body(fields, self.domain_key, self.now)
        data = json.dumps(signed, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        request.body = data
        request.headers["Content-Length"] = str(len(data))
        request.headers.pop("Transfer-Encoding", None)
        if "Content-Type" not in request.headers:
            request.headers["Content-Type"] = "application/json"
        return request


class XiaoaAuthPlugin(AuthPlugin):
    name = "Xiao A sign"
    auth_type = "xiaoa"
    description = "Add timestamp, domain_key and sign to the JSON body; encrypt password, old_pwd and new_pwd."
    # `--auth` carries the domain key alone: `DOMAIN_KEY:` or `DOMAIN_KEY` (a key may itself contain ':').
    auth_parse = False
    prompt_password = False

    def get_auth(self, username=None, password=None):
        raw = self.raw_auth or ""
        # An empty key is refused when the request is signed, where HTTPie prints the error as one line.
        return XiaoaAuth(raw[:-1] if raw.endswith(":") else raw)
