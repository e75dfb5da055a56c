#!/usr/bin/env python3
"""Outputs under pressure: a document is whole or absent, and the run says why.

- Memory: with allocations over 4 MB refused (AddressSanitizer's max_allocation_size_mb, the
  suite's build), a 250,000-point sweep's CSV (some 7 MB) to standard output is refused with
  exit 2 and nothing printed (glibc's open_memstream dropped what did not fit and the run
  printed part of it with exit 0), and the same sweep into a file is written whole: a file is
  written as it is made, not held in memory.
- File size: past `ulimit -f` the run exits 2 saying "File too large" and leaves no
  temporary file (it died of SIGXFSZ, silently, leaving *.tmp-* behind).
- GLPK's memory: past $TANDEM_GLPK_MB the run says so and exits 2 (GLPK aborted: exit 134).
- Inputs: `diagram -o` onto a performance map the flowsheet reads is refused and leaves it
  as it was.
- Signals: SIGTERM while `dot` draws ends `dot` too, and no file is left.
Run by meson test with TANDEM_BIN, TANDEM_SOURCE_ROOT and TANDEM_SANITIZE."""
import os
import pathlib
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

bin_ = os.environ["TANDEM_BIN"]
root = pathlib.Path(os.environ["TANDEM_SOURCE_ROOT"])
work = pathlib.Path(tempfile.mkdtemp(prefix="tandem-pressure-"))
failures = []
# the cell with a fixed voltage (tests/data/one_cell_fixed.ini): its voltage is a key to sweep
ONE = str(root / "tests" / "data" / "one_cell_fixed.ini")
SWEEP = ["sweep", ONE, "--vary", "cell.cell_voltage=3..4:250000", "--output",
         "electric_energy,product_rate", "--format", "csv"]


def check(cond, what):
    if not cond:
        failures.append(what)


def run(args, env=None, limit=None):
    def pre():
        if limit:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return subprocess.run([bin_, *args], capture_output=True, cwd=work, timeout=300,
                          env={**os.environ, **(env or {})}, preexec_fn=pre)


try:
    if "address" in os.environ.get("TANDEM_SANITIZE", ""):
        small = {"ASAN_OPTIONS": "detect_leaks=1:allocator_may_return_null=1:"
                                 "max_allocation_size_mb=4"}
        r = run(SWEEP, env=small)
        check(r.returncode == 2 and r.stdout == b"" and b"out of memory" in r.stderr,
              f"a sweep too large for memory on standard output: exit {r.returncode}, "
              f"{len(r.stdout)} bytes out, {r.stderr[-300:]!r}")
        r = run(SWEEP + ["-o", "sweep.csv"], env=small)
        lines = (work / "sweep.csv").read_bytes().count(b"\n") if r.returncode == 0 else 0
        check(r.returncode == 0 and lines == 250001,
              f"the same sweep into a file: exit {r.returncode}, {lines} lines, "
              f"{r.stderr[-300:]!r}")
    else:
        print("(memory: a build without AddressSanitizer has no allocation limit to set)")

    for f in work.glob("sweep.csv"):
        f.unlink()
    small_sweep = [a.replace(":250000", ":5000") for a in SWEEP]
    r = run(small_sweep + ["-o", "sweep.csv"], limit=20_000)
    check(r.returncode == 2 and b"File too large" in r.stderr,
          f"past the file-size limit: exit {r.returncode}, {r.stderr[-300:]!r}")
    left = sorted(p.name for p in work.iterdir())
    check(left == [], f"past the file-size limit the run left {left}")

    # GLPK out of memory (its limit set to 1 MiB): a message and exit 2, nothing on standard
    # output (it called abort(), exit 134, its message on standard output)
    lines = ["[flowsheet]", "main_product = CO2", "", "[feed]", "kind = feed", "out = s0",
             "composition.CO2 = 1", "flow = 1 mol/s", ""]
    for i in range(3000):
        lines += [f"[h{i}]", "kind = heater", f"in = s{i}", f"out = s{i + 1}",
                  "temperature = 30 C", ""]
    lines += ["[p]", "kind = product", "in = s3000", ""]
    (work / "chain.ini").write_text("\n".join(lines))
    r = run(["solve", "chain.ini"], env={"TANDEM_GLPK_MB": "1"})
    check(r.returncode == 2 and r.stdout == b"" and
          b"the linear solver (GLPK) ran out of memory" in r.stderr,
          f"GLPK out of memory: exit {r.returncode}, {r.stdout[:200]!r} {r.stderr[-300:]!r}")
    r = run(["solve", "chain.ini"])
    check(r.returncode == 0, f"the chain without a limit: exit {r.returncode}")
    (work / "chain.ini").unlink()

    # a performance map the flowsheet reads, and diagram -o onto it
    (work / "map.csv").write_text(
        "point,current_density,cell_voltage,fe.CO,fe.H2,source\n"
        "low,100 mA/cm2,2.8 V,0.95,rest,test\nhigh,300 mA/cm2,3.4 V,0.90,rest,test\n")
    (work / "plant.ini").write_text(
        "[flowsheet]\nmain_product = CO\n\n[co2]\nkind = feed\nout = fresh\n"
        "composition.CO2 = 1\n\n[cell]\nkind = electrolyzer\nin = fresh\ncathode_out = gas\n"
        "anode_out = o2\nkey_reactant = CO2\noperating_points = map.csv\nshare.low = rest\n"
        "area = 100 m2\nsingle_pass_conversion = 0.5\ncarbonate_crossover = 0.25\n\n"
        "[product]\nkind = product\nin = gas\n\n[vent]\nkind = product\nrole = vent\n"
        "species = O2\nin = o2\n")
    before = (work / "map.csv").read_bytes()
    r = run(["diagram", "plant.ini", "-o", "map.csv"])
    check(r.returncode == 2 and b"one of the files this run read" in r.stderr,
          f"diagram -o onto the map: exit {r.returncode}, {r.stderr[-300:]!r}")
    check((work / "map.csv").read_bytes() == before, "diagram -o overwrote the map")

    # SIGTERM while `dot` draws: dot dies with tandem and no file is left (an orphaned dot
    # went on and wrote a temporary file after tandem had cleaned up). The `dot` found first
    # on PATH here notes its process id and sleeps.
    bindir = work / "bin"
    bindir.mkdir()
    (bindir / "dot").write_text("#!/bin/sh\necho $$ > \"$DOT_PID\"\nexec sleep 60\n")
    (bindir / "dot").chmod(0o755)
    pidfile = work / "dot.pid"
    # (no pipes: `dot` inherits tandem's standard error, and waiting for its end would
    # wait for dot's)
    p = subprocess.Popen([bin_, "diagram", ONE, "-o", "plant.svg"], cwd=work,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env={**os.environ, "PATH": f"{bindir}:{os.environ['PATH']}",
                              "DOT_PID": str(pidfile)})
    for _ in range(300):
        if pidfile.exists() and pidfile.read_text().strip():
            break
        time.sleep(0.05)
    dot_pid = int(pidfile.read_text()) if pidfile.exists() and pidfile.read_text().strip() else 0
    p.send_signal(signal.SIGTERM)
    p.wait(timeout=60)
    check(p.returncode == -signal.SIGTERM, f"diagram under SIGTERM: exit {p.returncode}")
    alive = dot_pid > 0
    for _ in range(100):
        try:
            os.kill(dot_pid, 0)
        except ProcessLookupError:
            alive = False
            break
        time.sleep(0.05)
    check(dot_pid > 0 and not alive, f"`dot` ({dot_pid}) outlived tandem's SIGTERM")
    if alive:
        os.kill(dot_pid, signal.SIGKILL)
    shutil.rmtree(bindir)
    pidfile.unlink()
    left = sorted(p.name for p in work.iterdir() if p.name not in ("map.csv", "plant.ini"))
    check(left == [], f"diagram under SIGTERM left {left}")
finally:
    shutil.rmtree(work, ignore_errors=True)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("pressure: whole or absent, with the reason")
