#!/usr/bin/env python3
"""Runs every command of docs/tutorial.md and of the console blocks of docs/studies.md, and
checks what each prints.

In the tutorial's ```console blocks a line "$ tandem ARGS  # exit N" is a command (status 0
when no "# exit" is given) and the lines under it, up to the next command, must appear in
its output in that order (blanks compared loosely; "..." stands for lines left out). The
commands run in a scratch directory holding links to flowsheets/, costs/ and docs/examples/
(a study's parameter file), so files they write (-o) land there; each such file must exist
and not be empty. Every file of flowsheets/tutorial/ must be used by some command, so steps
and files cannot drift apart.
"""
import os
import shlex
import subprocess
import sys
import tempfile

root = os.environ["TANDEM_SOURCE_ROOT"]
tandem = os.environ["TANDEM_BIN"]


def blocks(text):
    """The commands of the console blocks: (line number, command, expected lines)."""
    out, inside, current = [], False, None
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith("```"):
            inside = line.strip() == "```console"
            current = None
            continue
        if not inside:
            continue
        if line.startswith("$ "):
            current = (n, line[2:], [])
            out.append(current)
        elif current is not None and line.strip() and line.strip() != "...":
            current[2].append(line)
    return out


def loose(s):
    return " ".join(s.split())


def run_page(page, work, failures, used):
    """Runs the commands of docs/PAGE; returns how many there were."""
    cmds = blocks(open(os.path.join(root, "docs", page), encoding="utf-8").read())
    for line, cmd, expect in cmds:
        status = 0
        if "# exit" in cmd:
            cmd, _, code = cmd.partition("# exit")
            status = int(code)
        args = shlex.split(cmd)
        if not args or args[0] != "tandem":
            failures.append(f"docs/{page}:{line}: not a tandem command: {cmd}")
            continue
        for a in args:
            if a.startswith("flowsheets/tutorial/"):
                used.add(os.path.basename(a))
        r = subprocess.run([tandem] + args[1:], cwd=work, capture_output=True, text=True)
        if r.returncode != status:
            failures.append(f"docs/{page}:{line}: `{cmd.strip()}` exited "
                            f"{r.returncode}, the page says {status}\n{r.stderr}")
            continue
        got = [loose(l) for l in (r.stdout + r.stderr).splitlines()]
        at = 0
        for want in expect:
            w = loose(want)
            while at < len(got) and w not in got[at]:
                at += 1
            if at == len(got):
                failures.append(f"docs/{page}:{line}: `{cmd.strip()}` does not print "
                                f"(in this order):\n  {want.strip()}")
                break
            at += 1
        if "-o" in args:
            out = os.path.join(work, args[args.index("-o") + 1])
            if not os.path.isfile(out) or os.path.getsize(out) == 0:
                failures.append(f"docs/{page}:{line}: `{cmd.strip()}` wrote no {out}")
    return len(cmds)


def main():
    failures = []
    used = set()
    with tempfile.TemporaryDirectory(prefix="tandem-tutorial-") as work:
        for d in ("flowsheets", "costs"):
            os.symlink(os.path.join(root, d), os.path.join(work, d))
        os.mkdir(os.path.join(work, "docs"))
        os.symlink(os.path.join(root, "docs", "examples"), os.path.join(work, "docs", "examples"))
        n = run_page("tutorial.md", work, failures, used)
        m = run_page("studies.md", work, failures, set())
    for f in sorted(os.listdir(os.path.join(root, "flowsheets", "tutorial"))):
        if f.endswith(".ini") and f not in used:
            failures.append(f"flowsheets/tutorial/{f} is used by no command of the tutorial")
    if n < 7:
        failures.append(f"docs/tutorial.md has {n} commands; it had at least 7")
    if m < 3:
        failures.append(f"docs/studies.md has {m} commands; it had at least 3")
    for f in failures:
        print(f, file=sys.stderr)
    print(f"tutorial: {n} commands, studies: {m}, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
