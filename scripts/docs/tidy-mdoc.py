"""Tidies a man page written by swift-argument-parser's generate-manual plugin so that it renders without warnings.

The plugin copies each command's discussion text into the mdoc source as it is: a blank line between paragraphs
becomes an empty input line (which mdoc warns about) and the indented example lines are filled and hyphenated
like prose, so an example can break inside a command. Here a blank line becomes `.Pp`, and the indented lines
after an "Examples:" line become a literal display (`.Bd -literal`), shown as written. Rewrites the files given.
"""
import sys


def tidy(lines):
    out = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == "":
            # Two paragraph breaks in a row, or one right before a macro that breaks anyway, say nothing more.
            if out and out[-1] != ".Pp":
                out.append(".Pp")
            i += 1
            continue
        if line.rstrip() in ("Examples:", "Example:"):
            out.append(line.rstrip())
            i += 1
            block = []
            while i < len(lines) and lines[i].startswith("  "):
                block.append(lines[i][2:])
                i += 1
            if block:
                out.append(".Bd -literal -offset indent")
                out.extend(block)
                out.append(".Ed")
            continue
        if line.startswith("."):
            # A macro after a paragraph break that a macro makes itself: drop the redundant .Pp.
            if out and out[-1] == ".Pp" and line.split()[0] in (".Bl", ".It", ".El", ".Sh", ".Ss", ".Pp", ".Bd"):
                out.pop()
        out.append(line)
        i += 1
    return out


def main(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        lines = text.split("\n")
        trailing = lines[-1] == ""
        if trailing:
            lines.pop()
        result = "\n".join(tidy(lines)) + ("\n" if trailing else "")
        with open(path, "w", encoding="utf-8") as f:
            f.write(result)


if __name__ == "__main__":
    main(sys.argv[1:])
