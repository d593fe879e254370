"""Writes a synthetic HAR in the style of Chromium's devtools, for measuring `verify har` (docs/bench.md).

Mostly images and scripts carried as base64 (as devtools save them), with an API call after every ten of them:
half well-formed and answered 0, half with an upper-case sign and answered 10001. Fixed inputs, no randomness.

    python3 scripts/har/synthetic_har.py --megabytes 200 big.har   # then: verify har big.har --domain-key demo
"""
import argparse
import base64
import hashlib
import json


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--domain-key", default="demo")
    parser.add_argument("output")
    options = parser.parse_args()
    # 192 KiB of bytes that do not compress or repeat, from a hash chain.
    block = b"".join(hashlib.sha256(str(i).encode()).digest() for i in range(192 * 1024 // 32))
    image = base64.b64encode(block).decode()
    limit = options.megabytes * 1000 * 1000
    written = 0
    with open(options.output, "w") as out:
        out.write('{"log":{"version":"1.2","creator":{"name":"WebInspector","version":"537.36"},"pages":[],'
                  '"entries":[\n')
        n = 0
        while written < limit:
            started = f"2026-11-27T10:{(n // 600) % 60:02d}:{(n // 10) % 60:02d}.{n % 1000:03d}Z"
            if n % 11 == 10:
                timestamp = str(1795773600 + (n // 600) * 60 + (n // 10) % 60)
                sign = md5(md5(timestamp + options.domain_key))[8:18]
                bad = n % 2 == 1
                body = json.dumps({"timestamp": timestamp, "domain_key": options.domain_key,
                                   "sign": sign.upper() if bad else sign, "c_username": f"c{n}"})
                answer = json.dumps({"code": 10001 if bad else 0, "message": "", "data": []})
                request = {"method": "POST", "url": "https://partner.example.com/openapi/assoc/login",
                           "headers": [{"name": "content-type", "value": "application/json"}],
                           "postData": {"mimeType": "application/json", "text": body}}
                content = {"size": len(answer), "mimeType": "application/json", "text": answer}
            else:
                request = {"method": "GET", "url": f"https://cdn.example.com/img/{n}.png", "headers": []}
                content = {"size": len(block), "mimeType": "image/png", "text": image, "encoding": "base64"}
            entry = {"_resourceType": "fetch" if "postData" in request else "image", "startedDateTime": started,
                     "time": 12.5, "request": dict(request, httpVersion="http/2.0", cookies=[], queryString=[],
                                                   headersSize=-1, bodySize=-1),
                     "response": {"status": 200, "statusText": "", "httpVersion": "http/2.0", "headers": [],
                                  "cookies": [], "content": content, "redirectURL": "", "headersSize": -1,
                                  "bodySize": -1},
                     "cache": {}, "timings": {"send": 0.1, "wait": 10, "receive": 2.4}}
            text = ("," if n else "") + json.dumps(entry) + "\n"
            out.write(text)
            written += len(text)
            n += 1
        out.write("]}}\n")
    print(f"{options.output}: {n} entries, {written / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
