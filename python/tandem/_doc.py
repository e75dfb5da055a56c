"""A report's document (tandem/doc.h) as Python: maps as dicts, lists as lists, numbers with
their units as Quantity, figures as Figures, tables and arrays as Table and Array (columns
of numbers copied at once). Nothing is read from text: every number is the report's own
double."""
import ctypes
import math

from ._lib import lib, NodeView, NODE_NULL, NODE_BOOL, NODE_NUMBER, NODE_TEXT, NODE_MAP, \
    NODE_LIST, NODE_TABLE, NODE_ARRAY
from .units import Quantity, Figures
from . import tables


def _s(b):
    return None if b is None else b.decode("utf-8", "replace")


class Table:
    """A table of a report: columns by key, each with its heading and unit; numbers as
    arrays (numpy when installed), text as lists."""

    def __init__(self, keys, headings, units, columns, nrows):
        self.keys, self.headings, self.units = keys, headings, units
        self.columns = columns  # key -> array or list
        self.nrows = nrows

    def __len__(self):
        return self.nrows

    def names(self):
        """Each column's name with its unit: "current_density [mA/cm2]"."""
        return [k if not u else f"{k} [{u}]" for k, u in zip(self.keys, self.units)]

    def frame(self, index=None):
        return tables.make_frame(dict(zip(self.names(), (self.columns[k] for k in self.keys))),
                                 index=index)

    def records(self):
        return [{k: self.columns[k][i] for k in self.keys} for i in range(self.nrows)]


class Array:
    """A block of numbers (a Monte Carlo run's samples): rows x columns, each column's key and
    unit."""

    def __init__(self, keys, units, data):
        self.keys, self.units = keys, units
        self.data = data  # rows x columns: a numpy array, or a list of array.array rows
        self.nrows = len(data)

    def __len__(self):
        return self.nrows

    @property
    def columns(self):
        return {k: tables.column(self.data, i) for i, k in enumerate(self.keys)}


def _get(node):
    v = NodeView()
    lib.tdm_node_get(node, ctypes.byref(v))
    return v


def _number(v):
    if v.unit is None:
        if v.text is not None:
            return int(v.text) if v.text.lstrip(b"-").isdigit() else float(v.text)
        return v.number
    return Quantity(v.number, _s(v.unit), bare=bool(v.bare))


def _table(node, v):
    keys, heads, units = [], [], []
    for c in range(v.ncols):
        h, u = ctypes.c_char_p(), ctypes.c_char_p()
        keys.append(_s(lib.tdm_node_column_info(node, c, ctypes.byref(h), ctypes.byref(u))))
        heads.append(_s(h.value))
        units.append(_s(u.value))
    n = v.count
    if v.kind == NODE_ARRAY:
        buf = (ctypes.c_double * max(n * v.ncols, 1)).from_address(
            ctypes.cast(v.data, ctypes.c_void_p).value) if n * v.ncols else None
        return Array(keys, units, tables.matrix(buf, n, v.ncols))
    # the kind of each column from the first row; numbers copied a column at once, text and
    # numbers with units of their own (a tornado's ends) read cell by cell
    kinds = []
    if v.first:
        cell = _get(v.first).first
        while cell:
            cv = _get(cell)
            kinds.append(cv.kind)
            cell = cv.next
    for c in range(len(kinds)):
        if kinds[c] == NODE_NUMBER and lib.tdm_node_column_own_units(node, c):
            kinds[c] = NODE_TEXT
    cols = {}
    for c, k in enumerate(keys):
        if kinds and kinds[c] == NODE_NUMBER:
            buf = (ctypes.c_double * max(n, 1))()
            lib.tdm_node_column(node, c, buf, n)
            cols[k] = tables.vector(buf, n)
        else:
            cols[k] = []
    if any(not (kinds and kinds[c] == NODE_NUMBER) for c in range(len(keys))):
        row = v.first
        while row:
            rv = _get(row)
            cell, c = rv.first, 0
            while cell:
                cv = _get(cell)
                if not (kinds and kinds[c] == NODE_NUMBER):
                    cols[keys[c]].append(_value(cell, cv))
                cell, c = cv.next, c + 1
            row = rv.next
    return Table(keys, heads, units, cols, n)


def _value(node, v):
    k = v.kind
    if k == NODE_NULL:
        return None
    if k == NODE_BOOL:
        return bool(v.number)
    if k == NODE_NUMBER:
        if v.label is not None:
            return Quantity(v.number, _s(v.unit), _s(v.label), _s(v.key))
        return _number(v)
    if k == NODE_TEXT:
        return _s(v.text)
    if k in (NODE_TABLE, NODE_ARRAY):
        return _table(node, v)
    members = []
    child = v.first
    while child:
        cv = _get(child)
        members.append((_s(cv.key), cv, _value(child, cv)))
        child = cv.next
    if k == NODE_MAP:
        return {key: val for key, _, val in members}
    # a list of figures ({"key", "label", "value", "unit"}) is a Figures by key
    if members and all(cv.label is not None for _, cv, _ in members):
        f = Figures()
        for key, cv, val in members:
            f[key] = val if isinstance(val, Quantity) else val
        return f
    return [val for _, _, val in members]


def convert(doc):
    """The document at doc (a tdm_doc *) as Python."""
    root = lib.tdm_doc_root(doc)
    return _value(root, _get(root))


def to_json(x):
    """The shape and values the command line's JSON report writes for the same document:
    a number with a unit as {"value", "unit"}, a figure as {"key", "label", "value",
    "unit"}, a table as a list of records (keys "a/b" nested as {"a": {"b": ...}}); NaN as
    None. Arrays (not in the JSON) are left out."""
    if isinstance(x, Quantity):
        v = None if math.isnan(x) else float(x)
        if x.label is not None:
            return {"key": x.key, "label": x.label, "value": v, "unit": x.unit}
        return v if x.bare else {"value": v, "unit": x.unit}
    if isinstance(x, float):
        return None if math.isnan(x) else x
    if isinstance(x, Figures):
        return [to_json(q) for q in x.values()]
    if isinstance(x, dict):
        return {k: to_json(v) for k, v in x.items() if not isinstance(v, Array)}
    if isinstance(x, list):
        return [to_json(v) for v in x]
    if isinstance(x, Array):
        return None
    if isinstance(x, Table):
        out = []
        for i in range(x.nrows):
            rec = {}
            for k, u in zip(x.keys, x.units):
                val = x.columns[k][i]
                if isinstance(val, Quantity):
                    val = to_json(val)
                elif isinstance(val, (int, float)) and not isinstance(val, bool):
                    val = float(val)
                    val = None if math.isnan(val) else val
                    if u is not None:
                        val = {"value": val, "unit": u}
                group, _, rest = k.partition("/")
                if rest:
                    rec.setdefault(group, {})[rest] = val
                else:
                    rec[k] = val
            out.append(rec)
        return out
    return x
