"""`pip install ./python` into a fresh virtual environment (no system packages, no package
index), and the package used there with the standard library alone: tables as dicts of
columns, numbers as array.array, the same numbers as the command line's."""
import json
import os
import subprocess
import sys
import textwrap

from conftest import ROOT, cli, same

SCRIPT = textwrap.dedent("""\
    import array, json, sys
    import tandem
    from tandem import tables
    assert tables.numpy is None and tables.pandas is None, "not a fresh environment"
    fs = tandem.load(sys.argv[1])
    r = fs.solve()
    streams = r.streams
    assert isinstance(streams, dict) and "name" in streams and "CO2 [mol/s]" in streams
    e = r.summary["electric_energy"]
    c = fs.cost()
    s = fs.sweep("mea.current_density", "100..1000 mA/cm2", 4, jobs=1)
    assert isinstance(s.points["levelized_cost [$/t]"], array.array)
    m = fs.mc(samples=20, seed=2, jobs=1)
    assert len(m.inputs) == 20 and isinstance(m.inputs[0], array.array)
    print(json.dumps({"library": tandem.library, "solve": r.to_json(), "cost": c.to_json(),
                      "energy": [float(e), e.unit, e.to("MWh/t")]}))
""")


def test_fresh_virtual_environment(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    p = subprocess.run([str(venv / "bin" / "pip"), "install", "./python"], cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    site = list(venv.glob("lib/python3*/site-packages/tandem"))
    assert len(site) == 1
    where = (site[0] / "_where.py").read_text()
    assert repr(str(ROOT.resolve())) in where  # the source tree it was built from
    work = tmp_path / "elsewhere"  # not the source tree: the installed package is imported
    work.mkdir()
    (work / "use.py").write_text(SCRIPT)
    ee4 = ROOT / "flowsheets" / "seed" / "ee4_soec_mea_ozden2021.ini"
    p = subprocess.run([str(venv / "bin" / "python"), "use.py", str(ee4)], cwd=work, env=env,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-3000:]
    got = json.loads(p.stdout)
    assert got["library"] == os.environ["TANDEM_LIBRARY"]
    same(got["solve"], cli("solve", ee4))
    same(got["cost"], cli("cost", ee4))
    energy, unit, mwh = got["energy"]
    assert unit == "GJ/t" and abs(mwh - energy / 3.6) <= 1e-12 * energy
