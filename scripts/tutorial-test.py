#!/usr/bin/env python3
"""Follows a tutorial (docs/tutorial.md, docs/ru/tutorial.md) literally, in an empty folder.

Usage: scripts/tutorial-test.py KARTA TUTORIAL.md [TUTORIAL.md ...]

The tutorial is the test. Its fenced blocks are taken in order:
  ```lua file=PATH            the block is the whole new text of PATH (folders are made)
  ```lua file=PATH replace="OLD"   the block replaces OLD, which PATH must hold exactly once
  ```console                  lines starting "$ " are commands, run with bash in the folder
                              with `karta` on the PATH; the lines after a command up to the
                              next are its output as the reader sees it (standard output and
                              error together) and must be what it prints, line for line. A
                              line "..." stands for any number of lines. A command must exit 0
                              (a command that is meant to fail says so: `...; echo "exit $?"`).
Other blocks are illustration and are not run. Exits 1 at the first difference, naming the
tutorial's line.
"""
import os
import re
import shlex
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```(\S*)\s*(.*)$")
ATTRIBUTE = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)')


def blocks(path):
    """(line, language, attributes, text) of each fenced block."""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match or not match.group(1):
            index += 1
            continue
        start = index + 1
        language = match.group(1)
        attributes = {}
        for key, value in ATTRIBUTE.findall(match.group(2)):
            attributes[key] = shlex.split(value)[0] if value.startswith('"') else value
        end = start
        while end < len(lines) and lines[end] != "```":
            end += 1
        yield start, language, attributes, "\n".join(lines[start:end])
        index = end + 1


def matches(expected, actual):
    """Whether actual lines are the expected ones, "..." matching any run of lines."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[skip:]) for skip in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def follow(tutorial, karta):
    folder = tempfile.mkdtemp(prefix="karta-tutorial-")
    bin_dir = os.path.join(folder, ".bin")
    os.makedirs(bin_dir)
    os.symlink(os.path.abspath(karta), os.path.join(bin_dir, "karta"))
    environment = {key: value for key, value in os.environ.items() if not key.startswith("KARTA_")}
    environment["PATH"] = bin_dir + os.pathsep + environment.get("PATH", "")
    environment["COLUMNS"] = "100"
    commands = files = 0

    def fail(line, message):
        sys.exit(f"{tutorial}:{line}: {message}\n(the tutorial's folder is kept: {folder})")

    for line, language, attributes, text in blocks(tutorial):
        if "file" in attributes:
            path = os.path.join(folder, attributes["file"])
            if "replace" in attributes:
                old = attributes["replace"]
                with open(path, encoding="utf-8") as handle:
                    current = handle.read()
                if current.count(old) != 1:
                    fail(line, f"{attributes['file']} holds {old!r} {current.count(old)} times, not once")
                current = current.replace(old, text)
            else:
                current = text + "\n"
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(current)
            files += 1
        elif language == "console":
            steps = []
            for offset, row in enumerate(text.split("\n")):
                if row.startswith("$ "):
                    steps.append((line + offset + 1, row[2:], []))
                elif steps:
                    steps[-1][2].append(row)
            for where, command, expected in steps:
                run = subprocess.run(["bash", "-c", command], cwd=folder, env=environment,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
                actual = run.stdout.decode("utf-8", "replace").rstrip("\n").split("\n")
                if actual == [""]:
                    actual = []
                while expected and expected[-1] == "":
                    expected = expected[:-1]
                commands += 1
                if run.returncode != 0:
                    fail(where, f"`{command}` exited {run.returncode}:\n" + "\n".join(actual))
                if not matches(expected, actual):
                    fail(where, f"`{command}` printed something else.\n--- the tutorial shows:\n"
                         + "\n".join(expected) + "\n--- it printed:\n" + "\n".join(actual))
    if commands == 0:
        sys.exit(f"{tutorial}: no commands found")
    print(f"tutorial {tutorial}: {commands} commands and {files} files followed, every output as shown")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    for tutorial in sys.argv[2:]:
        follow(tutorial, sys.argv[1])


if __name__ == "__main__":
    main()
