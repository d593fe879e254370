"""Shared helpers for the vector generator and the cross-checks.

Nothing in here computes an expected value: md5/AES results come from PHP (compute.php), and the cross-checks
recompute them with Python's hashlib / cryptography and the openssl CLI. This module only handles plumbing:
running PHP, hex, JSON formatting, the deterministic random-text generator.
"""

import json
import os
import random
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
COMPUTE_PHP = os.path.join(HERE, "compute.php")
GENERATOR = "scripts/generate-vectors"

# The fixed parameters of the vendor's password cipher.
DEFAULT_KEY_TEXT = b"xiaoa"
DEFAULT_IV = b"1234567890123456"

FILES = ["sign.json", "password.json", "md5-rfc1321.json", "aes128-cbc-nist-sp800-38a.json"]

TOP_KEYS = ["algorithm", "schema", "source", "numberOfTests", "header", "notes", "testGroups"]
SOURCE_KEYS = ["expected", "crossChecked", "generator", "reference"]


FLAGS_JSON = os.path.join(HERE, "..", "..", "Vectors", "schemas", "flags.json")


def load_notes(schema):
    """The flag vocabulary of `schema` from Vectors/schemas/flags.json: flag -> (bugType, description), in order.

    The one vocabulary of flags and notes, shared with the other generators and with `xiaoa-crypto vectors
    generate`; no generator keeps its own copy."""
    with open(FLAGS_JSON, encoding="utf-8") as f:
        vocabulary = json.load(f)["flags"]
    return {flag: (note["bugType"], note["description"]) for flag, note in vocabulary[schema].items()}


def die(msg, code=1):
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(code)


def hx(b: bytes) -> str:
    return b.hex()


def unhx(s: str) -> bytes:
    if not isinstance(s, str) or not re.fullmatch(r"(?:[0-9a-f]{2})*", s):
        raise ValueError(f"not lowercase hex: {s!r}")
    return bytes.fromhex(s)


def dumps(obj) -> str:
    """The one JSON formatting used for every vector file (reruns are byte-identical)."""
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def php_binary() -> str:
    php = os.environ.get("PHP") or shutil.which("php")
    if not php:
        die("php not found (set $PHP or install php-cli)", 2)
    return php


def run_php(requests):
    """Send requests (dicts with unique 'id') to compute.php; return the responses keyed by id."""
    data = "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in requests)
    p = subprocess.run([php_binary(), COMPUTE_PHP], input=data.encode(), capture_output=True)
    if p.returncode != 0:
        sys.stderr.write(p.stderr.decode(errors="replace"))
        die(f"compute.php exited with {p.returncode}")
    lines = [l for l in p.stdout.decode().split("\n") if l]
    if len(lines) != len(requests):
        sys.stderr.write(p.stderr.decode(errors="replace"))
        die(f"compute.php answered {len(lines)} lines for {len(requests)} requests")
    out = {}
    for req, line in zip(requests, lines):
        resp = json.loads(line)
        if resp.get("id") != req["id"]:
            die(f"compute.php answered id {resp.get('id')!r} for request {req['id']!r}")
        out[req["id"]] = resp
    return out


def php_versions():
    r = run_php([{"id": 0, "op": "version"}])[0]
    return r["php"], r["openssl"]


def major_minor(version: str) -> str:
    m = re.match(r"(\d+)\.(\d+)", version)
    return f"{m.group(1)}.{m.group(2)}" if m else version


def openssl_cli_version() -> str:
    p = subprocess.run(["openssl", "version"], capture_output=True, text=True, check=True)
    # "OpenSSL 3.0.19 27 Jan 2026 (Library: ...)" -> "OpenSSL 3.0"
    m = re.match(r"(\S+) (\d+\.\d+)", p.stdout)
    return f"{m.group(1)} {m.group(2)}" if m else p.stdout.split("(")[0].strip()


def effective_key(key_text: bytes) -> bytes:
    """PHP's rule for a text key given to openssl_encrypt with AES-128: truncate to 16 bytes, pad with NUL."""
    return key_text[:16].ljust(16, b"\0")


# ---------------------------------------------------------------- deterministic / random text

_SPECIALS = ['"', "'", "\\", " ", "\t", "/", "$", "%", "&", "<", ">", "{", "}", "`", "=", "+", "?", "#",
             "\u00a0", "\u200b", "\u200d", "\ufe0f", "\ufeff", "\u2028", "\u2029", "\u0085", "\x0b", "\x0c",
             "\x00", "\x01", "\x1b", "\x7f", "\ufffd", "\uffff", "\U0010ffff", "\u202e"]

_RANGES = {
    "latin": (0x00A1, 0x017F),
    "cjk": (0x4E00, 0x9FFF),
    "emoji": (0x1F300, 0x1FAFF),
    "cyrillic": (0x0410, 0x044F),
    "greek": (0x0391, 0x03C9),
    "arabic": (0x0621, 0x064A),
    "hebrew": (0x05D0, 0x05EA),
    "devanagari": (0x0905, 0x0939),
    "hangul": (0xAC00, 0xD7A3),
    "combining": (0x0300, 0x036F),
    "symbols": (0x2190, 0x22FF),
}

# (kind, weight)
_KINDS = [("ascii", 40), ("cjk", 15), ("emoji", 10), ("latin", 7), ("cyrillic", 3), ("greek", 2),
          ("arabic", 2), ("hebrew", 2), ("devanagari", 2), ("hangul", 3), ("combining", 3),
          ("symbols", 2), ("special", 9)]


def random_char(rng: random.Random, forbid: str = "") -> str:
    total = sum(w for _, w in _KINDS)
    while True:
        x = rng.randrange(total)
        for kind, w in _KINDS:
            if x < w:
                break
            x -= w
        if kind == "ascii":
            c = chr(rng.randint(0x20, 0x7E))
        elif kind == "special":
            c = rng.choice(_SPECIALS)
        else:
            lo, hi = _RANGES[kind]
            c = chr(rng.randint(lo, hi))
        if c not in forbid:
            return c


def random_text(rng: random.Random, length: int, forbid: str = "\n\r") -> str:
    return "".join(random_char(rng, forbid) for _ in range(length))


def random_timestamp(rng: random.Random, digits: int) -> str:
    return str(rng.randint(10 ** (digits - 1), 10 ** digits - 1))
