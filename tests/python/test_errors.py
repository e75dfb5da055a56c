"""Errors as exceptions: each class of the library's errors, the message as the command line
prints it, and its parts (file, line, section, key) as attributes."""
import pathlib
import subprocess

import pytest

import tandem
from tandem.errors import from_struct
from conftest import BIN, ROOT
from test_binding import ONE_CELL

MALFORMED = sorted((ROOT / "tests" / "malformed").glob("*.ini"))


@pytest.fixture
def one_cell(tmp_path):
    p = tmp_path / "one_cell.ini"
    p.write_text(ONE_CELL)
    return p


def test_input_error_names_file_line_section_key():
    path = ROOT / "tests" / "malformed" / "04_wrong_unit.ini"
    with pytest.raises(tandem.InputError) as e:
        tandem.load(path)
    x = e.value
    assert isinstance(x, ValueError)
    assert (x.file, x.line, x.section, x.key) == (str(path), 19, "cell", "current_density")
    assert x.detail.startswith("`current_density = 200 mA` has the wrong unit")
    assert x.message == f"{path}:19: [cell] {x.detail}"


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.name)
def test_every_malformed_file_is_the_command_lines_error(path):
    """The exception's class is the exit status's (2: bad input, 1: cannot be solved) and its
    message the command line's."""
    p = subprocess.run([BIN, "solve", str(path)], capture_output=True, text=True)
    try:
        tandem.load(path).solve()
    except tandem.TandemError as e:
        assert p.returncode in (1, 2), p.stderr
        want = tandem.SolveError if p.returncode == 1 else (tandem.InputError,
                                                             tandem.ResourceError)
        assert isinstance(e, want), (e, p.returncode)
        assert p.stderr.startswith(e.message), (e.message, p.stderr)
        if e.line and e.file == str(path):
            line = path.read_text(errors="replace").splitlines()[e.line - 1]
            assert e.key is None or line.lstrip().startswith(e.key), (e.key, line)
    else:
        assert p.returncode == 0, p.stderr


def test_a_change_that_fails_changes_nothing(one_cell):
    fs = tandem.load(one_cell)
    before = fs.solve().to_json()
    with pytest.raises(tandem.InputError) as e:
        fs.set("cell.current_density", "200 mA")
    line = ONE_CELL.splitlines().index("current_density = 200 mA/cm2") + 1
    assert (e.value.section, e.value.key, e.value.line) == ("cell", "current_density", line)
    assert "wrong unit" in e.value.detail
    with pytest.raises(tandem.InputError) as e:
        fs.set("nosuch.current_density", "200 mA/cm2")
    assert e.value.key == "nosuch.current_density" and "no unit named [nosuch]" in e.value.message
    with pytest.raises(tandem.InputError):
        fs.set("cell.fe.CO", "1.3")
    with pytest.raises(tandem.InputError):
        fs.set("scenario.prices.electricity", "3 V")
    with pytest.raises(tandem.InputError):
        fs.set("cell.current_density", [1, 2])
    assert fs.changes == []
    assert fs.solve().to_json() == before


def test_solve_error(one_cell):
    over = one_cell.parent / "over.ini"
    over.write_text(ONE_CELL.replace("composition.CO2 = 1", "composition.CO2 = 1\nflow = 1 mol/s"))
    fs = tandem.load(over)
    with pytest.raises(tandem.SolveError) as e:
        fs.solve()
    assert "over-specified" in e.value.message and "`rate` from [product]" in e.value.message
    with pytest.raises(tandem.SolveError):
        fs.cost()


def test_resource_error(tmp_path):
    with pytest.raises(tandem.ResourceError) as e:
        tandem.load(tmp_path / "nothing.ini")
    assert isinstance(e.value, OSError) and str(tmp_path / "nothing.ini") in e.value.message
    fs = tandem.load(ROOT / "flowsheets" / "one_cell_mea.ini")
    with pytest.raises(tandem.ResourceError):
        fs.cost(scenario=tmp_path / "nothing.ini")


def test_study_errors(one_cell):
    fs = tandem.load(one_cell)
    with pytest.raises(tandem.InputError) as e:
        fs.mc(samples=10)
    assert "no uncertain parameters" in e.value.message
    # a cell whose voltage and FE are fixed numbers cannot have its current density varied
    with pytest.raises(tandem.InputError) as e:
        fs.sweep("cell.current_density", "100..200", 3)
    assert "cannot vary alone" in e.value.message
    fs = tandem.load(ROOT / "flowsheets" / "seed" / "ee4_soec_mea_ozden2021.ini")
    with pytest.raises(tandem.InputError) as e:
        fs.sweep("mea.current_density", "100..200 V", 3)
    assert "is no value in mA/cm2" in e.value.message
    with pytest.raises(tandem.InputError):
        fs.sweep("mea.current_density", "100", 3)
    with pytest.raises(tandem.InputError):
        fs.sweep("mea.current_density", "100..200", 0)
    with pytest.raises(tandem.InputError):
        fs.mc(samples=10, sampling="halton")
    with pytest.raises(tandem.InputError):
        fs.mc(samples=10, outputs=["no_such_figure"])


def test_usage_error_class():
    """The library's fourth class, a caller's bug, which the package's own calls never make:
    its mapping, from an error as the library fills it."""
    from tandem._lib import Error
    err = Error()
    err.cls = 4
    err.msg = b"tdm_session_set: no session"
    e = from_struct(err)
    assert isinstance(e, tandem.UsageError) and e.message == "tdm_session_set: no session"
    assert e.file is None and e.line is None and e.key is None


def test_a_closed_flowsheet(one_cell):
    with tandem.load(one_cell) as fs:
        assert fs.solve().closed
    with pytest.raises(tandem.UsageError):
        fs.solve()
    fs.close()  # again: nothing
