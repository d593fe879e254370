#!/usr/bin/env python3
"""Validate vector files against Vectors/schemas/ (run by scripts/check-vector-schemas).

A file with a `schema` key is checked against Vectors/schemas/<schema>.schema.json; the JCS files, which have
none, against the schema named after them (FILE_SCHEMAS). Beyond what JSON Schema can say, every file of the common
schema must have numberOfTests tests with tcIds 1..N, and notes that are exactly the vocabulary's entries
(Vectors/schemas/flags.json) for the flags it uses — a generated file may describe every flag its generator can set.
Upstream inputs kept byte for byte (Vectors/json/JSONTestSuite, Vectors/jcs/cyberphone) are arbitrary or
deliberately broken JSON, so they have no schema and are not checked here.
"""

import glob
import json
import os
import sys

import jsonschema

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCHEMAS = os.path.join(ROOT, "Vectors", "schemas")
FILE_SCHEMAS = {
    "Vectors/jcs/numbers.json": "jcs-numbers",
    "Vectors/jcs/php-style.json": "jcs-php-style",
    "Vectors/schemas/flags.json": "flags",
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def all_files():
    files = sorted(glob.glob(os.path.join(ROOT, "Vectors", "*.json")))
    files += sorted(glob.glob(os.path.join(ROOT, "Vectors", "jcs", "*.json")))
    return files + [os.path.join(SCHEMAS, "flags.json")]


def problems(path, vocabulary):
    rel = os.path.relpath(os.path.abspath(path), ROOT)
    doc = load(path)
    name = doc.get("schema") if isinstance(doc, dict) else None
    name = FILE_SCHEMAS.get(rel, name)
    if name is None:
        return [f"no JSON Schema for {rel}: it has no `schema` key and is not one of {sorted(FILE_SCHEMAS)}"]
    schema_path = os.path.join(SCHEMAS, f"{name}.schema.json")
    if not os.path.exists(schema_path):
        return [f"schema {name!r} has no file Vectors/schemas/{name}.schema.json"]
    schema = load(schema_path)
    validator = jsonschema.Draft202012Validator(schema)
    found = [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
             for e in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))[:10]]
    if found or "testGroups" not in doc:
        return found
    tests = [t for g in doc["testGroups"] for t in g["tests"]]
    if doc["numberOfTests"] != len(tests):
        found.append(f"numberOfTests is {doc['numberOfTests']}, the file has {len(tests)} tests")
    if [t["tcId"] for t in tests] != list(range(1, len(tests) + 1)):
        found.append("tcIds are not 1..N in file order")
    used = {f for t in tests for f in t["flags"]}
    known = vocabulary.get(name, {})
    for flag in sorted(used - set(doc["notes"])):
        found.append(f"flag {flag} is used but has no note")
    for flag, note in doc["notes"].items():
        if flag not in known:
            found.append(f"note {flag} is not in the {name} vocabulary of Vectors/schemas/flags.json")
        elif note != known[flag]:
            found.append(f"note {flag} differs from Vectors/schemas/flags.json")
    return found


def main():
    paths = sys.argv[1:] or all_files()
    for schema_file in sorted(glob.glob(os.path.join(SCHEMAS, "*.schema.json"))):
        jsonschema.Draft202012Validator.check_schema(load(schema_file))
    vocabulary = load(os.path.join(SCHEMAS, "flags.json"))["flags"]
    passed = failed = 0
    for path in paths:
        found = problems(path, vocabulary)
        rel = os.path.relpath(os.path.abspath(path), ROOT)
        if found:
            failed += 1
            for p in found:
                print(f"FAIL {rel}: {p}")
        else:
            passed += 1
            print(f"ok   {rel}")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
