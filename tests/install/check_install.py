#!/usr/bin/env python3
"""A new user's installation, end to end. `meson install --destdir` stages the build into a
temporary folder; then, with only the installed files:

- `tandem --version` names the installed data directory;
- from an empty folder outside the source tree a user writes a flowsheet, `tandem cost`s it
  (priced with the installed costs/base2023.ini) and `tandem compare`s it with an installed
  shipped flowsheet, every cost column filled; `cost --report` draws its charts with the
  installed tandem-graphics.so;
- $TANDEM_DATA comes before the installation; the build tree's program, run from the same
  empty folder, prices with the source tree's costs;
- docs/examples/price.c compiles against the installed headers, shared library and tandem.pc
  and prints the plant's figures;
- the manual page has a section for every command the tool lists, and renders without a
  warning; bash completion completes commands and options;
- the Python package is installed beside the library, names it in its _where.py, and solves
  the user's flowsheet with it.

The user's flowsheet: one CO2 -> CO cell at 3 V and FE 0.9 making 10 t/day of CO. Electric
energy per tonne of CO, by hand: 2 F V / (FE M) = 2 x 96485.332 x 3 / (0.9 x 0.028010 kg/mol)
= 22.964 GJ/t (no other unit uses electricity).
Run by meson test with TANDEM_BIN, TANDEM_SOURCE_ROOT, TANDEM_BUILD_ROOT and the install
layout (TANDEM_PREFIX, TANDEM_BINDIR, TANDEM_LIBDIR, TANDEM_DATADIR, TANDEM_MANDIR)."""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

env = os.environ
root = pathlib.Path(env["TANDEM_SOURCE_ROOT"])
build = pathlib.Path(env["TANDEM_BUILD_ROOT"])
work = pathlib.Path(tempfile.mkdtemp(prefix="tandem-install-"))
failures = []

# the user's flowsheet: one CO2 -> CO cell (the by-hand figures in the file's comment)
FLOWSHEET = (root / "tests" / "data" / "one_cell_co.ini").read_text()
GJ_PER_T = 2 * 96485.33212 * 3 / (0.9 * 0.028010) / 1e6  # J/kg to GJ/t


def check(cond, what):
    if not cond:
        failures.append(what)


def under(prefix_dir, sub):
    """An install directory below the staged prefix (meson gives them relative to it)."""
    p = pathlib.Path(sub)
    return prefix_dir / p if not p.is_absolute() else stage / p.relative_to("/")


def run(args, cwd, extra_env=None, drop=()):
    e = {k: v for k, v in env.items() if k not in drop}
    e.update(extra_env or {})
    return subprocess.run(args, cwd=cwd, env=e, capture_output=True, text=True, timeout=120)


try:
    stage = work / "stage"
    r = subprocess.run(["meson", "install", "-C", str(build), "--destdir", str(stage),
                        "--no-rebuild", "--quiet"], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"meson install failed:\n{r.stdout}\n{r.stderr}")
        sys.exit(1)
    prefix = stage / pathlib.Path(env["TANDEM_PREFIX"]).relative_to("/")
    bindir = under(prefix, env["TANDEM_BINDIR"])
    libdir = under(prefix, env["TANDEM_LIBDIR"])
    data = under(prefix, env["TANDEM_DATADIR"]) / "tandem"
    tandem = str(bindir / "tandem")
    # the user's session: nothing of tandem's in the environment, a folder of their own
    clean = ("TANDEM_DATA", "TANDEM_GRAPHICS", "TANDEM_SOURCE_ROOT")
    home = work / "home"
    home.mkdir()
    (home / "my_cell.ini").write_text(FLOWSHEET)

    r = run([tandem, "--version"], home, drop=clean)
    check(r.returncode == 0 and f"data: {data} (installed)" in r.stdout,
          f"--version does not name the installed data: {r.stdout}{r.stderr}")

    r = run([tandem, "cost", "my_cell.ini"], home, drop=clean)
    check(r.returncode == 0, f"cost of the user's flowsheet: exit {r.returncode}: {r.stderr}")
    check(str(data / "costs" / "base2023.ini") in r.stdout,
          f"not priced with the installed scenario: {r.stdout[:400]}")
    r = run([tandem, "solve", "my_cell.ini", "--format", "csv"], home, drop=clean)
    m = re.search(r"^summary,[^,]*,electric_energy,GJ/t,([0-9.eE+-]+)$", r.stdout, re.M)
    check(m and abs(float(m.group(1)) / GJ_PER_T - 1) < 1e-4,
          f"electricity per tonne {m and m.group(1)}, by hand {GJ_PER_T:.5f} GJ/t")

    shipped = data / "flowsheets" / "one_cell_mea.ini"
    r = run([tandem, "compare", "my_cell.ini", str(shipped), "--format", "csv"], home, drop=clean)
    check(r.returncode == 0, f"compare: exit {r.returncode}: {r.stderr}")
    lcop = [line.rsplit(",", 1)[1] for line in r.stdout.splitlines()
            if line.startswith("summary,") and ",levelized_cost,$/t," in line]
    check(len(lcop) == 2 and all(re.fullmatch(r"[0-9.eE+-]+", v) for v in lcop),
          f"compare leaves a cost column empty: {lcop} {r.stderr}")
    check("not priced" not in r.stderr, f"compare: {r.stderr}")

    r = run([tandem, "cost", "my_cell.ini", "-o", "report"], home, drop=clean)
    check(r.returncode == 0 and (home / "report" / "capital.svg").is_file() and
          (home / "report" / "report.xlsx").is_file(),
          f"cost -o report with the installed charts module: exit {r.returncode}: {r.stderr}")
    shutil.rmtree(home / "report", ignore_errors=True)

    # $TANDEM_DATA first: a copy of the cost data in a folder of the user's
    mine = work / "mydata"
    shutil.copytree(root / "costs", mine / "costs")
    r = run([tandem, "cost", "my_cell.ini"], home, extra_env={"TANDEM_DATA": str(mine)},
            drop=clean)
    check(r.returncode == 0 and str(mine / "costs" / "base2023.ini") in r.stdout,
          f"$TANDEM_DATA not used first: {r.stdout[:300]}{r.stderr}")

    # the build tree's program, from the same folder: the source tree's costs
    r = run([env["TANDEM_BIN"], "cost", "my_cell.ini"], home, drop=clean)
    check(r.returncode == 0 and str(root / "costs" / "base2023.ini") in r.stdout,
          f"the build tree's program does not price with the source tree's costs: "
          f"{r.stdout[:300]}{r.stderr}")
    r = run([env["TANDEM_BIN"], "--version"], home, drop=clean)
    check(f"data: {root} (source tree)" in r.stdout, f"build tree --version: {r.stdout}")

    # a C program of the user's against the installed library
    pc = libdir / "pkgconfig"
    check((pc / "tandem.pc").is_file(), "tandem.pc not installed")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "tandem",
                            f"--define-variable=prefix={prefix}"],
                           env={**env, "PKG_CONFIG_PATH": str(pc)}, capture_output=True,
                           text=True)
    check(flags.returncode == 0, f"pkg-config tandem: {flags.stderr}")
    sanitize = env.get("TANDEM_SANITIZE", "none")
    extra = [] if sanitize in ("", "none") else [f"-fsanitize={sanitize}"]
    exe = work / "price"
    r = subprocess.run([env.get("CC", "cc"), "-std=c11", "-Wall", "-Wextra", "-Werror", *extra,
                        str(root / "docs/examples/price.c"), "-o", str(exe),
                        *flags.stdout.split()], capture_output=True, text=True)
    check(r.returncode == 0, f"docs/examples/price.c does not build against the installed "
                             f"library: {r.stderr}")
    if r.returncode == 0:
        r = run([str(exe), "my_cell.ini"], home, extra_env={"LD_LIBRARY_PATH": str(libdir)},
                drop=clean)
        m = re.search(r"^electricity\s+([0-9.eE+-]+) GJ/t$", r.stdout, re.M)
        check(r.returncode == 0 and m and abs(float(m.group(1)) / GJ_PER_T - 1) < 1e-4,
              f"the example program: exit {r.returncode}: {r.stdout}{r.stderr}")
        check("main product      10 t/day" in r.stdout, f"the example's product: {r.stdout}")
        # it links the installed shared library, not a copy of the objects
        ldd = subprocess.run(["ldd", str(exe)], capture_output=True, text=True,
                             env={**env, "LD_LIBRARY_PATH": str(libdir)})
        check(str(libdir / "libtandem.so.0") in ldd.stdout, f"price links: {ldd.stdout}")

    # the Python package beside the library: its _where.py names the installed library, and
    # Debian's Python, given the staged folder, solves the user's flowsheet with it
    wheres = list(stage.rglob("tandem/_where.py"))
    check(len(wheres) == 1, f"the Python package is not installed once: {wheres}")
    debian_python = pathlib.Path("/usr/bin/python3")
    if len(wheres) == 1 and debian_python.exists():
        installed = pathlib.Path(env["TANDEM_PREFIX"]) / env["TANDEM_LIBDIR"] / "libtandem.so.0"
        check(f'INSTALLED_LIBRARY = "{installed}"' in wheres[0].read_text(),
              f"_where.py does not name {installed}: {wheres[0].read_text()}")
        preload = {}
        if "address" in sanitize:
            preload = {"LD_PRELOAD": subprocess.run(
                [env.get("CC", "cc"), "-print-file-name=libasan.so"], capture_output=True,
                text=True).stdout.strip(), "ASAN_OPTIONS": "detect_leaks=0"}
        r = run([str(debian_python), "-c",
                 "import tandem; print(tandem.load('my_cell.ini').solve()"
                 ".summary['electric_energy'].to('GJ/t'))"],
                home, extra_env={"PYTHONPATH": str(wheres[0].parent.parent),
                                 "TANDEM_LIBRARY": str(libdir / "libtandem.so.0"), **preload},
                drop=clean + ("PYTHONPATH",))
        m = re.match(r"([0-9.eE+-]+) GJ/t$", r.stdout.strip())
        check(r.returncode == 0 and m and abs(float(m.group(1)) / GJ_PER_T - 1) < 1e-4,
              f"the installed Python package: exit {r.returncode}: {r.stdout}{r.stderr[-800:]}")

    # the manual page: every command the tool lists has its section
    man = under(prefix, env["TANDEM_MANDIR"]) / "man1" / "tandem.1"
    check(man.is_file(), "tandem.1 not installed")
    if man.is_file():
        page = man.read_text()
        listed = re.findall(r"^  ([a-z]+) ", run([tandem, "--help"], home).stdout, re.M)
        check(len(listed) >= 15, f"tandem --help lists {listed}")
        for c in listed:
            check(f".SS {c}\n" in page, f"tandem.1 has no section for {c}")
        if shutil.which("man"):
            r = subprocess.run(["man", "--warnings", "-l", str(man)], capture_output=True,
                               text=True, env={**env, "MANWIDTH": "100", "MAN_KEEP_FORMATTING": ""})
            check(r.returncode == 0 and not r.stderr.strip() and "tandem cost FILE" in r.stdout,
                  f"man -l tandem.1: {r.stderr[:500]}")

    # bash completion: commands, a command's options, a flowsheet's units after --set
    comp = under(prefix, env["TANDEM_DATADIR"]) / "bash-completion" / "completions" / "tandem"
    check(comp.is_file(), "bash completion not installed")
    if comp.is_file() and shutil.which("bash"):
        script = (f'source "{comp}"; '
                  'COMP_WORDS=(tandem co); COMP_CWORD=1; _tandem; echo "${COMPREPLY[*]}"; '
                  'COMP_WORDS=(tandem cost --sc); COMP_CWORD=2; _tandem; echo "${COMPREPLY[*]}"; '
                  'COMP_WORDS=(tandem solve my_cell.ini --set c); COMP_CWORD=4; _tandem; '
                  'echo "${COMPREPLY[*]}"')
        r = run(["bash", "-c", script], home, extra_env={"PATH": f"{bindir}:{env['PATH']}"})
        lines = r.stdout.splitlines()
        check(lines == ["compare cost", "--scenario", "co2. cell."],
              f"bash completion gives {lines} {r.stderr}")
finally:
    shutil.rmtree(work, ignore_errors=True)

for f in failures:
    print("FAIL:", f)
sys.exit(1 if failures else 0)
