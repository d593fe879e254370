#!/usr/bin/env python3
"""Compare freshly generated vector files with the committed ones: what matters must be identical.

Usage: compare.py COMMITTED_DIR FRESH_DIR RELATIVE_PATH...

What matters is every byte except the tool versions that the provenance records ("PHP 8.2.x", "Python 3.11",
"Python cryptography 48.x", "OpenSSL 3.0", "Node 20.20", "node v20.20.2", "php_version"): another machine has other
versions, and that is not a defect. So a file passes when its text is identical once those version numbers are
masked, and, for JSON, when its content outside the provenance (the cases, notes, header, counts) is equal as
data; a differing tool version is printed as a note. Anything else prints a unified diff and fails (exit 1).
"""

import difflib
import json
import re
import sys

# A tool name, then its version: "PHP 8.2.x", "cryptography 48.x", "node v20.20.2", "OpenSSL 3.0".
TOOL_VERSION = re.compile(r"\b(PHP|Python|cryptography|OpenSSL|[Nn]ode)( v?)(\d+(?:\.(?:\d+|x))*)")
PHP_VERSION_FIELD = re.compile(r'("php_version": ")([^"]*)(")')
# Where a file records its provenance: the common schema's `source`, the JCS files' description and php_version.
PROVENANCE_KEYS = ("source", "description", "php_version")


def mask(text):
    text = TOOL_VERSION.sub(lambda m: m.group(1) + m.group(2) + "<version>", text)
    return PHP_VERSION_FIELD.sub(lambda m: m.group(1) + "<version>" + m.group(3), text)


def versions(text):
    found = [m.group(0) for m in TOOL_VERSION.finditer(text)]
    found += ["php_version " + m.group(2) for m in PHP_VERSION_FIELD.finditer(text)]
    return found


def without_provenance(doc):
    if isinstance(doc, dict):
        return {k: v for k, v in doc.items() if k not in PROVENANCE_KEYS}
    return doc


def compare(committed_dir, fresh_dir, rel):
    """Returns (ok, notes) for one file, printing a diff when it differs."""
    try:
        with open(f"{committed_dir}/{rel}", encoding="utf-8") as f:
            old = f.read()
    except FileNotFoundError:
        print(f"generate-vectors: Vectors/{rel} is missing")
        return False, []
    with open(f"{fresh_dir}/{rel}", encoding="utf-8") as f:
        new = f.read()
    if old == new:
        return True, []
    same = mask(old) == mask(new)
    if same and rel.endswith(".json"):
        # The mask works on text: make sure it hid nothing outside the provenance.
        same = without_provenance(json.loads(old)) == without_provenance(json.loads(new))
    if not same:
        sys.stdout.writelines(difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True), f"Vectors/{rel}", f"fresh/{rel}"))
        return False, []
    pairs = sorted({(a, b) for a, b in zip(versions(old), versions(new)) if a != b})
    return True, [f"Vectors/{rel}: written with {a}, regenerated here with {b}" for a, b in pairs]


def main():
    if len(sys.argv) < 4:
        print("usage: compare.py COMMITTED_DIR FRESH_DIR RELATIVE_PATH...", file=sys.stderr)
        sys.exit(64)
    committed_dir, fresh_dir, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    ok = True
    for rel in paths:
        file_ok, notes = compare(committed_dir, fresh_dir, rel)
        ok = ok and file_ok
        for note in notes:
            print(f"note: {note} (tool versions are provenance, not a difference)", file=sys.stderr)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
