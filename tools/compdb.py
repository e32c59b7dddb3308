#!/usr/bin/env python3
"""tools/compdb.py - write compile_commands.json for clangd.

Usage: compdb.py "CC CFLAGS" SOURCE... > compile_commands.json
The Makefile passes the exact compiler and flags of the current ARCH.
"""
import json
import os
import shlex
import sys


def main():
    cc = shlex.split(sys.argv[1])
    root = os.getcwd()
    entries = []
    for src in sys.argv[2:]:
        args = cc + ["-c", src]
        if src.endswith(".S"):
            args = [a for a in args if a != "-std=gnu11"] + ["-D__ASSEMBLY__"]
        entries.append({"directory": root, "file": src, "arguments": args})
    json.dump(entries, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
