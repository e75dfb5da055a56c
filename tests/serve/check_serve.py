#!/usr/bin/python3
"""`tandem serve` in headless Chromium, driven by Selenium (Debian's python3-selenium and
chromium-driver): the page loads with a slider per parameter of seed/ee4's [uncertainty]
section; moving the MEA cell-voltage slider with the arrow keys solves the flowsheet again,
and the levelized cost and emissions the page then shows are the ones `tandem cost --set`
prints for the slider's value; the diagram loads; a screenshot is a real image. Run by meson test with
TANDEM_BIN and TANDEM_SOURCE_ROOT."""
import os
import re
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

bin_ = os.environ["TANDEM_BIN"]
root = os.environ["TANDEM_SOURCE_ROOT"]
flowsheet = os.path.join(root, "flowsheets", "seed", "ee4_soec_mea_ozden2021.ini")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def wait(driver, script, seconds=30):
    """Waits until the script returns something true; returns it."""
    end = time.time() + seconds
    while time.time() < end:
        v = driver.execute_script(script)
        if v:
            return v
        time.sleep(0.05)
    raise TimeoutError(script)


def settled(driver):
    """Waits until no solve is running or waiting, and returns the shown levelized cost."""
    wait(driver, "return document.body.dataset.solved && !busy && !pending")
    return driver.find_element(By.ID, "levelized_cost").text


server = subprocess.Popen([bin_, "serve", flowsheet, "--port", "0"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)
driver = None
work = tempfile.mkdtemp(prefix="tandem-serve-")
try:
    line = server.stdout.readline()
    url = re.search(r"http://127\.0\.0\.1:\d+/", line)
    check(url is not None, f"no address printed: {line!r}")
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1800",
              "--disable-dev-shm-usage"):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    driver.get(url.group(0))
    before = settled(driver)
    # names and units go into the page's HTML through esc(): markup in them stays text
    escaped = driver.execute_script("return esc('<b a=\\'1\\'>&\"</b>')")
    check(escaped == "&#60;b a=&#39;1&#39;&#62;&#38;&#34;&#60;/b&#62;",
          f"esc() gave {escaped!r}")
    sliders = driver.find_elements(By.CSS_SELECTOR, "input[type=range]")
    check(len(sliders) == 7, f"{len(sliders)} sliders, the [uncertainty] section has 7")
    # the MEA's current density: its voltage and FE follow through the cell's model, on the
    # page as in `tandem cost`
    slider = driver.find_element(By.CSS_SELECTOR, "input[data-name='mea.current_density']")
    slider.click()
    for _ in range(15):
        slider.send_keys(Keys.ARROW_RIGHT)
    after = settled(driver)
    value = driver.execute_script("return arguments[0].value", slider)
    check(after != before, f"the levelized cost did not change ({before} -> {after})")
    out = subprocess.run([bin_, "cost", flowsheet, "--set", f"mea.current_density={value} mA/cm2"],
                         capture_output=True, text=True)
    m = re.search(r"^\s*levelized cost\s+([\d.,]+) \$/t", out.stdout, re.M)
    check(m is not None, f"tandem cost printed no levelized cost:\n{out.stdout}{out.stderr}")
    if m:
        cli = float(m.group(1).replace(",", ""))
        page = float(after.replace(",", ""))
        check(abs(cli - page) <= 1e-3 * cli,
              f"page {page} $/t, tandem cost {cli} $/t at mea.current_density = {value} mA/cm2")
    # the emissions per tonne are on the page too, as `tandem cost` counts them there
    m = re.search(r"^\s*emissions, cradle to gate\s+([-\d.,]+)$", out.stdout, re.M)
    shown = driver.find_element(By.ID, "emissions").text
    check(m is not None and abs(float(shown) - float(m.group(1))) <= 1e-3 * abs(float(m.group(1))),
          f"page emissions {shown} t/t, tandem cost {m.group(1) if m else None} at "
          f"mea.current_density = {value} mA/cm2")
    # the MEA's voltage and FE are on the page, and moved with its current density to what
    # `tandem solve` gives at that current density
    volts = driver.find_element(By.ID, "mea.cell_voltage").text
    fe = driver.find_element(By.ID, "mea.fe.C2H4").text
    out = subprocess.run([bin_, "solve", flowsheet, "--format", "csv", "--set",
                          f"mea.current_density={value} mA/cm2"], capture_output=True, text=True)
    row = {l.split(",")[2]: float(l.split(",")[4]) for l in out.stdout.splitlines()
           if l.startswith("unit,mea,") and l.split(",")[3]}  # numbers with a unit, not text
    check(abs(float(volts) - row.get("cell_voltage", 0)) <= 2e-3 * float(volts),
          f"page V {volts}, tandem solve {row.get('cell_voltage')} at {value} mA/cm2")
    check(abs(float(fe) - row.get("fe.C2H4", 0)) <= 2e-3 * float(fe),  # both in %
          f"page FE {fe} %, tandem solve {row.get('fe.C2H4')} at {value} mA/cm2")
    check(abs(float(volts) - 2.791) > 0.01,
          f"the MEA's voltage did not move from the file's 2.791 V: {volts}")
    wait(driver, "const i = document.getElementById('diagram-img');"
                 "return i.complete && i.naturalWidth > 0")
    shot = os.path.join(work, "serve.png")
    driver.save_screenshot(shot)
    with open(shot, "rb") as f:
        head = f.read(8)
    check(head == b"\x89PNG\r\n\x1a\n" and os.path.getsize(shot) > 20000,
          f"the screenshot is not an image of the page ({os.path.getsize(shot)} bytes)")
    # a value outside the slider's range is refused by the server with a message
    import urllib.request
    import json
    r = json.load(urllib.request.urlopen(url.group(0) + "api/solve?p3=99"))
    check(not r["ok"] and "outside" in r["error"], f"p3=99 answered {r}")
    # an empty value or text after the number is no number (strtod reads "" as 0)
    r = json.load(urllib.request.urlopen(url.group(0) + "api/solve?p3="))
    check(not r["ok"] and "is not a number" in r["error"], f"p3= answered {r}")
except Exception as e:  # a timeout or a browser that does not start
    failures.append(f"{type(e).__name__}: {e}")
finally:
    if driver:
        driver.quit()
    server.terminate()
    server.wait(timeout=10)

for f in failures:
    print(f, file=sys.stderr)
print(f"serve: {len(failures)} failures")
sys.exit(1 if failures else 0)
