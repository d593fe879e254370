"""Runs the shell blocks of recipes pages (docs/recipes.md) and compares their output with the page.

A page is split into recipes by its `## ` headings; `PAGE#PREFIX` (README.zh-CN.md#实用示例) runs only the
recipes whose heading begins with PREFIX, and other sections may hold blocks of any kind. Within a recipe, every
```sh block runs in order with `bash -euo pipefail` in one scratch directory (files persist from block to block),
with the tool first on PATH and $XIAOA_BASE_URL set to a stand-in server started for the page. A ```text block
right after a ```sh block is the block's expected output, stdout and stderr together: `…` in a line matches any
text, and a line that is only `…` matches any number of lines. Each block is one check, and so is each page of
`--links` (its relative links name files that exist); the last line is "test-recipes: N passed, M failed".
"""
import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import testkit  # noqa: E402
from testkit import check, free_port  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
FENCE = re.compile(r"^```(\w*)\s*$")


def recipes(text, prefix=None):
    """[(title, [(code, expected or None)])] for every `## ` section that has shell blocks (and whose title begins
    with `prefix`, when given)."""
    sections = []
    title, blocks, lines = None, [], text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("## "):
            if title and blocks:
                sections.append((title, blocks))
            title, blocks = line[3:].strip(), []
        match = FENCE.match(line)
        if match and prefix is not None and not (title or "").startswith(prefix):
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                i += 1
        elif match:
            kind, body = match.group(1), []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            if kind == "sh":
                blocks.append(["\n".join(body) + "\n", None])
            elif kind == "text":
                if not blocks or blocks[-1][1] is not None:
                    raise SystemExit(f"error: a text block in '{title}' follows no sh block")
                blocks[-1][1] = body
            elif kind:
                raise SystemExit(f"error: a ```{kind} block in '{title}': only sh and text blocks are allowed")
        i += 1
    if title and blocks:
        sections.append((title, blocks))
    return sections


def line_matches(pattern, line):
    parts = [re.escape(part) for part in pattern.split("…")]
    return re.fullmatch(".*".join(parts), line, flags=re.S) is not None


def output_matches(expected, actual):
    """Whether the actual lines match the expected ones (`…` lines match any run of lines)."""
    memo = {}

    def match(i, j):
        if (i, j) in memo:
            return memo[(i, j)]
        if i == len(expected):
            result = j == len(actual)
        elif expected[i] == "…":
            result = any(match(i + 1, k) for k in range(j, len(actual) + 1))
        else:
            result = j < len(actual) and line_matches(expected[i], actual[j]) and match(i + 1, j + 1)
        memo[(i, j)] = result
        return result

    return match(0, 0)


class StandIn:
    """`xiaoa-crypto serve` in memory on a free port, stopped with SIGTERM."""

    def __init__(self, bin_dir, workdir):
        self.port = free_port()
        self.log = open(os.path.join(workdir, "serve.err"), "w+")
        self.process = subprocess.Popen(
            [os.path.join(bin_dir, "xiaoa-crypto"), "serve", "--port", str(self.port)],
            stdout=self.log, stderr=self.log, stdin=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"error: serve exited with {self.process.returncode}: {self.log.read()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("error: serve did not start listening within 30 s")

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


LINK = re.compile(r"\]\(([^)\s]+)\)")


def broken_links(path):
    """The relative links of a Markdown page whose file does not exist (code blocks skipped)."""
    with open(path, encoding="utf-8") as f:
        text = re.sub(r"^```.*?^```", "", f.read(), flags=re.S | re.M)
    broken = []
    for target in LINK.findall(text):
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            continue
        if not os.path.exists(os.path.join(os.path.dirname(path), target.split("#")[0])):
            broken.append(target)
    return broken


def indented(text):
    return "\n".join("    " + line for line in text.rstrip("\n").split("\n"))


def run_page(label, sections, bin_dir, scratch, server):
    """Runs the recipes of one page in `scratch` against `server`: one check per block."""
    environment = dict(os.environ)
    environment["PATH"] = bin_dir + os.pathsep + environment.get("PATH", "/usr/bin:/bin")
    environment["XIAOA_BASE_URL"] = server.base
    for number, (title, blocks) in enumerate(sections, 1):
        workdir = os.path.join(scratch, f"recipe-{number}")
        os.mkdir(workdir)
        for name in ("Vectors", "crosslang"):
            os.symlink(os.path.join(ROOT, name), os.path.join(workdir, name))
        for index, (code, expected) in enumerate(blocks, 1):
            name = f"{label}: {title}: block {index}" if label else f"{title}: block {index}"
            try:
                result = subprocess.run(
                    ["bash", "-euo", "pipefail", "-c", code], cwd=workdir, env=environment,
                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
            except subprocess.TimeoutExpired:
                check(name, False, "timed out after 600 s")
                continue
            output = result.stdout.decode("utf-8", "replace")
            lines = output.split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            if result.returncode != 0:
                check(name, False, f"exit {result.returncode}\n{indented(code)}\n  output:\n{indented(output)}")
            elif expected is not None and not output_matches(expected, lines):
                check(name, False, "output differs\n  expected:\n" + indented("\n".join(expected))
                      + "\n  actual:\n" + indented(output))
            else:
                check(name, True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--links", action="append", default=[], metavar="PAGE",
                        help="a Markdown page whose relative links must name existing files (repeatable)")
    parser.add_argument("pages", nargs="+", metavar="PAGE[#PREFIX]")
    args = parser.parse_args()
    bin_dir = os.path.abspath(args.bin_dir)
    for page in args.links:
        broken = broken_links(page)
        check(f"{page}: every relative link names a file", broken == [], f"broken: {broken}")
    pages = []
    for page in args.pages:
        path, _, prefix = page.partition("#")
        with open(path, encoding="utf-8") as f:
            found = recipes(f.read(), prefix or None)
        if not found:
            raise SystemExit(f"error: {page} has no shell blocks")
        pages.append((path, found))

    # Each page against a stand-in of its own: a translation binds the same accounts as the original.
    for path, sections in pages:
        with tempfile.TemporaryDirectory(prefix="xiaoa-recipes-") as scratch:
            server = StandIn(bin_dir, scratch)
            try:
                run_page(path if len(pages) > 1 else None, sections, bin_dir, scratch, server)
            finally:
                server.stop()
    print(f"test-recipes: {testkit.passed} passed, {testkit.failed} failed")
    return 0 if testkit.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
