#!/usr/bin/env python3
"""The slowest tests of a meson test run, against their timeouts.

    python3 tests/slowest.py BUILD_DIR [COUNT] [--markdown] [--multiplier=N]
    python3 tests/slowest.py BUILD_DIR --failed

Reads BUILD_DIR/meson-logs/testlog.json (the last `meson test` run; testlog-valgrind.json
for a run under a wrapper) and the timeouts of `meson introspect --tests` (times N when the
run had --timeout-multiplier N), and prints the COUNT (default 10) slowest tests: seconds
taken, timeout, and the share of the timeout used. A test that took more than a third of its
timeout is marked: on a machine half as fast it would be near failing. --markdown prints
the table that docs/performance.md keeps. --failed prints, on one line, the tests of the run
that did not pass, each with how it ended ("study (TIMEOUT after 120 s)"): the summary line of
`./run test`, so that a red CI names its test. Exit status 0, or 2 when the log is missing.
"""
import json
import os
import subprocess
import sys


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    markdown = "--markdown" in sys.argv[1:]
    failed = "--failed" in sys.argv[1:]
    mult = 1.0
    for a in sys.argv[1:]:
        if a.startswith("--multiplier="):
            mult = float(a.split("=", 1)[1])
    if not args:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    build = args[0]
    count = int(args[1]) if len(args) > 1 else 10
    logs = os.path.join(build, "meson-logs")
    log = os.path.join(logs, "testlog.json")
    if not os.path.exists(log) and os.path.isdir(logs):
        named = sorted(n for n in os.listdir(logs) if n.startswith("testlog-") and
                       n.endswith(".json"))
        if named:
            log = os.path.join(logs, named[0])
    try:
        with open(log, encoding="utf-8") as f:
            runs = [json.loads(line) for line in f if line.strip()]
    except OSError as e:
        print(f"slowest: {log}: {e.strerror}", file=sys.stderr)
        return 2
    tests = json.loads(subprocess.run(["meson", "introspect", build, "--tests"],
                                      capture_output=True, text=True, check=True).stdout)
    timeout = {t["name"]: t["timeout"] * mult for t in tests}
    rows = []
    for r in runs:
        # "tandem:suite / name" in the log, "name" in the introspection
        name = r["name"].split(" / ", 1)[-1]
        rows.append((r["duration"], name, timeout.get(name), r["result"]))
    if failed:
        bad = [f"{name} ({result} after {dur:.0f} s)" for dur, name, _, result in rows
               if result not in ("OK", "SKIP", "EXPECTEDFAIL")]
        print(", ".join(bad) if bad else "none recorded")
        return 0
    rows.sort(reverse=True)
    if markdown:
        print("| test | seconds | timeout (s) | share of timeout |")
        print("| --- | ---: | ---: | ---: |")
    for dur, name, limit, result in rows[:count]:
        share = dur / limit if limit else None
        if markdown:
            print(f"| {name} | {dur:.1f} | {limit or '-':.0f} | "
                  f"{'-' if share is None else f'{100 * share:.0f} %'} |")
            continue
        flag = ""
        if result != "OK":
            flag = f"  {result}"
        elif share is not None and share > 1 / 3:
            flag = "  over a third of its timeout: make it faster or split it"
        print(f"  {dur:7.1f} s of {limit or 0:4.0f} s  {name}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
