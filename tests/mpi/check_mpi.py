#!/usr/bin/env python3
"""tandem-mpi splits a Monte Carlo run between MPI ranks and reports exactly what one
process reports: run on this machine with mpirun -np 2 and 3 and compare the bytes.
OpenMPI's own allocations at exit show up as leaks under LeakSanitizer (and its components
are unloaded by then, so they cannot be suppressed by name): leak detection is off for the
MPI runs; the single-process runs of the same code keep it (tests/study)."""
import os
import pathlib
import subprocess
import sys

root = pathlib.Path(os.environ["TANDEM_SOURCE_ROOT"])
one = os.environ["TANDEM_BIN"]
mpi = os.environ["TANDEM_MPI_BIN"]
fs = str(root / "flowsheets/seed/ee4_soec_mea_ozden2021.ini")
args = ["mc", fs, "--samples", "301", "--seed", "5", "--target", "6000", "--format", "csv"]
env = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           ASAN_OPTIONS="detect_leaks=0", OMPI_MCA_btl="self,vader",
           OMPI_MCA_btl_vader_single_copy_mechanism="none")
want = subprocess.run([one, *args], capture_output=True, text=True, check=True).stdout
for n in (2, 3):
    got = subprocess.run(["mpirun", "--oversubscribe", "-np", str(n), mpi, *args],
                         capture_output=True, text=True, env=env)
    if got.returncode != 0 or got.stdout != want:
        print(f"mpirun -np {n}: status {got.returncode}\n--- stdout\n{got.stdout}\n"
              f"--- expected\n{want}\n--- stderr\n{got.stderr[-3000:]}")
        sys.exit(1)
    print(f"mpirun -np {n}: the same {len(want)} bytes as one process")
