#!/usr/bin/env python3
"""The report's workbook is a live model: change an assumption in it, have a spreadsheet
engine recompute it, and the levelized cost it shows is the one `tandem cost` gives with the
same change on the command line (`--set scenario.KEY=VALUE`), and so are the emissions per
tonne of its Emissions sheet.

For each case the Assumptions sheet's cell is changed with openpyxl (which writes formulas
without their cached values), LibreOffice recalculates every formula when it converts the
file (`soffice --headless --convert-to xlsx`), and openpyxl reads the recomputed Summary.
Cases: the SOEC + MEA cascade under the base scenario (DCF with tax, MACRS, working capital,
an indirect cost, stack replacements, a by-product and a market price): unchanged, the
discount rate at 8 %, the tax rate at 30 %, the capacity factor at 0.8, the working capital
at 5 %, the grid's carbon intensity at 50 g/kWh (the emissions move, the cost does not); and
the Jouny CO case under its capital-recovery-factor scenario at 12 %. The
expected figures are tandem's own, from its C implementation of the cash flow
(src/tea/finance.c, checked by hand in tests/unit/test_finance.c): this test checks that the
spreadsheet's formulas are that model and that they read the Assumptions sheet.
Run by meson test with TANDEM_BIN and TANDEM_SOURCE_ROOT, with Debian's python3 (openpyxl)."""
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import openpyxl

bin_ = os.environ["TANDEM_BIN"]
root = pathlib.Path(os.environ["TANDEM_SOURCE_ROOT"])
work = pathlib.Path(tempfile.mkdtemp(prefix="tandem-workbook-"))
failures = []

EE4 = root / "flowsheets/seed/ee4_soec_mea_ozden2021.ini"
JOUNY = root / "flowsheets/validation/jouny2018_co.ini"
# name, flowsheet, label of the Assumptions cell, value in the sheet, --set of tandem; the
# workbooks are made with tandem's defaults, and one with stacks that last half a year (two
# replacements a year, written as 2 x the stack's installed cost)
CASES = [
    ("unchanged", EE4, None, None, None),
    ("half_year_stacks", EE4, None, None, "scenario.stack_life=0.5 yr"),
    ("discount", EE4, "discount rate", 0.08, "scenario.discount_rate=8 %"),
    ("tax", EE4, "income tax rate", 0.30, "scenario.tax_rate=30 %"),
    ("capacity", EE4, "capacity factor", 0.8, "scenario.capacity_factor=0.8"),
    ("working", EE4, "working capital, of fixed capital", 0.05,
     "scenario.working_capital=5 %"),
    ("crf", JOUNY, "discount rate", 0.12, "scenario.discount_rate=12 %"),
    # the grid's carbon intensity: the emissions move, the cost does not
    ("grid", EE4, "grid carbon intensity", 0.05, "scenario.carbon.electricity=50 g/kWh"),
]


def check(cond, what):
    if not cond:
        failures.append(what)


def tandem_cost(flowsheet, set_):
    args = [bin_, "cost", str(flowsheet), "--format", "json"]
    if set_:
        args += ["--set", set_]
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        failures.append(f"tandem cost {flowsheet.name} {set_}: {r.stderr}")
        return None
    d = json.loads(r.stdout)
    return dict(d["summary"], emissions=d["carbon"]["emissions"])


def summary(path):
    """label -> value of the recomputed Summary sheet."""
    ws = openpyxl.load_workbook(path, data_only=True)["Summary"]
    return {row[0].value: row[1].value for row in ws.iter_rows() if row[0].value}


try:
    books = {}
    for name, flowsheet, label, value, set_ in CASES:
        made_with = set_ if label is None else None  # a workbook made with the --set itself
        key = (flowsheet, made_with)
        if key in books:
            continue
        out = work / f"{flowsheet.stem}-{len(books)}"
        args = [bin_, "cost", str(flowsheet), "-o", str(out)]
        if made_with:
            args += ["--set", made_with]
        r = subprocess.run(args, capture_output=True, text=True)
        check(r.returncode == 0, f"cost -o for {flowsheet.name}: {r.stderr}")
        books[key] = out / "report.xlsx"
    edited = work / "edited"
    edited.mkdir()
    for name, flowsheet, label, value, set_ in CASES:
        wb = openpyxl.load_workbook(books[(flowsheet, set_ if label is None else None)])
        found = label is None
        for row in wb["Assumptions"].iter_rows():
            if label and row[0].value == label and not found:
                row[1].value = value
                found = True
        check(found, f"{name}: no `{label}` on the Assumptions sheet")
        wb.save(edited / f"{name}.xlsx")
    # one LibreOffice run recalculates them all
    calc = work / "calc"
    r = subprocess.run(["soffice", "--headless", f"-env:UserInstallation={(work / 'lo').as_uri()}",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(calc)] +
                       [str(edited / f"{c[0]}.xlsx") for c in CASES],
                       capture_output=True, text=True, timeout=240)
    check(r.returncode == 0, f"soffice: {r.stdout} {r.stderr}")
    for name, flowsheet, label, value, set_ in CASES:
        want = tandem_cost(flowsheet, set_)
        path = calc / f"{name}.xlsx"
        if want is None or not path.exists():
            check(False, f"{name}: no recomputed workbook")
            continue
        got = summary(path)
        lcop = got.get("levelized cost")
        expect = want["levelized_cost"]["value"]
        check(isinstance(lcop, (int, float)) and abs(lcop / expect - 1) < 1e-9,
              f"{name}: the recomputed workbook's levelized cost is {lcop} $/t, "
              f"tandem cost {'--set ' + set_ if set_ else ''} gives {expect} $/t")
        if want["market_price"]["value"] is not None:
            npv = got.get("NPV at the market price")
            expect = want["npv"]["value"]
            check(isinstance(npv, (int, float)) and abs(npv - expect) <= 1e-9 * abs(expect),
                  f"{name}: NPV {npv} $ against tandem's {expect} $")
        # the emissions per tonne (the Emissions sheet, its electricity at the grid's cell)
        em, expect = got.get("emissions per t of product, cradle to gate"), want["emissions"]["value"]
        check(isinstance(em, (int, float)) and abs(em - expect) <= 1e-9 * abs(expect),
              f"{name}: emissions {em} t/t against tandem's {expect} t/t")
        # the case must move a figure: an assumption that changes nothing is not tested
        if set_ and label:
            base = tandem_cost(flowsheet, None)
            moved = [k for k in ("levelized_cost", "emissions")
                     if base and abs(want[k]["value"] / base[k]["value"] - 1) > 1e-3]
            check(moved, f"{name}: the change moves neither the cost nor the emissions")
finally:
    shutil.rmtree(work, ignore_errors=True)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"workbook: {len(CASES)} cases recomputed by LibreOffice agree with tandem cost")
