"""What the Python package's tests share: the build's tandem program, its JSON reports,
and the comparison of a report with the command line's."""
import json
import math
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(os.environ["TANDEM_SOURCE_ROOT"])
BIN = os.environ["TANDEM_BIN"]


def cli(*args, check=True):
    """The command line's JSON report of `tandem ARGS --format json`, run in the source
    tree (the paths the reports name are the same as the package's)."""
    p = subprocess.run([BIN, *map(str, args), "--format", "json"], capture_output=True,
                       text=True, cwd=ROOT)
    if check and p.returncode != 0:
        raise AssertionError(f"tandem {' '.join(map(str, args))}: {p.stderr}")
    return json.loads(p.stdout)


def same(a, b, path="$", rel=1e-11):
    """a (the package's report, to_json()) is b (the command line's JSON): the same keys in
    the same order, the same text, and every number equal to the 12 digits the JSON
    writes."""
    if isinstance(b, dict):
        assert isinstance(a, dict), (path, a)
        assert list(a) == list(b), (path, list(a), list(b))
        for k in b:
            same(a[k], b[k], f"{path}.{k}", rel)
    elif isinstance(b, list):
        assert isinstance(a, list) and len(a) == len(b), (path, a, b)
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]", rel)
    elif isinstance(b, (int, float)) and not isinstance(b, bool):
        assert isinstance(a, (int, float)) and not isinstance(a, bool), (path, a, b)
        assert a == b or abs(a - b) <= rel * max(abs(a), abs(b)), (path, a, b)
    else:
        assert a == b and type(a) is type(b), (path, a, b)


@pytest.fixture(autouse=True)
def in_source_tree(monkeypatch):
    monkeypatch.chdir(ROOT)
