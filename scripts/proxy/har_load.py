"""Loads a HAR file with haralyzer (run by the Python of the mitmproxy venv, where haralyzer is installed) and prints
what it read as JSON: the creator, the HAR version and per entry the method, URL, request body text, status,
response MIME type and text, and start time. A file haralyzer cannot read raises, and the exit status says so.

    python har_load.py FILE
"""
import json
import sys

from haralyzer import HarParser


def main():
    with open(sys.argv[1], "rb") as f:
        parser = HarParser(json.load(f))
    entries = []
    for page in parser.pages:
        for entry in page.entries:
            entries.append({
                "method": entry.request.method,
                "url": entry.request.url,
                "requestText": entry.request.text,
                "status": entry.response.status,
                "mimeType": entry.response.mimeType,
                "responseText": entry.response.text,
                "started": entry.startTime.isoformat() if entry.startTime else None,
            })
    print(json.dumps({"creator": parser.creator, "version": parser.version, "entries": entries}))


if __name__ == "__main__":
    main()
