#!/usr/bin/env python3
"""The Python package's tests (pytest, Debian's python3-pytest), run by meson test with
Debian's Python (where numpy, pandas, matplotlib and Jupyter are installed).

The package loads the build's libtandem.so ($TANDEM_LIBRARY). On a build with
AddressSanitizer the library needs the sanitizer's runtime loaded first: this script runs
pytest again with it preloaded (LD_PRELOAD, from the compiler in $CC), leak detection off
(Python's own memory is no leak of tandem's), and a small quarantine, so that the memory a
loop of solves holds shows what it keeps rather than what the sanitizer holds back. A
process the tests start (a fresh virtual environment, the notebook's kernel) inherits it."""
import os
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
env = dict(os.environ)
sanitize = env.get("TANDEM_SANITIZE", "")
if "address" in sanitize and "TANDEM_PRELOADED" not in env:
    cc = env.get("CC", "cc")
    libs = []
    for name in ("libasan.so", "libubsan.so"):
        p = subprocess.run([cc, f"-print-file-name={name}"], capture_output=True,
                           text=True).stdout.strip()
        if p and os.path.isabs(p):
            libs.append(p)
    env["LD_PRELOAD"] = ":".join(libs)
    env["ASAN_OPTIONS"] = ("detect_leaks=0:quarantine_size_mb=8:"
                           "thread_local_quarantine_size_kb=64:halt_on_error=1")
    env["TANDEM_PRELOADED"] = "1"
env["PYTHONPATH"] = str(pathlib.Path(env["TANDEM_SOURCE_ROOT"]) / "python")
env["PYTHONDONTWRITEBYTECODE"] = "1"
env.setdefault("MPLBACKEND", "Agg")
# the arguments: pytest's (a file or -k to run a part); none, all of tests/python
args = sys.argv[1:] if any(not a.startswith("-") for a in sys.argv[1:]) else \
    [str(here)] + sys.argv[1:]
sys.exit(subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"] + args,
                        env=env, cwd=here).returncode)
