#!/usr/bin/env python3
"""Build the vector files of Vectors/ into an output directory.

Inputs come from fixed lists and a fixed-seed PRNG (so reruns are byte-identical); every expected value
(md5, sign, AES ciphertext, padding, base64, PHP's accept/reject decision) is computed by PHP through
compute.php. The published RFC 1321 / NIST SP 800-38A values are typed in here and PHP must agree with them.
The cross-checks (crosscheck_python.py, crosscheck_openssl.py) then verify the written files independently.

Usage: build.py OUTDIR
"""

import base64
import os
import random
import re
import sys
import unicodedata

import cryptography
from cryptography.hazmat.primitives import padding as sym_padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vectorlib import (DEFAULT_IV, DEFAULT_KEY_TEXT, GENERATOR, die, dumps, effective_key, hx, load_notes,  # noqa: E402
                       major_minor, openssl_cli_version, php_versions, random_text, random_timestamp, run_php, unhx, HERE)

SEED = 1700000000          # the PRNG seed of every generated input; change it and every file changes
SIGN_VALID_TARGET = 220    # valid sign tests (fixed cases first, then random ones up to this count)
PASSWORD_DEFAULT_VALID_TARGET = 210


class Ids:
    def __init__(self):
        self.n = 0

    def __call__(self):
        self.n += 1
        return self.n


next_id = Ids()


def u(s: str) -> bytes:
    return s.encode("utf-8")


def is_ascii(b: bytes) -> bool:
    return all(c < 0x80 for c in b)


def fill_to_bytes(unit: str, n: int) -> bytes:
    """Repeat the characters of unit while they fit in n UTF-8 bytes, then pad with 'x' to exactly n bytes."""
    out = b""
    k = 0
    while True:
        c = unit[k % len(unit)].encode("utf-8")
        if len(out) + len(c) > n:
            break
        out += c
        k += 1
    return out + b"x" * (n - len(out))


SPECIAL_BYTES = set(b"\"'\\ \t") | set(range(0x00, 0x20)) | {0x7F}


# =============================================================================================== sign

SIGN_NOTES = load_notes("xiaoa_sign_v1")


def sign_cases():
    rng = random.Random(SEED + 1)
    cases = []

    def add(comment, ts, dk, *flags):
        ts_b = u(ts) if isinstance(ts, str) else ts
        dk_b = u(dk) if isinstance(dk, str) else dk
        fl = list(flags)
        auto = []
        if ts_b == b"":
            auto.append("EmptyTimestamp")
        if dk_b == b"":
            auto.append("EmptyDomainKey")
        if len(ts_b) == 13:
            auto.append("MillisecondTimestamp")
        if len(dk_b) >= 1000:
            auto.append("LongDomainKey")
        if not is_ascii(dk_b):
            auto.append("NonAsciiDomainKey")
        if any(c in SPECIAL_BYTES for c in ts_b + dk_b):
            auto.append("SpecialCharacters")
        for f in auto:
            if f not in fl:
                fl.append(f)
        cases.append({"comment": comment, "flags": fl, "ts": ts_b, "dk": dk_b})

    T = "1700000000"
    add("known answer of the seed", T, "abc", "KnownAnswer")
    add("13-digit millisecond timestamp", "1700000000000", "abc")
    add("timestamp \"0\"", "0", "abc")
    add("empty timestamp", "", "abc")
    add("empty domain key", T, "")
    add("empty timestamp and empty domain key (md5 of the empty string)", "", "")
    add("timestamp \"0\", empty domain key", "0", "")
    add("smallest 10-digit timestamp", "1000000000", "abc")
    add("largest 10-digit timestamp", "9999999999", "abc")
    add("13-digit timestamp, empty domain key", "1700000000123", "")
    add("same bytes as the known answer split differently: \"170000000\" . \"0abc\"", "170000000", "0abc", "ConcatenationAmbiguity")
    add("same bytes as the known answer split differently: \"\" . \"1700000000abc\"", "", "1700000000abc", "ConcatenationAmbiguity")
    add("1000-byte ASCII domain key", T, "abcdefghij" * 100)
    add("1000-byte random printable ASCII domain key", T, "".join(chr(rng.randint(0x20, 0x7E)) for _ in range(1000)))
    add("1000-byte Chinese domain key (333 CJK characters + 'a')", T, "小爱科技" * 83 + "小" + "a")
    add("1000-byte emoji domain key (250 four-byte emoji)", T, "🔑🚀" * 125)
    add("1000-byte domain key of mixed scripts", "1700000000000", fill_to_bytes("小爱 xiaoa 🔑 ключ ", 1000))
    for dk in ["小爱科技", "域名密钥", "测试域名.com", "xiaoa.小爱.中国", "小", "繁體中文測試", "中文 空格"]:
        add(f"Chinese domain key {dk!r}", T, dk)
    for dk in ["🔑", "🚀🔥", "👨\u200d👩\u200d👧\u200d👦", "🇨🇳", "❤\ufe0f", "key🔑key", "😀" * 10]:
        add(f"emoji domain key {dk!r}", T, dk)
    for dk in ['a"b', "a'b", "a\\b", "a b", " abc", "abc ", " ", "\t", "a\tb", "!@#$%^&*()_+-=[]{}|;:,.<>?/~`",
               "\\\\", '"', "'", '"quoted"', "null", "0", "\x00", "a\x00b", "\x7f", "%20", "a+b", "a&b=c",
               "<script>", "${HOME}", "'; DROP TABLE t; --", "\u00a0nbsp", "a\u200bb"]:
        add(f"domain key with symbols/quotes/backslashes/spaces {dk!r}", T, dk)
    add("precomposed é (NFC, U+00E9)", T, "caf\u00e9", "UnicodeNormalization")
    add("decomposed é (NFD, e + U+0301)", T, unicodedata.normalize("NFD", "caf\u00e9"), "UnicodeNormalization")
    for dk in ["\ufeffabc", "ｆｕｌｌｗｉｄｔｈ", "ǅ", "مفتاح", "מפתח", "κλειδί", "ключ", "कुंजी", "กุญแจ", "열쇠",
               "\u202eabc", "\U0010ffff", "\ufffd", "Ω≈ç√∫"]:
        add(f"domain key in another script/special code point {dk!r}", T, dk)
    add("timestamp \"0\" with a Chinese domain key", "0", "小爱")
    add("13-digit timestamp with an emoji domain key", "1700000000000", "🔑")
    add("empty timestamp with a Chinese domain key", "", "小爱")

    k = 0
    while len(cases) < SIGN_VALID_TARGET:
        k += 1
        ts = random_timestamp(rng, rng.choice([10, 13]))
        r = rng.random()
        if r < 0.05:
            n = 0
        elif r < 0.6:
            n = rng.randint(1, 16)
        elif r < 0.9:
            n = rng.randint(17, 64)
        else:
            n = rng.randint(65, 300)
        add(f"random #{k} (seed {SEED})", ts, random_text(rng, n))
    return cases


def build_sign():
    cases = sign_cases()
    reqs = []
    for c in cases:
        c["id"] = next_id()
        reqs.append({"id": c["id"], "op": "sign", "timestamp": hx(c["ts"]), "domainKey": hx(c["dk"])})
    res = run_php(reqs)
    for c in cases:
        c["php"] = res[c["id"]]

    tests = []
    for c in cases:
        p = c["php"]
        # The API never assigns an empty domain key: its sign is the function's value, and an API-facing
        # implementation may refuse the key instead (the EmptyDomainKey note says so).
        result = "acceptable" if c["dk"] == b"" else "valid"
        tests.append({"comment": c["comment"], "flags": c["flags"], "timestamp": hx(c["ts"]), "domainKey": hx(c["dk"]),
                      "md5First": p["md5First"], "md5Second": p["md5Second"], "sign": p["sign"], "result": result})
    if tests[0]["sign"] != "8119bf02e2":
        die(f"PHP gives {tests[0]['sign']} for the known answer, expected 8119bf02e2")

    # Invalid candidates. Each recipe: (flag, how many, predicate on a case, candidate function, comment).
    def has_letter(c):
        return re.search("[a-f]", c["php"]["sign"]) is not None

    recipes = [
        ("UpperCaseSign", 3, has_letter, lambda p, c: p["sign"].upper(), "the correct sign in upper case"),
        ("WrongOffset", 2, None, lambda p, c: p["md5Second"][7:17], "10 characters of md5Second at offset 7"),
        ("WrongOffset", 2, None, lambda p, c: p["md5Second"][9:19], "10 characters of md5Second at offset 9"),
        ("WrongLength", 2, None, lambda p, c: p["md5Second"][8:17], "9 characters at offset 8"),
        ("WrongLength", 2, None, lambda p, c: p["md5Second"][8:19], "11 characters at offset 8"),
        ("WrongLength", 1, None, lambda p, c: p["md5Second"], "the whole md5Second (32 characters)"),
        ("SingleMd5", 3, None, lambda p, c: p["singleMd5"], "substr(md5(timestamp . domain_key), 8, 10)"),
        ("SwappedConcat", 3, lambda c: c["ts"] != b"" and c["dk"] != b"", lambda p, c: p["swapped"],
         "substr(md5(md5(domain_key . timestamp)), 8, 10)"),
        ("EmptySign", 2, None, lambda p, c: "", "the empty string"),
    ]
    # Base inputs: the known answer first, then a deterministic spread over the other cases.
    rng = random.Random(SEED + 2)
    others = cases[1:]
    for flag, count, pred, cand, what in recipes:
        pool = [cases[0]] + rng.sample(others, len(others))
        made = 0
        for c in pool:
            if made == count:
                break
            if pred and not pred(c):
                continue
            p = c["php"]
            s = cand(p, c)
            if s == p["sign"]:
                continue
            made += 1
            tests.append({"comment": f"wrong candidate: {what} (input of: {c['comment']})", "flags": [flag],
                          "timestamp": hx(c["ts"]), "domainKey": hx(c["dk"]), "md5First": p["md5First"],
                          "md5Second": p["md5Second"], "sign": s, "result": "invalid"})
        if made != count:
            die(f"could not build {count} {flag} cases")

    return {
        "algorithm": "XIAOA-SIGN",
        "schema": "xiaoa_sign_v1",
        "source": None,  # filled by main()
        "tests": tests,
        "notes": SIGN_NOTES,
        "header": [
            "Request signature of the Xiao A developer API:",
            "sign = substr(md5(md5(timestamp . domain_key)), 8, 10) in PHP.",
            "md5First = lowercase hex md5 of the UTF-8 bytes of timestamp followed by domain_key;",
            "md5Second = lowercase hex md5 of the 32 ASCII characters of md5First;",
            "sign = the 10 characters of md5Second starting at offset 8 (0-based).",
            "timestamp and domainKey are hex of the exact bytes; md5First, md5Second and sign are plain strings.",
            "valid: computing the sign from timestamp and domainKey gives exactly 'sign', and verifying it accepts.",
            "invalid: 'sign' is a wrong candidate that verification must reject; md5First/md5Second are still the true values.",
            "acceptable: as valid for the sign function (the empty domain key); an API-facing implementation may refuse the key.",
        ],
        "groups": lambda ts: [{"type": "SignTest", "tests": ts}],
    }


# =========================================================================================== password

PASSWORD_NOTES = load_notes("xiaoa_password_v1")

DEFAULT_MESSAGES_FIXED = [
    ("the seed's known answer", "123456", ["KnownAnswer"]),
    ("empty plaintext", "", []),
]


def pw_auto_flags(msg: bytes, flags):
    fl = list(flags)
    auto = []
    if msg == b"":
        auto.append("EmptyPlaintext")
    if len(msg) % 16 == 0:
        auto.append("FullPaddingBlock")
    if len(msg) >= 1000:
        auto.append("LongPlaintext")
    try:
        msg.decode("utf-8")
        utf8_ok = True
    except UnicodeDecodeError:
        utf8_ok = False
    if not utf8_ok:
        auto.append("NonUtf8Plaintext")
    elif not is_ascii(msg):
        auto.append("NonAsciiPlaintext")
    if b"\n" in msg or b"\r" in msg:
        auto.append("EmbeddedNewline")
    if any(c in SPECIAL_BYTES for c in msg):
        auto.append("SpecialCharacters")
    for f in auto:
        if f not in fl:
            fl.append(f)
    return fl


def default_group_messages():
    rng = random.Random(SEED + 3)
    msgs = []

    def add(comment, m, *flags):
        mb = u(m) if isinstance(m, str) else m
        msgs.append((comment, mb, pw_auto_flags(mb, flags)))

    add("the seed's known answer", "123456", "KnownAnswer")
    add("empty plaintext", "")
    for n in range(1, 49):
        add(f"{n} bytes of printable ASCII", "".join(chr(rng.randint(0x21, 0x7E)) for _ in range(n)))
    # Block-boundary lengths made of multi-byte characters.
    add("15 bytes: 5 Chinese characters", "小爱同学好")
    add("16 bytes: 5 Chinese characters + 'a'", "小爱同学好a")
    add("17 bytes: 5 Chinese characters + 'ab'", "小爱同学好ab")
    add("31 bytes: 10 Chinese characters + 'a'", "小爱同学你好密码测试a")
    add("32 bytes: 8 four-byte emoji", "🔑🚀🔥😀🎉👍💡🌟")
    add("33 bytes: 11 Chinese characters", "小爱同学你好密码测试中")
    add("Chinese password", "小爱密码")
    add("Chinese with ASCII", "密码Password123")
    add("emoji password", "🔑")
    add("emoji ZWJ family sequence", "👨\u200d👩\u200d👧\u200d👦")
    add("double quotes", 'pa"ss"word')
    add("single quote", "it's")
    add("backslashes", "C:\\Users\\xiaoa\\")
    add("tab inside", "pass\tword")
    add("leading and trailing spaces (must not be trimmed)", "  secret  ")
    add("a single space", " ")
    add("JSON-ish text", '{"password":"123456"}')
    add("percent/plus/ampersand (form-encoding hazards)", "a+b%20c&d=e")
    add("NUL byte inside", "abc\x00def")
    add("precomposed é (NFC)", "caf\u00e9")
    add("decomposed é (NFD)", unicodedata.normalize("NFD", "caf\u00e9"))
    add("LF inside", "line1\nline2")
    add("trailing CRLF", "secret\r\n")
    add("1000 bytes of ASCII", "0123456789" * 100)
    add("1000 bytes: 333 Chinese characters + 'x'", "小爱同学" * 83 + "小" + "x")
    add("plaintext ending in 0x01 (looks like 1 byte of padding)", "abc\x01", "PaddingLikePlaintext")
    add("16 bytes of 0x10 (looks like a full padding block)", "\x10" * 16, "PaddingLikePlaintext")
    add("15 bytes ending in 02 02", "abcdefghijklm\x02\x02", "PaddingLikePlaintext")
    add("non-UTF-8: ff fe 00 80", b"\xff\xfe\x00\x80")
    add("non-UTF-8: Latin-1 'café' (e9)", b"caf\xe9")
    add("non-UTF-8: truncated 3-byte sequence e5 b0", b"\xe5\xb0")
    add("non-UTF-8: encoded surrogate ed a0 80", b"\xed\xa0\x80")
    add("non-UTF-8: 16 bytes 80..8f", bytes(range(0x80, 0x90)))
    k = 0
    while len(msgs) < PASSWORD_DEFAULT_VALID_TARGET:
        k += 1
        n = rng.randint(0, 64) if rng.random() < 0.9 else rng.randint(65, 200)
        add(f"random #{k} (seed {SEED})", random_text(rng, n))
    return msgs


OTHER_GROUP_MESSAGES = [
    ("the seed's known answer plaintext", "123456"),
    ("empty plaintext", ""),
    ("one byte", "a"),
    ("15 bytes", "abcdefghijklmno"),
    ("16 bytes", "abcdefghijklmnop"),
    ("17 bytes", "abcdefghijklmnopq"),
    ("Chinese", "小爱同学"),
    ("emoji and Chinese", "🔑密码"),
    ("quotes, backslash, space", "p@ss w0rd\"'\\"),
    ("33 bytes", "The quick brown fox jumps over it"),
]


def other_groups():
    rng = random.Random(SEED + 4)
    raw_key = bytes([0x00, 0x80, 0xFF]) + bytes(rng.getrandbits(8) for _ in range(13))
    other_iv = bytes([0x00, 0xFF]) + bytes(rng.getrandbits(8) for _ in range(14))
    # (keyText bytes or None, raw key or None, iv, flags, description)
    return [
        (b"k", None, DEFAULT_IV, ["ShortKeyText"], "text key \"k\" (1 byte)"),
        (b"abc", None, DEFAULT_IV, ["ShortKeyText"], "text key \"abc\" (3 bytes)"),
        (b"0123456789abcde", None, DEFAULT_IV, ["ShortKeyText"], "text key \"0123456789abcde\" (15 bytes)"),
        (b"", None, DEFAULT_IV, ["EmptyKeyText"], "empty text key"),
        (u("小爱密钥"), None, DEFAULT_IV, ["ShortKeyText", "NonAsciiKeyText"], "text key \"小爱密钥\" (12 UTF-8 bytes)"),
        (b"0123456789abcdef", None, DEFAULT_IV, ["ExactKeyLength"], "text key \"0123456789abcdef\" (16 bytes)"),
        (b"0123456789abcdefghij", None, DEFAULT_IV, ["LongKeyTruncated"], "text key of 20 characters"),
        (b"xiaoa-xiaoa-xiaoa-xiaoa-xiaoa-xi", None, DEFAULT_IV, ["LongKeyTruncated"], "text key of 32 characters"),
        (u("小爱小爱小爱"), None, DEFAULT_IV, ["LongKeyTruncated", "KeyTruncatedMidCharacter", "NonAsciiKeyText"],
         "text key \"小爱小爱小爱\" (18 UTF-8 bytes, cut inside the 6th character)"),
        (None, raw_key, DEFAULT_IV, ["RawKey"], "raw 16-byte key"),
        (DEFAULT_KEY_TEXT, None, other_iv, ["OtherIv"], "default key text \"xiaoa\", another IV"),
        (DEFAULT_KEY_TEXT, None, b"abcdefghijklmnop", ["OtherIv"], "default key text \"xiaoa\", IV text \"abcdefghijklmnop\""),
    ]


def aes_cbc_decrypt_unpad(key: bytes, iv: bytes, ct: bytes):
    """(Python cryptography) -> plaintext, or None when the length or the padding is wrong."""
    if len(ct) == 0 or len(ct) % 16:
        return None
    d = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    padded = d.update(ct) + d.finalize()
    un = sym_padding.PKCS7(128).unpadder()
    try:
        return un.update(padded) + un.finalize()
    except ValueError:
        return None


def strict_b64decode(s: str):
    try:
        return base64.b64decode(s.encode("ascii"), validate=True)
    except Exception:
        return None


def build_password():
    # ---- valid cases
    groups = []  # dicts: keyText, key(raw or None), iv, cases [(comment, msg, flags)]
    groups.append({"keyText": DEFAULT_KEY_TEXT, "raw": None, "iv": DEFAULT_IV, "cases": default_group_messages()})
    for kt, raw, iv, flags, desc in other_groups():
        cases = [(f"{desc}: {c}", u(m), pw_auto_flags(u(m), flags)) for c, m in OTHER_GROUP_MESSAGES]
        groups.append({"keyText": kt, "raw": raw, "iv": iv, "cases": cases})

    reqs = []
    for g in groups:
        g["ids"] = []
        for _, msg, _ in g["cases"]:
            i = next_id()
            g["ids"].append(i)
            reqs.append({"id": i, "op": "encrypt", "keyText": None if g["keyText"] is None else hx(g["keyText"]),
                         "key": None if g["raw"] is None else hx(g["raw"]), "iv": hx(g["iv"]), "msg": hx(msg)})

    # ---- BadPadding: chosen final padded blocks, encrypted by PHP without padding
    key0 = effective_key(DEFAULT_KEY_TEXT)
    bad_blocks = [
        ("last byte 00", b"A" * 15 + b"\x00"),
        ("last byte 11 (17 > block size)", b"A" * 15 + b"\x11"),
        ("last byte ff", b"A" * 15 + b"\xff"),
        ("last byte 03 but the two bytes before are 01 02 (inconsistent)", b"A" * 13 + b"\x01\x02\x03"),
        ("last byte 02 but the byte before is 01 (inconsistent)", b"123456" + b"\x0a" * 8 + b"\x01\x02"),
        ("two blocks, 16 x 0x11 in the last block", b"0123456789abcdef" + b"\x11" * 16),
    ]
    bad_ids = []
    for desc, blk in bad_blocks:
        i = next_id()
        bad_ids.append(i)
        reqs.append({"id": i, "op": "encrypt_nopad", "key": hx(key0), "iv": hx(DEFAULT_IV), "msg": hx(blk)})

    res = run_php(reqs)
    for g in groups:
        g["php"] = [res[i] for i in g["ids"]]
        want = hx(effective_key(g["keyText"]) if g["keyText"] is not None else g["raw"])
        for p in g["php"]:
            if p["key"] != want:
                die(f"PHP's effective key {p['key']} differs from the documented rule {want}")
    if groups[0]["php"][0]["base64"] != "HHAEEXzBXY4FmXo0mOQ8Hw==":
        die(f"PHP gives {groups[0]['php'][0]['base64']} for the known answer")

    # ---- invalid candidates for the default group: (comment, flag, base64)
    d_cases, d_php = groups[0]["cases"], groups[0]["php"]
    valid_b64 = [p["base64"] for p in d_php]
    with_plus = next(b for b in valid_b64 if "+" in b)
    with_urlchars = next(b for b in valid_b64 if "+" in b and "/" in b)
    ct_32 = next(unhx(p["ct"]) for p in d_php if len(unhx(p["ct"])) == 32)
    cand = [
        ("'!!!!' is not base64", "NotBase64", "!!!!"),
        ("the known answer with one '=' of padding missing", "NotBase64", "HHAEEXzBXY4FmXo0mOQ8Hw="),
        ("the known answer without its '==' padding", "NotBase64", "HHAEEXzBXY4FmXo0mOQ8Hw"),
        ("a valid ciphertext whose '+' became a space (form/URL decoding)", "NotBase64", with_plus.replace("+", " ")),
        ("a valid ciphertext in the URL-safe alphabet ('-' and '_')", "NotBase64",
         with_urlchars.replace("+", "-").replace("/", "_")),
        ("the known answer with a space inside", "NotBase64", "HHAE EXzBXY4FmXo0mOQ8Hw=="),
        ("empty string (0 bytes)", "WrongLength", ""),
        ("15 bytes (the known answer's ciphertext minus its last byte)", "WrongLength",
         base64.b64encode(unhx(d_php[0]["ct"])[:15]).decode()),
        ("17 bytes (a 32-byte ciphertext cut to 17)", "WrongLength", base64.b64encode(ct_32[:17]).decode()),
        ("31 bytes (a 32-byte ciphertext minus its last byte)", "WrongLength", base64.b64encode(ct_32[:31]).decode()),
    ]
    for (desc, blk), i in zip(bad_blocks, bad_ids):
        ct = unhx(res[i]["ct"])
        cand.append((f"padding invalid: {desc}", "BadPadding", base64.b64encode(ct).decode()))

    # Tampered: flip one bit in the last block of valid ciphertexts; keep the flips whose padding check fails.
    rng = random.Random(SEED + 5)
    tampered = []
    sources = [0] + rng.sample(range(1, len(d_php)), 40)
    for si in sources:
        if len(tampered) == 5:
            break
        ct = bytearray(unhx(d_php[si]["ct"]))
        pos = len(ct) - 16 + rng.randrange(16)
        bit = rng.randrange(8)
        ct[pos] ^= 1 << bit
        ct = bytes(ct)
        if aes_cbc_decrypt_unpad(key0, DEFAULT_IV, ct) is not None:
            continue  # padding still valid by chance; not a usable vector
        tampered.append((f"tampered: bit {bit} of byte {pos} flipped in the ciphertext of test '{d_cases[si][0]}'",
                         "Tampered", base64.b64encode(ct).decode()))
    cand += tampered

    dreqs = []
    for desc, flag, b64 in cand:
        i = next_id()
        dreqs.append({"id": i, "op": "decrypt", "keyText": hx(DEFAULT_KEY_TEXT), "key": None, "iv": hx(DEFAULT_IV),
                      "base64": b64})
    # And PHP's decrypt of every valid base64 in every group (must round-trip).
    vreqs = []
    for g in groups:
        for p, (_, msg, _) in zip(g["php"], g["cases"]):
            i = next_id()
            vreqs.append((i, msg))
            dreqs.append({"id": i, "op": "decrypt", "keyText": None if g["keyText"] is None else hx(g["keyText"]),
                          "key": None if g["raw"] is None else hx(g["raw"]), "iv": hx(g["iv"]), "base64": p["base64"]})
    dres = run_php(dreqs)
    for i, msg in vreqs:
        if not dres[i]["ok"] or dres[i]["msg"] != hx(msg):
            die(f"PHP does not decrypt a valid vector back to {hx(msg)}")

    invalid_tests = []
    for (desc, flag, b64), rq in zip(cand, dreqs):
        r = dres[rq["id"]]
        decoded = strict_b64decode(b64)
        flags = [flag]
        comment = desc
        if r["ok"]:
            if flag != "NotBase64":
                die(f"PHP accepts the {flag} case {b64!r}")
            flags.append("PhpLenientBase64")
            shown = unhx(r["msg"]).decode("utf-8", errors="backslashreplace")
            comment += f"; PHP openssl_decrypt accepts it and yields {shown!r} (hex {r['msg']})"
        else:
            comment += "; PHP openssl_decrypt returns false"
        if flag == "NotBase64" and decoded is not None:
            die(f"{b64!r} is strict base64 after all")
        if flag != "NotBase64" and decoded is None:
            die(f"{b64!r} should be strict base64")
        invalid_tests.append({"comment": comment, "flags": flags, "msg": "", "padded": "",
                              "ct": "" if decoded is None else hx(decoded), "base64": b64, "result": "invalid"})

    out_groups = []
    for gi, g in enumerate(groups):
        tests = []
        for (comment, msg, flags), p in zip(g["cases"], g["php"]):
            tests.append({"comment": comment, "flags": flags, "msg": hx(msg), "padded": p["padded"], "ct": p["ct"],
                          "base64": p["base64"], "result": "valid"})
        if gi == 0:
            tests += invalid_tests
        out_groups.append({"type": "PasswordCipherTest",
                           "keyText": None if g["keyText"] is None else hx(g["keyText"]),
                           "key": g["php"][0]["key"], "iv": hx(g["iv"]), "tests": tests})
    return out_groups


# ================================================================================== published vectors

RFC1321 = [  # RFC 1321, appendix A.5 "Test suite"
    ("", "d41d8cd98f00b204e9800998ecf8427e"),
    ("a", "0cc175b9c0f1b6a831c399e269772661"),
    ("abc", "900150983cd24fb0d6963f7d28e17f72"),
    ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
    ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
    ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
    ("1234567890" * 8, "57edf4a22be3c955ac49da2e2107b67a"),
]

NIST_KEY = "2b7e151628aed2a6abf7158809cf4f3c"   # SP 800-38A F.2.1 CBC-AES128.Encrypt
NIST_IV = "000102030405060708090a0b0c0d0e0f"
NIST_BLOCKS = [
    ("6bc1bee22e409f96e93d7e117393172a", "7649abac8119b246cee98e9b12e9197d"),
    ("ae2d8a571e03ac9c9eb76fac45af8e51", "5086cb9b507219ee95db113a917678b2"),
    ("30c81c46a35ce411e5fbc1191a0a52ef", "73bed6b8e3c1743b7116e69e22229516"),
    ("f69f2445df4f9b17ad2b417be66c3710", "3ff1caa1681fac09120eca307586e1a7"),
]


def build_md5():
    reqs = [{"id": next_id(), "op": "md5", "msg": hx(u(m))} for m, _ in RFC1321]
    res = run_php(reqs)
    tests = []
    for (m, md), rq in zip(RFC1321, reqs):
        if res[rq["id"]]["md"] != md:
            die(f"PHP md5({m!r}) = {res[rq['id']]['md']}, RFC 1321 says {md}")
        shown = m if len(m) < 70 else '"1234567890" x 8'
        tests.append({"comment": f"MD5 (\"{shown}\")" if len(m) < 70 else f"MD5 ({shown})", "flags": [],
                      "msg": hx(u(m)), "md": md, "result": "valid"})
    return [{"type": "MdTest", "tests": tests}]


def build_aes():
    tests = []
    reqs = []
    for n in (4, 1, 2, 3):
        msg = "".join(p for p, _ in NIST_BLOCKS[:n])
        ct = "".join(c for _, c in NIST_BLOCKS[:n])
        i = next_id()
        reqs.append({"id": i, "op": "encrypt_nopad", "key": NIST_KEY, "iv": NIST_IV, "msg": msg})
        what = "F.2.1 CBC-AES128.Encrypt, all 4 blocks" if n == 4 else f"F.2.1 CBC-AES128.Encrypt, first {n} block{'s' if n > 1 else ''}"
        tests.append({"comment": what, "flags": [], "msg": msg, "ct": ct, "result": "valid"})
    res = run_php(reqs)
    for t, rq in zip(tests, reqs):
        if res[rq["id"]]["ct"] != t["ct"]:
            die(f"PHP disagrees with NIST SP 800-38A: {res[rq['id']]['ct']} vs {t['ct']}")
    return [{"type": "AesCbcTest", "key": NIST_KEY, "iv": NIST_IV, "tests": tests}]


# ============================================================================================= output

def assemble(algorithm, schema, source, header, notes, groups):
    n = 0
    used = set()
    for g in groups:
        for t in g["tests"]:
            n += 1
            used.update(t["flags"])
    notes_out = {k: {"bugType": v[0], "description": v[1]} for k, v in notes.items() if k in used}
    missing = used - set(notes)
    if missing:
        die(f"flags without a note: {sorted(missing)}")
    # tcId first, in file order
    tc = 0
    out_groups = []
    for g in groups:
        tests = []
        for t in g["tests"]:
            tc += 1
            tests.append({"tcId": tc, **t})
        out_groups.append({**{k: v for k, v in g.items() if k != "tests"}, "tests": tests})
    return {"algorithm": algorithm, "schema": schema, "source": source, "numberOfTests": n, "header": header,
            "notes": notes_out, "testGroups": out_groups}


def main():
    if len(sys.argv) != 2:
        die("usage: build.py OUTDIR", 64)
    outdir = sys.argv[1]
    os.makedirs(outdir, exist_ok=True)

    php_full, php_openssl = php_versions()
    php = f"PHP {major_minor(php_full)}.x"
    py = f"Python {sys.version_info.major}.{sys.version_info.minor}"
    cry = f"Python cryptography {cryptography.__version__.split('.')[0]}.x"
    ossl = openssl_cli_version()

    files = {}

    s = build_sign()
    files["sign.json"] = assemble(
        s["algorithm"], s["schema"],
        {"expected": f"{php} md5() / substr() (scripts/vectors/compute.php)",
         "crossChecked": [f"{py} hashlib.md5: every test (scripts/vectors/crosscheck_python.py)",
                          f"{ossl} CLI 'openssl dgst -md5': tests with tcId % 10 == 1 (scripts/vectors/crosscheck_openssl.py)"],
         "generator": GENERATOR, "reference": "Xiao A developer API doc, public parameters (seed API.md)"},
        s["header"], s["notes"], s["groups"](s["tests"]))

    pw_groups = build_password()
    files["password.json"] = assemble(
        "XIAOA-PASSWORD-AES-128-CBC", "xiaoa_password_v1",
        {"expected": f"{php} openssl_encrypt/openssl_decrypt, options 0 (scripts/vectors/compute.php)",
         "crossChecked": [f"{cry} AES-128-CBC + PKCS7: every test, incl. rejection of every invalid case (scripts/vectors/crosscheck_python.py)",
                          f"{ossl} CLI 'openssl enc -aes-128-cbc -K -iv': tests with tcId % 10 == 1 and every BadPadding/Tampered/WrongLength case (scripts/vectors/crosscheck_openssl.py)"],
         "generator": GENERATOR, "reference": "Xiao A developer API doc, password encryption attachment (seed API.md)"},
        [
            "Password field cipher of the Xiao A developer API, as PHP computes it:",
            "openssl_encrypt($p, 'AES-128-CBC', $keyText, 0, $iv): AES-128-CBC, PKCS#7 padding, standard base64 output.",
            "A text key shorter than 16 bytes is padded with NUL bytes, a longer one is cut to its first 16 bytes.",
            "keyText is the hex of the key text given to PHP (null when a raw 16-byte key was given); key is the effective 16-byte key.",
            "msg, padded and ct are hex; base64 is the string on the wire.",
            "valid: encrypt(msg) gives exactly base64 (and ct, padded); decrypt(base64) gives exactly msg.",
            "invalid: decrypt(base64) must fail (msg and padded are \"\"; ct is the strictly decoded bytes, \"\" if not base64).",
            "The first group is the vendor's fixed parameters: key text \"xiaoa\", IV \"1234567890123456\".",
        ],
        PASSWORD_NOTES, pw_groups)

    files["md5-rfc1321.json"] = assemble(
        "MD5", "md5_v1",
        {"expected": "RFC 1321 appendix A.5 (published digests, typed in)",
         "crossChecked": [f"{php} md5()", f"{py} hashlib.md5", f"{ossl} CLI 'openssl dgst -md5'"],
         "generator": GENERATOR, "reference": "RFC 1321 A.5"},
        ["The MD5 test suite of RFC 1321 appendix A.5.", "msg is hex of the ASCII string, md is the hex digest."],
        {}, build_md5())

    files["aes128-cbc-nist-sp800-38a.json"] = assemble(
        "AES-128-CBC", "aes_cbc_v1",
        {"expected": "NIST SP 800-38A F.2.1 CBC-AES128.Encrypt (published values, typed in)",
         "crossChecked": [f"{php} openssl_encrypt (OPENSSL_RAW_DATA | OPENSSL_ZERO_PADDING)",
                          f"{cry} AES-128-CBC", f"{ossl} CLI 'openssl enc -aes-128-cbc -nopad'"],
         "generator": GENERATOR, "reference": "NIST SP 800-38A F.2.1"},
        ["AES-128 in CBC mode without padding: NIST SP 800-38A example F.2.1 (4 blocks) and its 1-, 2- and 3-block prefixes.",
         "key, iv, msg and ct are hex. Decrypting ct gives msg."],
        {}, build_aes())

    for name, obj in files.items():
        with open(os.path.join(outdir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(dumps(obj))

    write_readme(outdir, files, php, php_full, php_openssl)


def write_readme(outdir, files, php, php_full, php_openssl):
    with open(os.path.join(HERE, "README.template.md"), encoding="utf-8") as f:
        text = f.read()

    def count(name, result=None, group=None):
        n = 0
        for gi, g in enumerate(files[name]["testGroups"]):
            if group is not None and gi != group:
                continue
            n += sum(1 for t in g["tests"] if result is None or t["result"] == result)
        return n

    pw_groups = files["password.json"]["testGroups"]
    subs = {
        "SIGN_TOTAL": count("sign.json"),
        "SIGN_VALID": count("sign.json", "valid"),
        "SIGN_INVALID": count("sign.json", "invalid"),
        "SIGN_ACCEPTABLE": count("sign.json", "acceptable"),
        "PW_TOTAL": count("password.json"),
        "PW_GROUPS": len(pw_groups),
        "PW_DEFAULT_VALID": count("password.json", "valid", 0),
        "PW_DEFAULT_INVALID": count("password.json", "invalid", 0),
        "PW_OTHER": count("password.json") - count("password.json", None, 0),
        "PW_OTHER_GROUPS": len(pw_groups) - 1,
        "MD5_TOTAL": count("md5-rfc1321.json"),
        "AES_TOTAL": count("aes128-cbc-nist-sp800-38a.json"),
        "PHP": php,
        "SEED": SEED,
    }
    for k, v in subs.items():
        text = text.replace("{{" + k + "}}", str(v))
    if "{{" in text:
        die("README template has an unknown placeholder: " + text[text.index("{{"):text.index("{{") + 30])
    with open(os.path.join(outdir, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    print(f"build.py: wrote {', '.join(files)} and README.md to {outdir} "
          f"(PHP {php_full}, PHP's OpenSSL: {php_openssl})", file=sys.stderr)


if __name__ == "__main__":
    main()
