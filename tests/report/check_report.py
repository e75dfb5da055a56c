#!/usr/bin/env python3
"""`tandem cost --report DIR` writes a complete report: every file present and well formed
(JSON with a unit on every number, CSV with the header's column count, SVG, an XLSX
workbook with its five sheets); and the HTML page renders in headless Chromium with all
its charts loaded and all its tables present (a screenshot is taken and checked to be a
real image). A report into a directory that cannot be made leaves nothing behind.
Run by meson test with TANDEM_BIN and TANDEM_SOURCE_ROOT."""
import csv
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import xml.dom.minidom
import zipfile

bin_ = os.environ["TANDEM_BIN"]
root = pathlib.Path(os.environ["TANDEM_SOURCE_ROOT"])
work = pathlib.Path(tempfile.mkdtemp(prefix="tandem-report-"))
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


try:
    out = work / "report"
    r = subprocess.run([bin_, "cost", str(root / "flowsheets/one_cell_mea.ini"),
                        "--report", str(out)], capture_output=True, text=True)
    check(r.returncode == 0, f"cost --report exit {r.returncode}: {r.stderr}")
    names = ["report.md", "report.html", "report.json", "cost_lines.csv", "cash_flow.csv",
             "report.xlsx", "capital.svg", "operating.svg", "cash_flow.svg"]
    for n in names:
        check((out / n).is_file() and (out / n).stat().st_size > 100, f"{n} missing or empty")
    check(sorted(p.name for p in work.iterdir()) == ["report"], "stray files beside the report")

    doc = json.loads((out / "report.json").read_text())
    for key in ("levelized_cost", "total_capital", "npv"):
        check("unit" in doc["summary"][key], f"summary.{key} has no unit")
    check(len(doc["capital"]) >= 3 and all(c["source"] for c in doc["capital"]),
          "capital lines without sources")

    for n in ("cost_lines.csv", "cash_flow.csv"):
        rows = list(csv.reader(open(out / n, newline="")))
        check(len(rows) > 2 and all(len(x) == len(rows[0]) for x in rows), f"{n} ragged")
    flow = list(csv.DictReader(open(out / "cash_flow.csv", newline="")))
    check(len(flow) == 21, f"cash flow has {len(flow)} years, expected 21 (construction + 20)")

    for n in ("capital.svg", "operating.svg", "cash_flow.svg"):
        svg = xml.dom.minidom.parse(str(out / n))
        check(svg.documentElement.tagName == "svg", f"{n} is not SVG")

    with zipfile.ZipFile(out / "report.xlsx") as z:
        wb = z.read("xl/workbook.xml").decode()
        for sheet in ("Assumptions", "Capital", "Operating", "Cash flow", "Summary"):
            check(f'name="{sheet}"' in wb, f"sheet {sheet} missing from the workbook")
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        formulas = sum(z.read(n).decode().count("<f>") for n in sheets)
        check(formulas > 50, f"only {formulas} formulas in the workbook")

    html = (out / "report.html").read_text()
    for table in ("capital", "operating", "levelized", "cash_flow"):
        check(f'<table id="{table}">' in html, f"table {table} missing from the HTML")

    browser = shutil.which("chromium")
    if not browser:
        failures.append("chromium is not installed (./run test installs it)")
    else:
        base = [browser, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", f"--user-data-dir={work / 'profile'}"]
        url = (out / "report.html").as_uri()
        dom = subprocess.run(base + ["--virtual-time-budget=10000", "--dump-dom", url],
                             capture_output=True, text=True, timeout=120).stdout
        check('data-images="loaded"' in dom, "the browser did not load every chart")
        for table in ("capital", "operating", "levelized", "cash_flow"):
            check(f'id="{table}"' in dom, f"table {table} not rendered")
        shot = work / "shot.png"
        subprocess.run(base + ["--window-size=1200,2400", f"--screenshot={shot}", url],
                       capture_output=True, timeout=120)
        png = shot.read_bytes() if shot.exists() else b""
        check(png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50000,
              f"screenshot missing or blank ({len(png)} bytes)")

    # A report that cannot be written leaves nothing: the parent does not exist.
    bad = work / "no" / "such" / "dir"
    r = subprocess.run([bin_, "cost", str(root / "flowsheets/one_cell_mea.ini"),
                        "--report", str(bad)], capture_output=True, text=True)
    check(r.returncode == 2 and not (work / "no").exists(),
          f"failed report: exit {r.returncode}, leftovers {list(work.iterdir())}")
finally:
    shutil.rmtree(work, ignore_errors=True)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("report: all files well formed; HTML renders with its charts")
