#!/usr/bin/env python3
"""Every C source and header of the tree as the committed .clang-format lays it out: a
file that is not fails, named, with the command that fixes it. (clang-format is one of the
test packages that `./run test` installs.)"""
import os
import pathlib
import shutil
import subprocess
import sys

root = pathlib.Path(os.environ.get("TANDEM_SOURCE_ROOT", ".")).resolve()


def main():
    tool = shutil.which("clang-format")
    if not tool:
        print("format: clang-format is not installed (./run test installs it)", file=sys.stderr)
        return 1
    files = sorted(p for d in ("src", "include", "tests") for p in (root / d).rglob("*.[ch]"))
    # one run over every file (a run a file took 20 s); on a failure, each file alone to
    # name the ones at fault
    r = subprocess.run([tool, "--style=file", "--dry-run", "--Werror", *map(str, files)],
                       cwd=root, capture_output=True)
    bad = []
    for p in files if r.returncode else []:
        one = subprocess.run([tool, "--style=file", "--dry-run", "--Werror", str(p)], cwd=root,
                             capture_output=True)
        if one.returncode:
            bad.append(p.relative_to(root).as_posix())
    if r.returncode and not bad:
        print(r.stderr.decode(errors="replace"), file=sys.stderr)
        return 1
    for b in bad:
        print(f"format: {b} is not as .clang-format lays it out: clang-format --style=file -i {b}",
              file=sys.stderr)
    if bad:
        return 1
    print(f"format: all {len(files)} C files as .clang-format lays them out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
