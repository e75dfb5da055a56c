"""Tables and arrays: pandas and numpy when they are installed, plain Python otherwise
(dicts of lists, array.array), so that the package needs nothing beyond the standard
library."""
import array

try:
    import numpy
except ImportError:  # pragma: no cover - the fresh-environment test covers it
    numpy = None
try:
    import pandas
except ImportError:  # pragma: no cover
    pandas = None


def vector(buf, n):
    """n doubles of a ctypes buffer, copied: a numpy array, or an array.array('d')."""
    if numpy is not None:
        return numpy.frombuffer(buf, dtype=numpy.float64, count=n).copy() if n else \
            numpy.empty(0)
    a = array.array("d")
    if n:
        a.frombytes(memoryview(buf).cast("B")[: 8 * n])
    return a


def matrix(buf, rows, cols):
    """rows x cols doubles, row after row, copied: a 2-D numpy array, or a list of rows."""
    if numpy is not None:
        if not rows or not cols:
            return numpy.empty((rows, cols))
        return numpy.frombuffer(buf, dtype=numpy.float64, count=rows * cols).reshape(
            rows, cols).copy()
    flat = vector(buf, rows * cols) if rows * cols else array.array("d")
    return [flat[i * cols:(i + 1) * cols] for i in range(rows)]


def column(data, i):
    """Column i of a matrix()."""
    if numpy is not None and isinstance(data, numpy.ndarray):
        return data[:, i]
    return array.array("d", (row[i] for row in data))


def make_frame(columns, index=None):
    """A pandas DataFrame of the columns (name -> values), indexed by the column `index`;
    without pandas, the dict itself."""
    if pandas is None:
        return dict(columns)
    df = pandas.DataFrame(columns)
    if index is not None and index in df.columns:
        df = df.set_index(index)
    return df


def _flat(rec, prefix, out):
    from .units import Quantity, Figures
    for k, v in rec.items():
        name = prefix + k
        if isinstance(v, Figures):
            for fk, q in v.items():
                out[f"{fk} [{q.unit}]" if q.unit else fk] = float(q)
        elif isinstance(v, Quantity):
            out[f"{name} [{v.unit}]" if v.unit else name] = float(v)
        elif isinstance(v, list) and v and all(isinstance(q, Quantity) for q in v):
            for q in v:
                out[f"{name} [{q.unit}]" if q.unit else name] = float(q)
        elif isinstance(v, dict):
            # a record's map of species or of quantities takes no prefix: "CO2 [mol/s]"
            _flat(v, "" if k in ("species", "quantities") else name + ".", out)
        else:
            out[name] = v


def records_frame(records, index=None):
    """A list of records (maps) as a table: each number with a unit a column "name [unit]"
    (a list of them, one column each), a figure list's figures by their keys, a nested map's
    members as "map.key"; a record that lacks a column has None (NaN) there."""
    rows = []
    for rec in records:
        out = {}
        _flat(rec, "", out)
        rows.append(out)
    names = []
    for r in rows:
        for k in r:
            if k not in names:
                names.append(k)
    cols = {k: [r.get(k) for r in rows] for k in names}
    return make_frame(cols, index=index)
