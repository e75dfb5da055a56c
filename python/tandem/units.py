"""Numbers with their units, as the reports give them."""
import ctypes
import math


class Quantity(float):
    """A number in a unit: a float (arithmetic and numpy take it as one) that knows its unit
    and, for a figure of a report, its words. q.to("MWh/t") converts with the library's
    units (those a flowsheet accepts)."""

    __slots__ = ("unit", "label", "key", "bare")

    def __new__(cls, value, unit="", label=None, key=None, bare=False):
        q = super().__new__(cls, math.nan if value is None else value)
        q.unit = unit if unit is not None else ""
        q.label = label
        q.key = key
        q.bare = bare  # the JSON writes it without its unit (stated once for many)
        return q

    @property
    def value(self):
        return float(self)

    def to(self, unit):
        from ._lib import lib
        from .errors import InputError
        out = ctypes.c_double()
        why = ctypes.create_string_buffer(200)
        if lib.tdm_convert(float(self), self.unit.encode(), unit.encode(), ctypes.byref(out),
                           why, len(why)):
            raise InputError(f"cannot convert {self.unit or 'a number'} to "
                             f"{unit or 'a number'}: {why.value.decode()}")
        return Quantity(out.value, unit, self.label, self.key)

    def __repr__(self):
        return f"{float(self):.6g} {self.unit}".rstrip()

    __str__ = __repr__

    def __reduce__(self):
        return (Quantity, (float(self), self.unit, self.label, self.key))


class Figures(dict):
    """A report's list of figures (a plant summary's, a unit's), by key: each a Quantity
    with its label. Kept in the report's order."""

    def __repr__(self):
        return "Figures(" + ", ".join(f"{k}={v!r}" for k, v in self.items()) + ")"

    def frame(self):
        """The figures as a table: key, label, value, unit."""
        from .tables import make_frame
        return make_frame({"key": list(self), "label": [q.label for q in self.values()],
                           "value": [float(q) for q in self.values()],
                           "unit": [q.unit for q in self.values()]}, index="key")
