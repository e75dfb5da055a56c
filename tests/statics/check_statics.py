#!/usr/bin/env python3
"""The mutable state that lives outside any object: every variable in a writable data
section (.data, .bss, and their thread-local .tdata, .tbss) of tandem's libraries, file-scope or a function's `static`, read from
the built archives with objdump. Each must be listed, with why it is there, in
tests/statics/allowed.txt; a new one fails, and so does one listed that is gone (the list
only shrinks). Issue 19 moves them onto the objects that own the work, until only the CLI's
I/O object and the graphics handle remain.

Tables the code never writes are `const` and live in read-only sections: they are not
state, and not listed.
"""
import os
import pathlib
import re
import subprocess
import sys

root = pathlib.Path(os.environ.get("TANDEM_SOURCE_ROOT", ".")).resolve()
build = pathlib.Path(os.environ["TANDEM_BIN"]).resolve().parent
allowed_file = root / "tests" / "statics" / "allowed.txt"


def mutable_statics():
    found = set()
    # the libraries, and the command-line tool's own main
    files = [build / "libtandem.a", build / "libtandem-cli.a"] + sorted(
        (build / "tandem.p").glob("*.o"))
    for path in files:
        out = subprocess.run(["objdump", "-t", str(path)], capture_output=True,
                             text=True, check=True).stdout
        member = path.name if path.suffix == ".o" else None
        for line in out.splitlines():
            m = re.match(r"^(\S+\.o):\s+file format", line)
            if m:
                member = m.group(1)
                continue
            f = line.split()
            # address, flags..., section, size, name: an object in a writable section (a
            # thread-local one is listed without the object flag)
            if len(f) < 5:
                continue
            section, name = f[-3], f[-1]
            if " O " not in line and not re.match(r"^\.t(data|bss)(\.|$)", section):
                continue
            if not re.match(r"^\.t?(data|bss)(\.|$)", section) or section.startswith(".data.rel.ro"):
                continue
            if name.startswith("__odr_asan") or name.startswith(".L"):
                continue  # the address sanitizer's own bookkeeping
            base = os.path.basename(member)[: -len(".o")]
            found.add(f"{base} {re.sub(r'[.][0-9]+$', '', name)}")
    return found


def main():
    allowed = {}
    for line in allowed_file.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, why = line.partition(" : ")
        allowed[key.strip()] = why.strip()
    found = mutable_statics()
    new = sorted(found - set(allowed))
    gone = sorted(set(allowed) - found)
    for k in new:
        print(f"statics: new mutable static {k}: give it an owner (an object passed in) "
              "instead, or list it with its reason in tests/statics/allowed.txt",
              file=sys.stderr)
    for k in gone:
        print(f"statics: {k} is gone: take it off tests/statics/allowed.txt", file=sys.stderr)
    if new or gone:
        return 1
    print(f"statics: {len(found)} mutable statics, each listed with its reason")
    return 0


if __name__ == "__main__":
    sys.exit(main())
