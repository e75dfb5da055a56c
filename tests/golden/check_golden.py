#!/usr/bin/env python3
"""Every report of every shipped flowsheet, in every format, against the hashes in
tests/golden/reports.sha256: a guard that says "nothing changed", never "it is right".

A refactoring (issue 19) must leave every byte of every report as it was; a change that
means to move a figure regenerates the hashes in the same commit, and says why:

    TANDEM_BIN=build/tandem TANDEM_SOURCE_ROOT=. python3 tests/golden/check_golden.py --write

Each report is hashed after two normalizations, so that a clone anywhere gives the same
bytes: the source tree's absolute path becomes <root> and a report directory's <out>; a
workbook is hashed member by member, its creation time (docProps/core.xml) left out.
On a mismatch the test names the reports that moved; `--dump DIR` writes every report's
normalized bytes to DIR (one file a report), so that a dump before a change and one after
it can be diffed, or their JSON compared parsed.
"""
import hashlib
import io
import os
import pathlib
import subprocess
import sys
import tempfile
import zipfile

root = pathlib.Path(os.environ.get("TANDEM_SOURCE_ROOT", ".")).resolve()
bin_ = os.environ["TANDEM_BIN"]
golden = root / "tests" / "golden" / "reports.sha256"


def flowsheets():
    return sorted(p.relative_to(root).as_posix() for p in (root / "flowsheets").rglob("*.ini"))


def jobs():
    """(name, argv, report directory or None) for every report the suite pins."""
    out = []
    for f in flowsheets():
        text = (root / f).read_text()
        for fmt in ("text", "csv", "json"):
            out.append((f"solve {f} {fmt}", ["solve", f, "--format", fmt], None))
        for cmd in ("check", "explain", "diagram", "energy", "heat"):
            out.append((f"{cmd} {f}", [cmd, f], None))
        out.append((f"energy {f} csv", ["energy", f, "--format", "csv"], None))
        for fmt in ("csv", "json"):
            out.append((f"heat {f} {fmt}", ["heat", f, "--format", fmt], None))
        for fmt in ("text", "csv", "json"):
            out.append((f"cost {f} {fmt}", ["cost", f, "--format", fmt], None))
        out.append((f"cost {f} report", ["cost", f, "-o", "{out}"], "{out}"))
        if "\n[optimize]" in text:
            out.append((f"optimize {f}", ["optimize", f], None))
            for fmt in ("csv", "json"):
                out.append((f"optimize {f} {fmt}", ["optimize", f, "--format", fmt], None))
        if "\n[uncertainty]" in text:
            out.append((f"tornado {f}", ["tornado", f], None))
            out.append((f"tornado {f} csv", ["tornado", f, "--format", "csv"], None))
            out.append((f"mc {f}", ["mc", f, "--samples", "200"], None))
            for fmt in ("csv", "json"):
                out.append((f"mc {f} {fmt}", ["mc", f, "--samples", "200", "--format", fmt],
                            None))
    three = ["flowsheets/one_cell_mea.ini", "flowsheets/seed/ee4_soec_mea_ozden2021.ini",
             "flowsheets/seed/ee1_nin_cu_moller2023.ini"]
    for fmt in ("text", "csv", "json"):
        out.append((f"compare three {fmt}", ["compare", *three, "--format", fmt], None))
    for fmt in ("text", "csv", "json"):
        out.append((f"species {fmt}", ["species", "--format", fmt], None))
        out.append((f"species ee2 {fmt}", ["species", "flowsheets/seed/ee2_graphite_dee_chi2025.ini",
                                           "--format", fmt], None))
    for fmt in ("text", "csv", "json"):
        out.append((f"pareto one_cell_mea {fmt}",
                    ["optimize", "flowsheets/one_cell_mea.ini", "--pareto", "3", "--opt",
                     "vary.ethylene.rate = 50 .. 150 t/day", "--format", fmt], None))
    out.append(("sweep co_cell_model", ["sweep", "flowsheets/co_cell_model.ini", "--vary",
                                        "cell.current_density=100..1000:4"], None))
    for fmt in ("csv", "json"):
        out.append((f"sweep co_cell_model {fmt}",
                    ["sweep", "flowsheets/co_cell_model.ini", "--vary",
                     "cell.current_density=100..1000:4", "--format", fmt], None))
    for fmt in ("text", "csv", "json"):
        out.append((f"dispatch soec_mea_buffer grid {fmt}",
                    ["dispatch", "flowsheets/soec_mea_buffer.ini", "--profile",
                     "costs/profiles/tx_2022_grid.csv", "--days", "4", "--format", fmt], None))
    return out


def normalize(data, outdir):
    data = data.replace(str(root).encode(), b"<root>")
    if outdir:
        data = data.replace(outdir.encode(), b"<out>")
    return data


def workbook_bytes(path, outdir):
    """A workbook's members in order, but its creation time."""
    h = io.BytesIO()
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if name == "docProps/core.xml":
                continue
            h.write(name.encode() + b"\0" + normalize(z.read(name), outdir) + b"\0")
    return h.getvalue()


def dump(name, data):
    if dump_dir:
        safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
        pathlib.Path(dump_dir, safe).write_bytes(data)


def run(name, argv, report):
    """Hashes of what the command prints, its exit status and the files it writes."""
    hashes = {}
    with tempfile.TemporaryDirectory() as tmp:
        outdir = os.path.join(tmp, "rep") if report else None
        args = [a.replace("{out}", outdir) if outdir else a for a in argv]
        r = subprocess.run([bin_, *args], cwd=root, capture_output=True, timeout=600)
        body = b"exit %d\n" % r.returncode + r.stdout + b"\0" + r.stderr
        hashes[name] = hashlib.sha256(normalize(body, outdir)).hexdigest()
        dump(name, normalize(r.stdout, outdir))
        if outdir and os.path.isdir(outdir):
            for f in sorted(os.listdir(outdir)):
                p = os.path.join(outdir, f)
                data = (workbook_bytes(p, outdir) if f.endswith(".xlsx")
                        else normalize(pathlib.Path(p).read_bytes(), outdir))
                hashes[f"{name} {f}"] = hashlib.sha256(data).hexdigest()
                dump(f"{name} {f}", data)
    return hashes


dump_dir = None


def main():
    global dump_dir
    if "--dump" in sys.argv:
        dump_dir = sys.argv[sys.argv.index("--dump") + 1]
        os.makedirs(dump_dir, exist_ok=True)
    got = {}
    for name, argv, report in jobs():
        got.update(run(name, argv, report))
    if "--write" in sys.argv:
        golden.write_text("".join(f"{h}  {n}\n" for n, h in sorted(got.items())))
        print(f"golden: {len(got)} reports written to {golden.relative_to(root)}")
        return 0
    want = {}
    for line in golden.read_text().splitlines():
        h, n = line.split("  ", 1)
        want[n] = h
    moved = sorted(n for n in got if n in want and got[n] != want[n])
    new = sorted(n for n in got if n not in want)
    gone = sorted(n for n in want if n not in got)
    for label, names in (("changed", moved), ("not pinned", new), ("no longer made", gone)):
        for n in names:
            print(f"golden: {label}: {n}", file=sys.stderr)
    if moved or new or gone:
        print(f"golden: {len(moved) + len(new) + len(gone)} of {len(want)} reports differ "
              "from tests/golden/reports.sha256; if the change is meant, regenerate them "
              "(see this file's header) and say why in the commit", file=sys.stderr)
        return 1
    print(f"golden: all {len(got)} reports as pinned")
    return 0


if __name__ == "__main__":
    sys.exit(main())
