#!/usr/bin/env python3
"""Every chart tandem draws fits its page: each one the commands make (the cost report's
five, compare's two, energy, heat, a Pareto front of one point, a sweep's line and map, a Monte
Carlo histogram, a tornado, dispatch's week and load duration curves) is opened in headless Chromium, which lays out every text of the
SVG; each text's box must lie inside the drawing, no text is an axis multiplier such as
"(x10^4)" (which PLplot put in a corner, half off the page), and no label is cut short
("electricity: electrolyzers" was cut to 25 characters). A PNG of each chart is kept in
$TANDEM_CHART_PNG when that is set, to look at.
Run by meson test with TANDEM_BIN and TANDEM_SOURCE_ROOT, with Debian's python3 (Selenium)."""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

bin_ = os.environ["TANDEM_BIN"]
root = pathlib.Path(os.environ["TANDEM_SOURCE_ROOT"])
work = pathlib.Path(tempfile.mkdtemp(prefix="tandem-charts-"))
keep = os.environ.get("TANDEM_CHART_PNG")
failures = []
EE4 = str(root / "flowsheets/seed/ee4_soec_mea_ozden2021.ini")
EE1 = str(root / "flowsheets/seed/ee1_nin_cu_moller2023.ini")
TWO = str(root / "flowsheets/tutorial/02_two_cells.ini")  # cell 2's voltage and FE follow
ONE = str(root / "flowsheets/one_cell_mea.ini")


def check(cond, what):
    if not cond:
        failures.append(what)


def run(*args):
    r = subprocess.run([bin_, *args], capture_output=True, text=True, timeout=120)
    check(r.returncode == 0, f"tandem {' '.join(args)}: exit {r.returncode}: {r.stderr}")


# every text's box in the SVG's own units, and the drawing's size
MEASURE = """
const svg = document.querySelector('svg');
const box = svg.getBoundingClientRect();
const vb = svg.viewBox.baseVal;
const sx = vb.width / box.width, sy = vb.height / box.height;
return {w: vb.width, h: vb.height, texts: Array.from(svg.querySelectorAll('text')).map(t => {
    const r = t.getBoundingClientRect();
    return {s: t.textContent, x0: (r.left - box.left) * sx, x1: (r.right - box.left) * sx,
            y0: (r.top - box.top) * sy, y1: (r.bottom - box.top) * sy};
})};
"""

driver = None
try:
    charts = {}
    run("cost", EE4, "-o", str(work / "report"))
    for n in ("capital", "operating", "cash_flow", "tornado", "emissions"):
        charts[f"report {n}"] = work / "report" / f"{n}.svg"
    run("dispatch", str(root / "flowsheets/soec_mea_buffer.ini"), "--profile",
        str(root / "costs/profiles/amarillo_2012_solar.csv"), "--supply", "1500MW", "--days", "12",
        "--set", "soec.min_load=0", "--week-chart", str(work / "week.svg"), "--duration-chart",
        str(work / "duration.svg"))
    charts["dispatch week"] = work / "week.svg"
    charts["dispatch duration"] = work / "duration.svg"
    run("compare", ONE, EE4, EE1, "--emissions-chart", str(work / "compare_emissions.svg"))
    charts["compare emissions"] = work / "compare_emissions.svg"
    plain = {
        "compare": ("compare", ONE, EE4, EE1),
        "energy": ("energy", EE4),
        "heat": ("heat", EE4),
        "front of one point": ("optimize", ONE, "--pareto", "3"),
        "sweep": ("sweep", TWO, "--vary", "cell2.single_pass_conversion=0.2..0.8:5"),
        "map": ("sweep", TWO, "--vary", "cell2.single_pass_conversion=0.2..0.8:3", "--vary",
                "cell2.current_density=300..900:3", "--output", "levelized_cost"),
        "histogram": ("mc", EE4, "--samples", "500"),
        "tornado": ("tornado", EE4),
    }
    for name, args in plain.items():
        path = work / (name.replace(" ", "_") + ".svg")
        run(*args, "--chart", str(path))
        charts[name] = path
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,747",
              "--hide-scrollbars", "--disable-dev-shm-usage"):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    shown = {}
    for name, path in charts.items():
        if not path.exists():
            check(False, f"{name}: no chart")
            continue
        driver.get(path.as_uri())
        m = driver.execute_script(MEASURE)
        texts = [t for t in m["texts"] if t["s"].strip()]
        shown[name] = [t["s"] for t in texts]
        check(len(texts) >= 3, f"{name}: only {len(texts)} texts")
        for t in texts:
            inside = (t["x0"] >= -0.5 and t["y0"] >= -0.5 and t["x1"] <= m["w"] + 0.5 and
                      t["y1"] <= m["h"] + 0.5)
            check(inside, f"{name}: `{t['s']}` lies outside the {m['w']:.0f} x {m['h']:.0f} "
                          f"drawing ({t['x0']:.0f}..{t['x1']:.0f}, {t['y0']:.0f}..{t['y1']:.0f})")
            check("x10" not in t["s"], f"{name}: an axis multiplier `{t['s']}`")
        if keep:
            pathlib.Path(keep).mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(pathlib.Path(keep) / (path.stem + ".png")))
    # the labels are whole: the operating chart names the electrolyzers' electricity in full
    check("electricity: electrolyzers" in shown.get("report operating", []),
          f"a label of the operating chart is cut: {shown.get('report operating')}")
    check("gas_cooler: heat_exchanger" in shown.get("report capital", []),
          f"a label of the capital chart is cut: {shown.get('report capital')}")
    check("carbonate losses (anode gas vented)" in shown.get("report emissions", []) or
          "CO2 supply (capture)" in shown.get("report emissions", []),
          f"a label of the emissions chart is cut: {shown.get('report emissions')}")
    check("ee4_soec_mea_ozden2021" in shown.get("compare emissions", []),
          f"the emissions chart names no flowsheet: {shown.get('compare emissions')}")
finally:
    if driver:
        driver.quit()
    shutil.rmtree(work, ignore_errors=True)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print(f"charts: {len(charts)} charts, every text inside its drawing")
