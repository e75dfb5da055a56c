#!/usr/bin/env python3
"""docs/gallery.md is what `./run gallery` writes: `tandem compare --format markdown` of
flowsheets/one_cell_mea.ini and flowsheets/seed/*.ini, run from the source root. A stale
gallery fails here with the command that brings it up to date."""
import difflib
import os
import pathlib
import subprocess
import sys

bin_ = os.environ["TANDEM_BIN"]
root = pathlib.Path(os.environ["TANDEM_SOURCE_ROOT"])

files = ["flowsheets/one_cell_mea.ini"] + sorted(
    str(p.relative_to(root)) for p in root.glob("flowsheets/seed/*.ini"))
assert len(files) >= 19, f"expected the seed flowsheets, found {len(files)} files"
got = subprocess.run([bin_, "compare", "--format", "markdown", *files], cwd=root,
                     capture_output=True, text=True, check=True).stdout
want = (root / "docs/gallery.md").read_text()
if got != want:
    sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                               "docs/gallery.md", "tandem compare"))
    print("docs/gallery.md is stale: run ./run gallery")
    sys.exit(1)
# Every flowsheet is in the table, one row each.
for f in files:
    assert f"](../{f})" in got, f"{f} missing from the gallery"
print(f"gallery: {len(files)} flowsheets, up to date")
