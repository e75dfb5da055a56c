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
             "report.xlsx", "capital.svg", "operating.svg", "cash_flow.svg", "tornado.svg"]
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

    for n in ("capital.svg", "operating.svg", "cash_flow.svg", "tornado.svg"):
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
    for table in ("assumptions", "sensitivity", "capital", "operating", "levelized", "cash_flow"):
        check(f'<table id="{table}">' in html, f"table {table} missing from the HTML")
    check(html.index('id="assumptions"') < html.index('id="capital"'),
          "the report does not open with its assumptions")

    # The assumptions: every value of the scenario file with its source; defaults said so
    md = (out / "report.md").read_text()
    rows = [line.split(" | ") for line in md.splitlines()
            if line.startswith("| ") and "base2023.ini:" in line]
    check(len(rows) >= 15, f"only {len(rows)} assumptions come from the scenario file")
    check(all("(no source given)" not in " | ".join(r) for r in rows),
          "a value of costs/base2023.ini shows no source")
    for want in ("| discount rate | 10 % | assumed |", "| income tax rate | 21 % | US federal",
                 "| operating hours | 8400 h/yr |", "| contractor_contingency | 18 % of direct cost",
                 "| electricity | 0.0815 $/kWh (2023 $) | US industrial average",
                 "Nothing was changed on the command line"):
        check(want in md, f"report.md lacks `{want}`")
    assumptions = doc["assumptions"]
    check(any(a["name"] == "discount rate" and a["value"] == "10 %" and a["source"] == "assumed"
              for a in assumptions), "report.json: the discount rate's assumption")

    # The levelized cost by component in the JSON, as the text shows it: they sum to it
    parts = doc["levelized"]
    total = sum(c["cost"]["value"] for c in parts)
    check(abs(total - doc["summary"]["levelized_cost"]["value"]) < 1e-6 * total,
          f"the components sum to {total}, not the levelized cost")
    names_ = [c["component"] for c in parts]
    check(names_[:2] == ["capital", "replacements"] and names_[-1].startswith("taxes") and
          "electricity: electrolyzers" in names_, f"components {names_}")
    check([i["name"] for i in doc["indirect"]] == ["contractor_contingency"],
          f"indirect costs by name: {doc['indirect']}")
    for key in ("levelized_capital", "levelized_replacement", "levelized_rest", "direct",
                "indirect", "working_capital"):
        check(key in doc["summary"], f"summary.{key} missing from the JSON")

    # The sensitivity: one_cell_mea has no [uncertainty] section, so each electrolyzer key
    # +-10 % and the electricity price +-25 %. The levelized cost is linear in the operating
    # cost: electricity at 1.25 and 0.75 times its price moves it by 0.5 x the electricity
    # lines' $/t (the DCF's tax shields the cost and the revenue alike: no other term moves).
    sens = [line.split(" | ") for line in md.split("## Sensitivity")[1].split("## Capital")[0]
            .splitlines() if line.startswith("| ") and "$/kWh" in line]
    elec = sum(c["cost"]["value"] for c in parts if c["component"].startswith("electricity"))
    check(len(sens) == 1 and abs(float(sens[0][5]) / (0.5 * elec) - 1) < 2e-3,
          f"electricity swing {sens} against 0.5 x {elec} $/t")
    check("cell.cathode_overpotential" in md and "cell.current_density" in md and
          "assumed range" in md, "the default parameters")

    # A value from --set says so, in the table and in a sentence
    out2 = work / "report2"
    r = subprocess.run([bin_, "cost", str(root / "flowsheets/one_cell_mea.ini"), "-o", str(out2),
                        "--set", "scenario.discount_rate=8 %",
                        "--set", "scenario.prices.electricity=0.05 $/kWh"],
                       capture_output=True, text=True)
    check(r.returncode == 0, f"cost --set -o: {r.stderr}")
    md2 = (out2 / "report.md").read_text() if r.returncode == 0 else ""
    for want in ("| discount rate | 8 % | the command line | --set scenario.discount_rate |",
                 "| electricity | 0.05 $/kWh (2023 $) | the command line | "
                 "--set scenario.prices.electricity |",
                 "Changed on the command line: discount rate = 8 %; electricity = 0.05 $/kWh"):
        check(want in md2, f"report.md with --set lacks `{want}`")

    # With an [uncertainty] section, its parameters and their sources
    out3 = work / "report3"
    r = subprocess.run([bin_, "cost", str(root / "flowsheets/seed/ee4_soec_mea_ozden2021.ini"),
                        "-o", str(out3)], capture_output=True, text=True)
    md3 = (out3 / "report.md").read_text() if r.returncode == 0 else ""
    check("the flowsheet's [uncertainty] section" in md3 and
          "| mea.current_density | 100.0 mA/cm2 | 300.0 mA/cm2 |" in md3 and "[S1], [A4]" in md3,
          "the [uncertainty] section's tornado")

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
        for table in ("assumptions", "sensitivity", "capital", "operating", "levelized",
                      "cash_flow"):
            check(f'id="{table}"' in dom, f"table {table} not rendered")
        shot = work / "shot.png"
        subprocess.run(base + ["--window-size=1200,2400", f"--screenshot={shot}", url],
                       capture_output=True, timeout=120)
        png = shot.read_bytes() if shot.exists() else b""
        check(png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 50000,
              f"screenshot missing or blank ({len(png)} bytes)")

    # A report replaces the one before it as a whole: the directory is exchanged in one step
    # (files renamed one by one left half-new, half-old reports after a failure, and mixed two
    # concurrent runs' files), and every file then names the new flowsheet. Runs side by side
    # into one directory each leave a report of one flowsheet.
    inode = (out / "report.json").parent.stat().st_ino
    ee4 = str(root / "flowsheets/seed/ee4_soec_mea_ozden2021.ini")
    r = subprocess.run([bin_, "cost", ee4, "-o", str(out)], capture_output=True, text=True)
    check(r.returncode == 0, f"a report over a report: {r.stderr}")
    check(out.stat().st_ino != inode, "the report directory was not replaced as a whole")
    check(json.loads((out / "report.json").read_text())["flowsheet"].endswith("ozden2021.ini") and
          "ozden2021" in (out / "report.md").read_text(), "files of two reports")
    check(not any(".tmp-" in p.name for p in work.iterdir()), "a working directory was left")
    both = work / "both"
    one_cell = str(root / "flowsheets/one_cell_mea.ini")
    for round_ in range(3):
        runs = [subprocess.Popen([bin_, "cost", f, "-o", str(both)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL) for f in (one_cell, ee4)]
        for p_ in runs:
            p_.wait()
        flow = (both / "cash_flow.csv").read_text()
        check(bool(flow), f"round {round_}: no cash flow")
        md_is_ee4 = "ozden2021" in (both / "report.md").read_text()
        json_is_ee4 = "ozden2021" in (both / "report.json").read_text()
        check(md_is_ee4 == json_is_ee4, f"round {round_}: report.md and report.json of two runs")
    # a directory of other files is refused, and kept as it was
    other = work / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    r = subprocess.run([bin_, "cost", one_cell, "-o", str(other)], capture_output=True, text=True)
    check(r.returncode == 2 and "holds files that are not a report's" in r.stderr and
          sorted(p.name for p in other.iterdir()) == ["notes.txt"],
          f"a directory of other files: exit {r.returncode}, {r.stderr}")

    # The same input gives the same bytes, the workbook included (it carried the time it was
    # written)
    again = work / "again"
    r = subprocess.run([bin_, "cost", ee4, "-o", str(again)], capture_output=True, text=True)
    for n in names:
        check((again / n).read_bytes() == (out / n).read_bytes(), f"{n} differs between two runs")

    # Text that a spreadsheet would run or a browser would render stays text: an equipment row
    # whose source opens with = or +, a flowsheet whose title holds markup
    hostile = work / "hostile"
    hostile.mkdir()
    rows = (root / "costs/equipment.csv").read_text().splitlines()
    for i, row in enumerate(rows):
        if row.startswith("electrolyzer_jouny2018,"):
            rows[i] = row[:row.rindex(',"')] + ',"=SUM(A1)",,'
        if row.startswith("psa_jouny2018,"):
            rows[i] = row[:row.rindex(',"')] + ',"+cmd|\' /C calc\'!A0",,'
    (hostile / "equipment.csv").write_text("\n".join(rows) + "\n")
    scen = (root / "costs/jouny2018.ini").read_text()
    scen = scen.replace("equipment = equipment.csv", "equipment = equipment.csv")
    scen = scen.replace("prices = prices_jouny2018.csv",
                        f"prices = {root / 'costs/prices_jouny2018.csv'}")
    scen = scen.replace("index = cepci.csv", f"index = {root / 'costs/cepci.csv'}")
    (hostile / "scenario.ini").write_text(scen)
    plant = (root / "flowsheets/validation/jouny2018_co.ini").read_text()
    plant = "\n".join(l for l in plant.splitlines() if not l.startswith("scenario ="))
    plant = plant.replace("[flowsheet]", "[flowsheet]\ntitle = <img src=x onerror=alert(1)>", 1)
    if "\ntitle = <img" in plant and plant.count("\ntitle =") > 1:
        lines = plant.splitlines()
        first = next(i for i, l in enumerate(lines) if l.startswith("title = <img"))
        lines = [l for i, l in enumerate(lines) if i == first or not l.startswith("title =")]
        plant = "\n".join(lines)
    (hostile / "plant.ini").write_text(plant + "\n")
    r = subprocess.run([bin_, "cost", str(hostile / "plant.ini"), "--scenario",
                        str(hostile / "scenario.ini"), "-o", str(hostile / "rep")],
                       capture_output=True, text=True)
    check(r.returncode == 0, f"the hostile report: {r.stderr}")
    if r.returncode == 0:
        lines_csv = (hostile / "rep" / "cost_lines.csv").read_text()
        check('"\'=SUM(A1)"' in lines_csv and '"\'+cmd|' in lines_csv and
              ',"=SUM' not in lines_csv and ',"+cmd' not in lines_csv,
              "cost_lines.csv writes a formula a spreadsheet would run")
        md_text = (hostile / "rep" / "report.md").read_text()
        check("<img" not in md_text and "&lt;img src=x onerror=alert(1)&gt;" in md_text,
              "report.md passes markup through")

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
