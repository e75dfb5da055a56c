#!/usr/bin/env python3
"""`tandem serve` under an adversary's requests:

- the diagram is drawn in memory: a symbolic link planted where the server once wrote its
  SVG ($TMPDIR/tandem-serve-PID.svg) is left alone, and so is the file it points to (once the
  served flowsheet itself was overwritten), and $TMPDIR gains no file;
- 1,100 idle, half-sent connections (slowloris) do not lock a client out: select's 1,024
  descriptors once did, from some 1,020 on; and idle connections are closed after 10 s;
- a request whose Host is not the server's own address (DNS rebinding) is refused, 421;
- a query value that is not UTF-8 comes back in the error as U+FFFD, so the answer is JSON;
- a query of 3,000 arguments is answered at once (it was answered by nothing, after 10 s).
Run by meson test with TANDEM_BIN and TANDEM_SOURCE_ROOT."""
import http.client
import json
import os
import pathlib
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time

bin_ = os.environ["TANDEM_BIN"]
root = pathlib.Path(os.environ["TANDEM_SOURCE_ROOT"])
work = pathlib.Path(tempfile.mkdtemp(prefix="tandem-serve-limits-"))
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def get(port, path, host=None, timeout=10):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.putrequest("GET", path, skip_host=True)
    c.putheader("Host", host or f"127.0.0.1:{port}")
    c.endheaders()
    r = c.getresponse()
    body = r.read()
    c.close()
    return r.status, body


server = None
idle = []
try:
    flowsheet = work / "plant.ini"
    shutil.copy(root / "flowsheets" / "seed" / "ee4_soec_mea_ozden2021.ini", flowsheet)
    before = flowsheet.read_bytes()
    tmp = work / "tmp"
    tmp.mkdir()
    server = subprocess.Popen([bin_, "serve", str(flowsheet), "--port", "0"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "TMPDIR": str(tmp)})
    line = server.stdout.readline()
    port = int(line.rsplit(":", 1)[1].split("/")[0])
    # a link where the diagram once went, pointing at the served flowsheet
    trap = tmp / f"tandem-serve-{server.pid}.svg"
    trap.symlink_to(flowsheet)
    status, body = get(port, "/api/diagram.svg")
    check(status == 200 and body.lstrip().startswith(b"<?xml"), f"diagram: {status} {body[:80]}")
    check(flowsheet.read_bytes() == before, "the served flowsheet was overwritten through a link")
    check(trap.is_symlink() and os.readlink(trap) == str(flowsheet), "the planted link changed")
    check(sorted(p.name for p in tmp.iterdir()) == [trap.name],
          f"the server left files in $TMPDIR: {sorted(p.name for p in tmp.iterdir())}")

    # a foreign Host is refused; the server's own names are answered
    status, _ = get(port, "/api/model", host="evil.example")
    check(status == 421, f"a foreign Host got {status}, not 421")
    for host in (f"localhost:{port}", f"127.0.0.1:{port}"):
        status, _ = get(port, "/api/model", host=host)
        check(status == 200, f"Host {host} got {status}")

    # a query value that is not UTF-8 is echoed in the error as U+FFFD: the JSON parses
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/api/solve?p0=%ff%fe", headers={"Host": f"127.0.0.1:{port}"})
    r = c.getresponse()
    raw = r.read()
    c.close()
    try:
        doc = json.loads(raw.decode("utf-8"))
        check("\ufffd" in json.dumps(doc, ensure_ascii=False), f"not echoed as U+FFFD: {doc}")
    except (UnicodeDecodeError, ValueError) as e:
        check(False, f"the answer to a query that is not UTF-8 is not JSON: {e}: {raw[:120]!r}")

    # a long query, 3,000 arguments (some 30 kB): answered at once (libmicrohttpd's default
    # 32 kB of memory per connection ran out parsing it, and the client waited 10 s for no
    # answer at all)
    t0 = time.time()
    query = "&".join(f"x{i}={i}" for i in range(3000))
    status, body = get(port, "/api/solve?" + query, timeout=30)
    check(status == 200 and time.time() - t0 < 5,
          f"a query of 3,000 arguments: {status} after {time.time() - t0:.1f} s")

    # slowloris: 1,100 connections that never finish their request
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4096), hard))
    for _ in range(1100):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /api/model HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        idle.append(s)
    t0 = time.time()
    try:
        status, _ = get(port, "/api/model", timeout=8)
    except OSError as e:
        status = f"no answer ({e})"
    check(status == 200, f"with 1,100 idle connections a client got {status}")
    check(time.time() - t0 < 8, "with 1,100 idle connections a client waited")
    # idle ones are closed after 10 s: the server reads end of file on them
    time.sleep(12)
    closed = 0
    for s in idle[:50]:
        s.settimeout(1)
        try:
            closed += s.recv(1) == b""
        except OSError:
            closed += 1
    check(closed == 50, f"only {closed} of 50 idle connections were closed after 12 s")
finally:
    for s in idle:
        s.close()
    if server:
        server.terminate()
        server.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)

if failures:
    print("\n".join(failures))
    sys.exit(1)
print("serve: no file through a planted link, slowloris held off, foreign Host refused")
