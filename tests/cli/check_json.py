#!/usr/bin/env python3
"""Every flowsheet's JSON report parses, names a unit for every number, and agrees with
the CSV report on the summary. Run by meson test with TANDEM_BIN and TANDEM_SOURCE_ROOT."""
import csv
import io
import json
import math
import os
import pathlib
import subprocess
import sys

bin_ = os.environ["TANDEM_BIN"]
root = pathlib.Path(os.environ["TANDEM_SOURCE_ROOT"])


def walk_quantities(node, path="$"):
    """Yield every {"value": ..., "unit": ...} object."""
    if isinstance(node, dict):
        if "value" in node:
            assert "unit" in node, f"{path}: a value without a unit"
            yield path, node
        for k, v in node.items():
            yield from walk_quantities(v, f"{path}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from walk_quantities(v, f"{path}[{i}]")


failures = 0
files = sorted(root.glob("flowsheets/**/*.ini"))
assert len(files) >= 3, "no flowsheets found"
for f in files:
    out = subprocess.run([bin_, "solve", str(f), "--format", "json"], capture_output=True,
                         text=True, check=True).stdout
    doc = json.loads(out)
    n = 0
    for path, q in walk_quantities(doc):
        n += 1
        v = q["value"]
        assert v is None or (isinstance(v, (int, float)) and math.isfinite(v)), path
    assert n > 50, f"{f}: only {n} quantities"
    assert doc["summary"]["closed"] is True, f
    csv_out = subprocess.run([bin_, "solve", str(f), "--format", "csv"], capture_output=True,
                             text=True, check=True).stdout
    rows = list(csv.DictReader(io.StringIO(csv_out)))
    summary_csv = {r["quantity"]: r["value"] for r in rows if r["section"] == "summary"}
    for q in doc["summary"]["quantities"]:
        c = summary_csv[q["key"]]
        if q["value"] is None:
            assert c == "", (f, q["key"])
        else:
            assert abs(float(c) - q["value"]) <= 1e-8 * max(1.0, abs(q["value"])), (f, q["key"])
    print(f"{f.name}: {n} quantities, all with units; JSON and CSV agree")

    # the energy report, written once (src/report/emit.h): its JSON records are its CSV rows
    ej = json.loads(subprocess.run([bin_, "energy", str(f), "--format", "json"],
                                   capture_output=True, text=True, check=True).stdout)
    ec = list(csv.DictReader(io.StringIO(subprocess.run(
        [bin_, "energy", str(f), "--format", "csv"], capture_output=True, text=True,
        check=True).stdout)))
    assert len(ej["lines"]) == len(ec), f
    for rec, row in zip(ej["lines"], ec):
        assert rec["direction"] == row["direction"] and rec["line"] == row["line"], f
        assert rec["power"]["unit"] == "MW", f
        assert abs(rec["power"]["value"] - float(row["MW"])) <= 1e-8 * max(
            1.0, abs(rec["power"]["value"])), f

    # the optimizer's JSON: the same flowsheet, as its [optimize] section says (or nothing
    # released: the simulation itself)
    opt = json.loads(subprocess.run([bin_, "optimize", str(f), "--format", "json"],
                                    capture_output=True, text=True, check=True).stdout)
    assert math.isfinite(opt["optimum"]) and math.isfinite(opt["start"]), f
    assert opt["converged"] is True, f
    for path, q in walk_quantities(opt["summary"]):
        v = q["value"]
        assert v is None or (isinstance(v, (int, float)) and math.isfinite(v)), (f, path)
    if not opt["vary"]:
        assert abs(opt["optimum"] - opt["start"]) <= 1e-9 * abs(opt["start"]), f

cmp_out = subprocess.run([bin_, "compare", *map(str, files), "--format", "json"],
                         capture_output=True, text=True, check=True).stdout
assert len(json.loads(cmp_out)["flowsheets"]) == len(files)
sys.exit(0)
