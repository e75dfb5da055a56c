"""The package against the command line: each call gives the numbers of the command's JSON
report for the same flowsheet and changes (equal to the 12 digits the JSON writes), and a
few figures checked by hand."""
import math
import pathlib

import numpy
import pandas
import pytest

import tandem
from conftest import ROOT, cli, same

EE4 = "flowsheets/seed/ee4_soec_mea_ozden2021.ini"
MEA = "flowsheets/one_cell_mea.ini"
SHIPPED = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "flowsheets").rglob("*.ini"))

# One CO2 -> CO cell at 3 V and FE 0.9 making 10 t/day of CO (tests/data/one_cell_co.ini).
# By hand: electricity per tonne of CO = 2 F V / (FE M) = 2 x 96485.332 x 3 / (0.9 x
# 0.028010 kg/mol) = 22.964 GJ/t; the CO made is 10 t/day = 10e6 / 86400 / 28.010 =
# 4.1321 mol/s.
ONE_CELL = (ROOT / "tests" / "data" / "one_cell_co.ini").read_text()


@pytest.fixture
def one_cell(tmp_path):
    p = tmp_path / "one_cell.ini"
    p.write_text(ONE_CELL)
    return p


def test_faraday_by_hand(one_cell):
    r = tandem.load(one_cell).solve()
    e = r.summary["electric_energy"]
    assert e.unit == "GJ/t" and e.label
    assert e == pytest.approx(22.964, rel=1e-4)
    assert e.to("MWh/t") == pytest.approx(22.964 / 3.6, rel=1e-4)
    assert e.to("kWh/kg") == pytest.approx(22.964 / 3.6, rel=1e-4)
    streams = r.streams
    assert isinstance(streams, pandas.DataFrame)
    assert streams.loc["gas", "CO [mol/s]"] == pytest.approx(10e6 / 86400 / 28.010, rel=1e-4)
    assert {"temperature [C]", "pressure [bar]", "phase", "total [mol/s]"} <= set(streams)
    assert r.units.loc["cell", "kind"] == "electrolyzer"
    assert r.units.loc["cell", "cell_voltage [V]"] == pytest.approx(3.0)
    assert r.closed is True


def test_quantity_conversions_by_hand():
    q = tandem.Quantity(25, "C")
    assert q.to("K") == pytest.approx(298.15)
    assert tandem.Quantity(45, "%").to("") == pytest.approx(0.45)
    assert tandem.Quantity(100, "t/day").to("kg/h") == pytest.approx(100e3 / 24)
    assert tandem.Quantity(1, "bar").to("Pa") == 1e5
    with pytest.raises(tandem.InputError):
        tandem.Quantity(1, "GJ/t").to("MW")
    assert repr(tandem.Quantity(158.9471546, "GJ/t")) == "158.947 GJ/t"


@pytest.mark.parametrize("path", SHIPPED)
def test_solve_is_the_command_lines(path):
    try:
        got = tandem.load(path).solve().to_json()
    except tandem.SolveError:
        assert cli_fails(path, "solve")
        return
    same(got, cli("solve", path))


def cli_fails(path, cmd):
    import subprocess
    from conftest import BIN
    return subprocess.run([BIN, cmd, path], capture_output=True, cwd=ROOT).returncode == 1


@pytest.mark.parametrize("path", [EE4, MEA, "flowsheets/seed/ee1_nin_cu_moller2023.ini"])
def test_cost_is_the_command_lines(path):
    c = tandem.load(path).cost()
    same(c.to_json(), cli("cost", path))
    assert isinstance(c.levelized_cost, tandem.Quantity) and c.levelized_cost.unit == "$/t"
    assert c.cash_flow.index[0] == 0
    # the levelized cost's components add up to it
    assert c.levelized["cost [$/t]"].sum() == pytest.approx(float(c.levelized_cost), rel=1e-9)


def test_changes_are_the_command_lines_set():
    fs = tandem.load(EE4)
    fs.set("mea.current_density", "300 mA/cm2")
    fs.set("soec.cell_voltage", tandem.Quantity(1.35, "V"))
    fs.set("scenario.prices.electricity", "0.03 $/kWh")
    sets = ["--set", "mea.current_density=300 mA/cm2", "--set", "soec.cell_voltage=1.35 V",
            "--set", "scenario.prices.electricity=0.03 $/kWh"]
    same(fs.solve().to_json(), cli("solve", EE4, *sets[:4]))
    same(fs.cost().to_json(), cli("cost", EE4, *sets))
    assert fs.changes == [("mea.current_density", "300 mA/cm2"), ("soec.cell_voltage", "1.35 V"),
                          ("scenario.prices.electricity", "0.03 $/kWh")]
    # a key changed again keeps one entry; the answers follow the last value
    fs.set("mea.current_density", "250 mA/cm2")
    assert len(fs.changes) == 3
    same(fs.solve().to_json(), cli("solve", EE4, "--set", "mea.current_density=250 mA/cm2",
                                   "--set", "soec.cell_voltage=1.35 V"))


def test_other_scenario():
    fs = tandem.load(MEA)
    c = fs.cost(scenario="costs/jouny2018.ini")
    same(c.to_json(), cli("cost", MEA, "--scenario", "costs/jouny2018.ini"))


def test_optimize_is_the_command_lines():
    o = tandem.load(MEA).optimize()
    same(o.to_json(), cli("optimize", MEA))
    assert o.optimum.unit == "GJ/t" and o.optimum < o["start"]
    o = tandem.load(MEA).optimize(objective="min_cost")
    same(o.to_json(), cli("optimize", MEA, "--objective", "min_cost"))
    # the session is as it was: optimizing changes a copy
    fs = tandem.load(MEA)
    before = fs.solve().to_json()
    fs.optimize()
    same(fs.solve().to_json(), before)


def test_sweep_is_the_command_lines():
    fs = tandem.load(EE4)
    s = fs.sweep("mea.current_density", "100..1000 mA/cm2", 4, jobs=2)
    same(s.to_json(), cli("sweep", EE4, "--vary", "mea.current_density=100..1000:4"))
    # the same range in another unit of its kind, or as numbers in the file's unit
    same(fs.sweep("mea.current_density", "0.1..1 A/cm2", 4, jobs=1).to_json(), s.to_json())
    same(fs.sweep("mea.current_density", (100, 1000), 4).to_json(), s.to_json())
    pts = s.points
    assert list(pts.columns[:1]) == ["mea.current_density [mA/cm2]"]
    assert pts["mea.current_density [mA/cm2]"].tolist() == [100, 400, 700, 1000]
    two = fs.sweep("mea.current_density", "100..1000", 3, "scenario.prices.electricity",
                   "0.02..0.08", 2, outputs=["levelized_cost", "total_energy"])
    same(two.to_json(), cli("sweep", EE4, "--vary", "mea.current_density=100..1000:3",
                            "--vary", "scenario.prices.electricity=0.02..0.08:2",
                            "--output", "levelized_cost,total_energy"))


def test_mc_is_the_command_lines():
    fs = tandem.load(EE4)
    m = fs.mc(samples=400, seed=7, jobs=2)
    same(m.to_json(), cli("mc", EE4, "--samples", 400, "--seed", 7))
    assert m.inputs.shape == (400, len(m.parameters)) and m.outputs.shape[0] == 400
    assert isinstance(m.inputs, numpy.ndarray)
    # the same samples in any number of jobs, to the bit
    one = fs.mc(samples=400, seed=7, jobs=1)
    assert numpy.array_equal(one.outputs, m.outputs, equal_nan=True)
    assert numpy.array_equal(one.inputs, m.inputs)
    # the statistics are the arrays' own
    lc = m.output("levelized_cost")
    assert m.summary.loc["levelized_cost", "mean"] == pytest.approx(numpy.nanmean(lc), rel=1e-12)
    m2 = fs.mc(samples=256, seed=3, sampling="sobol", target=6000,
               correlate={("mea.current_density", "mea.fe.C2H4"): -0.5},
               outputs=["levelized_cost", "mea.cell_voltage"])
    same(m2.to_json(), cli("mc", EE4, "--samples", 256, "--seed", 3, "--sampling", "sobol",
                           "--target", 6000, "--correlate", "mea.current_density,mea.fe.C2H4=-0.5",
                           "--output", "levelized_cost,mea.cell_voltage"))


def test_mc_each_sample_in_python_is_the_c_run():
    """The slower path: a Python function at every sample, its flowsheet set to the sample's
    inputs, gives what the C run gave for that sample."""
    fs = tandem.load(EE4)
    m = fs.mc(samples=6, seed=11, outputs=["levelized_cost"],
              each=lambda f: float(f.cost().levelized_cost))
    assert len(m.each) == 6
    for got, want in zip(m.each, m.output("levelized_cost")):
        assert got == pytest.approx(want, rel=1e-9)


def test_sweep_plot(tmp_path):
    import matplotlib
    matplotlib.use("Agg")
    s = tandem.load(EE4).sweep("mea.current_density", "100..1000 mA/cm2", 4, jobs=1,
                               outputs=["levelized_cost"])
    ax = s.plot()
    assert ax.get_xlabel() == "mea.current_density (mA/cm2)"
    assert list(ax.lines[0].get_ydata()) == list(s.points["levelized_cost [$/t]"])
    ax.figure.savefig(tmp_path / "sweep.png")
    assert (tmp_path / "sweep.png").stat().st_size > 1000


def test_tornado_is_the_command_lines():
    fs = tandem.load(EE4)
    t = fs.tornado(jobs=2)
    same(t.to_json(), cli("tornado", EE4))
    one = fs.tornado(jobs=1)
    same(one.to_json(), t.to_json(), rel=0)
    p = t.parameters
    # each parameter's ends in its own unit: the current density's in mA/cm2
    row = t.data["parameters"].columns
    k = row["parameter"].index("mea.current_density")
    assert row["low"][k].unit == "mA/cm2"
    # sorted by swing, the largest first; the swing is the two ends' difference
    swings = list(p["swing [$/t]"])[1:]
    assert swings == sorted(swings, reverse=True)
    assert p["swing [$/t]"].iloc[1] == pytest.approx(
        abs(p["output_at_high [$/t]"].iloc[1] - p["output_at_low [$/t]"].iloc[1]), rel=1e-12)
    assert t.base == pytest.approx(float(fs.cost().levelized_cost), rel=1e-9)
    ax = t.plot()
    assert len(ax.patches) == 2 * (len(p) - 1)
    t2 = fs.tornado(outputs=["total_energy"])
    same(t2.to_json(), cli("tornado", EE4, "--output", "total_energy"))


def test_goal_is_the_command_lines(one_cell):
    fs = tandem.load(EE4)
    g = fs.goal("scenario.prices.electricity", "0.01..0.2", "levelized_cost=6000")
    same(g.to_json(), cli("goal", EE4, "--vary", "scenario.prices.electricity=0.01..0.2",
                          "--target", "levelized_cost=6000"))
    assert g.met and len(g.values) == 1 and g.values[0].unit == "$/kWh"
    # the same target as a Quantity in another unit of the figure's, and more outputs shown
    g2 = fs.goal("scenario.prices.electricity", "10..200 $/MWh",
                 ("levelized_cost", tandem.Quantity(6, "$/kg")), points=11,
                 outputs=["total_energy"])
    same(g2.to_json(), cli("goal", EE4, "--vary", "scenario.prices.electricity=0.01..0.2:11",
                           "--target", "levelized_cost=6 $/kg", "--output", "total_energy"))
    # met nowhere: no answers, and how near it came
    g3 = fs.goal("scenario.prices.electricity", "0.01..0.2", "levelized_cost=10")
    assert not g3.met and g3.lowest > 10
    # by hand on one cell, whose levelized cost is a straight line in the price of
    # electricity: the price at which it equals the mean of its values at 0.02 and 0.08 $/kWh
    # is 0.05 $/kWh
    one = tandem.load(one_cell)
    ends = one.sweep("scenario.prices.electricity", "0.02..0.08", 2, outputs=["levelized_cost"])
    lc = ends.points["levelized_cost [$/t]"]
    mid = (lc.iloc[0] + lc.iloc[1]) / 2
    g4 = one.goal("scenario.prices.electricity", "0.01..0.1", ("levelized_cost", mid))
    assert [float(v) for v in g4.values] == [pytest.approx(0.05, rel=1e-7)]


def test_break_even_price_is_the_levelized_cost():
    """The market price of C2H4 at which the NPV is nought is, by the levelized cost's
    definition, the levelized cost."""
    fs = tandem.load(EE4)
    g = fs.goal("scenario.prices.C2H4", "500..20000", "npv=0")
    assert [float(v) for v in g.values] == [pytest.approx(float(fs.cost().levelized_cost),
                                                          rel=1e-6)]


def test_sobol_is_the_command_lines(one_cell):
    fs = tandem.load(EE4)
    so = fs.sobol(samples=64, jobs=2)
    same(so.to_json(), cli("sobol", EE4, "--samples", 64))
    same(fs.sobol(samples=64, jobs=1).to_json(), so.to_json(), rel=0)
    same(fs.sobol(samples=32, seed=4, resamples=0, outputs=["levelized_cost"]).to_json(),
         cli("sobol", EE4, "--samples", 32, "--seed", 4, "--resamples", 0, "--output",
             "levelized_cost"))
    # one uncertain input (the price of electricity, on one cell): the levelized cost's
    # variance is all its, so S1 = ST = 1, which Saltelli's and Jansen's estimators on 4,096
    # base samples meet to within their sampling error (some 1/sqrt(4096) = 0.016); the
    # energy, which the price does not move, has none of it (0)
    one_p = one_cell.parent / "uncertain.ini"
    one_p.write_text(ONE_CELL + "\n[uncertainty]\n"
                     "scenario.prices.electricity = uniform 0.02 0.08 $/kWh\n")
    so = tandem.load(one_p).sobol(samples=4096, resamples=0)
    s1, st = so.index("levelized_cost", "scenario.prices.electricity")
    assert s1 == pytest.approx(1, abs=0.02) and st == pytest.approx(1, abs=0.02)
    assert so.index("total_energy", "scenario.prices.electricity") == (0, 0)
