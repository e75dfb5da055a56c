#!/usr/bin/env python3
"""`--jobs N` shares a study's points among N threads, each with its own flowsheet, model
and scenario (tdm_jobs_run): the report and every sample must be the same bytes for any N,
since a point's result does not depend on the job that solves it. mc, sweep, sobol and tornado on
seed/ee4 (a limiting current solved to a fixed point at every sample, two electrolyzers,
the full TEA), with more jobs than cores and parts of unequal size; a sample refused in the
last job's part is reported as the run without jobs reports it; --jobs is checked.

meson runs it on the sanitizer build; `./run test` runs it once more on the
ThreadSanitizer build, where a data race between the jobs fails it."""
import os
import pathlib
import re
import subprocess
import sys
import tempfile

bin_ = os.environ["TANDEM_BIN"]
root = pathlib.Path(os.environ["TANDEM_SOURCE_ROOT"])
ee4 = str(root / "flowsheets" / "seed" / "ee4_soec_mea_ozden2021.ini")
failures = 0


def run(args):
    return subprocess.run([bin_] + args, capture_output=True, timeout=300)


def same_for_every_n(what, args, files=(), ns=(1, 2, 3, 5)):
    """The run's stdout, exit status, stderr and the files it writes, for each N."""
    global failures
    first = None
    with tempfile.TemporaryDirectory() as tmp:
        for n in ns:
            out = [a.replace("TMP", tmp) for a in args]
            p = run(out + ["--jobs", str(n)])
            got = (p.returncode, p.stdout, p.stderr,
                   [pathlib.Path(f.replace("TMP", tmp)).read_bytes() for f in files])
            if first is None:
                first = got
                if p.returncode != 0 or not p.stdout:
                    print(f"{what}: --jobs {n} failed: {p.stderr.decode()[:400]}")
                    failures += 1
                    return
            elif got != first:
                part = [name for name, a, b in zip(("exit status", "output", "message", "files"),
                                                   got, first) if a != b]
                print(f"{what}: --jobs {n} differs from --jobs {ns[0]} in its {', '.join(part)}")
                if p.stderr:
                    print(p.stderr.decode()[:400])
                failures += 1
                return
    print(f"{what}: the same for --jobs {', '.join(map(str, ns))}")


# 301 samples: parts of 301 / N samples, unequal for N = 2, 3 and 5
same_for_every_n("mc", ["mc", ee4, "--samples", "301", "--format", "json",
                        "--samples-csv", "TMP/samples.csv"], ["TMP/samples.csv"])
same_for_every_n("mc --sampling lhs, a shard", ["mc", ee4, "--samples", "400", "--sampling", "lhs",
                                                "--shard", "2/3", "--samples-csv", "TMP/s.csv"],
                 ["TMP/s.csv"])
same_for_every_n("mc --sampling sobol, correlated", ["mc", ee4, "--samples", "256", "--sampling",
                                                    "sobol", "--correlate",
                                                    "mea.fe.C2H4,mea.cathode_overpotential=-0.5",
                                                    "--samples-csv", "TMP/s.csv"],
                 ["TMP/s.csv"])
same_for_every_n("sweep over two parameters",
                 ["sweep", ee4, "--vary", "mea.current_density=100..900:13",
                  "--vary", "mea.single_pass_conversion=0.1..0.6:4", "--format", "json"])
# parameters that leave the MEA's keys alone: its limiting current's fixed point must still
# start from the file's values at every point, not from the last point's (to the tolerance
# of that iteration, 1e-10, the answer depended on the path: 8114.3458673152845 $/t solved
# after sample 99, 8114.3458673172399 solved first)
with tempfile.TemporaryDirectory() as tmp:
    soec = pathlib.Path(tmp) / "soec.csv"
    soec.write_text("parameter,distribution,a,b,c,unit,low,high,source\n"
                    "soec.single_pass_conversion,uniform,0.3,0.7,,,,,test\n")
    same_for_every_n("mc of the SOEC alone", ["mc", ee4, "--params", str(soec), "--samples", "300",
                                              "--samples-csv", "TMP/s.csv"], ["TMP/s.csv"])
# carbon intensities set in place at every sample (docs/examples/carbon_uncertainty.csv)
same_for_every_n("mc of carbon intensities",
                 ["mc", ee4, "--params", str(root / "docs/examples/carbon_uncertainty.csv"),
                  "--samples", "200", "--output", "emissions,abatement_cost",
                  "--samples-csv", "TMP/s.csv"], ["TMP/s.csv"])
same_for_every_n("sweep of the SOEC, then the MEA",
                 ["sweep", ee4, "--vary", "soec.single_pass_conversion=0.3..0.7:5",
                  "--vary", "mea.current_density=150..250:6", "--format", "json"])
same_for_every_n("sobol", ["sobol", ee4, "--samples", "40", "--format", "json"], ns=(1, 2, 3))
same_for_every_n("tornado", ["tornado", ee4, "--format", "json"], ns=(1, 2, 3, 7))

# a normal Faradaic efficiency draws now and then a value the MEA refuses (its FEs would sum
# above 1, at about 0.75): the first refused sample is named, whichever job met it. Sample i
# depends on (seed, i) alone: the test takes the first seed whose first refusal lies in the
# second half of the run, in a job other than the first
with tempfile.TemporaryDirectory() as tmp:
    params = pathlib.Path(tmp) / "p.csv"
    params.write_text("parameter,distribution,a,b,c,unit,low,high,source\n"
                      "mea.current_density,uniform,150,250,,mA/cm2,,,test\n"
                      "mea.fe.C2H4,normal,0.45,0.1,,,,,test: refused 3 sd above the mean\n")
    args = ["mc", ee4, "--params", str(params), "--samples", "2000"]
    found = None
    for seed in range(1, 40):
        base = run(args + ["--seed", str(seed), "--jobs", "1"])
        m = re.search(rb"sample ([0-9]+) is", base.stderr)
        if base.returncode == 2 and m and int(m.group(1)) >= 1000:
            found = seed
            break
    if found is None:
        print("refusal: no seed of 1..39 refuses first in the second half; the test cannot check")
        failures += 1
    else:
        for n in (2, 3, 4):
            p = run(args + ["--seed", str(found), "--jobs", str(n)])
            if (p.returncode, p.stdout, p.stderr) != (base.returncode, base.stdout, base.stderr):
                print(f"refusal: --jobs {n} says\n{p.stderr.decode()}\nnot\n{base.stderr.decode()}")
                failures += 1
        print(f"refusal (seed {found}):", base.stderr.decode().strip()[:200])

for bad in ("0", "x", "2k", "1025"):
    p = run(["mc", ee4, "--samples", "10", "--jobs", bad])
    if p.returncode != 2 or b"--jobs takes 1 to 1024" not in p.stderr or p.stdout:
        print(f"--jobs {bad}: exit {p.returncode}, {p.stderr.decode()[:200]}")
        failures += 1

# a flowsheet read from a pipe cannot be read again by the other jobs: one job reads it
p = subprocess.run(f'"{bin_}" mc <(cat "{ee4}") --samples 50 --jobs 3 --format csv',
                   shell=True, executable="/bin/bash", capture_output=True, timeout=300)
q = run(["mc", ee4, "--samples", "50", "--format", "csv"])
if p.returncode != 0 or p.stdout.split(b"\n")[1:] != q.stdout.split(b"\n")[1:]:
    print("a flowsheet from a pipe: " + p.stderr.decode()[:300])
    failures += 1

sys.exit(1 if failures else 0)
