"""A flowsheet loaded into the library, and what the commands do with it."""
import ctypes
import math

from . import _doc, tables
from ._lib import lib, Error, StudyOptions
from .errors import from_struct, InputError
from .units import Quantity

_SAMPLING = {"random": 0, "lhs": 1, "sobol": 2}


def _b(s):
    return s.encode("utf-8") if isinstance(s, str) else s


def _strings(items):
    items = [_b(x) for x in items]
    return (ctypes.c_char_p * max(len(items), 1))(*items)


def _text(value):
    """A value as a change takes it: text as it is, a Quantity with its unit, a number with
    every digit (it reads back to the same double)."""
    if isinstance(value, str):
        return value
    if isinstance(value, Quantity):
        return f"{float(value)!r} {value.unit}".rstrip()
    if isinstance(value, bool):
        raise InputError(f"a value is a number or text, not {value!r}")
    if isinstance(value, (int, float)):
        return repr(float(value)) if isinstance(value, float) else str(value)
    raise InputError(f"a value is a number, a Quantity or text, not {type(value).__name__}")


class _Doc:
    """A document of the library, converted on first use and freed then."""

    def __init__(self, ptr):
        self._ptr = ptr
        self._data = None

    def data(self):
        if self._data is None:
            try:
                self._data = _doc.convert(self._ptr)
            finally:
                lib.tdm_doc_free(self._ptr)
                self._ptr = None
        return self._data

    def __del__(self):
        if self._ptr is not None:
            lib.tdm_doc_free(self._ptr)
            self._ptr = None


class Report:
    """A command's report: `data` holds all of it (what the command's JSON holds, numbers as
    Quantity), report["key"] a part, frame("key") a part as a table."""

    def __init__(self, doc):
        self._doc = doc

    @property
    def data(self):
        return self._doc.data()

    def __getitem__(self, key):
        return self.data[key]

    def keys(self):
        return self.data.keys()

    def frame(self, key, index=None):
        v = self.data[key]
        if isinstance(v, _doc.Table):
            return v.frame(index=index)
        return tables.records_frame(v, index=index)

    def to_json(self):
        """The report in the shape of the command line's JSON (json.dumps takes it)."""
        return _doc.to_json(self.data)

    def __repr__(self):
        return f"<{type(self).__name__}: {', '.join(self.keys())}>"


class Results(Report):
    """`tandem solve`: streams, units and the plant summary."""

    @property
    def streams(self):
        """The stream table: a row a stream, its source and sink, temperature, pressure,
        phase, totals and each species' flow, every unit in its column's name."""
        return self.frame("streams", index="name")

    @property
    def units(self):
        """The unit table: a row a unit, its kind, role and quantities (NaN where a unit has
        none of a column)."""
        return self.frame("units", index="name")

    @property
    def summary(self):
        """The plant's figures by key, each a Quantity: summary["electric_energy"]."""
        return self.data["summary"]["quantities"]

    @property
    def closed(self):
        return self.data["summary"]["closed"]

    @property
    def warnings(self):
        return self.data["summary"]["warnings"]


class Cost(Report):
    """`tandem cost`: capital, operating costs, the levelized cost and the cash flow."""

    capital = property(lambda self: self.frame("capital"))
    operating = property(lambda self: self.frame("operating"))
    indirect = property(lambda self: self.frame("indirect"))
    levelized = property(lambda self: self.frame("levelized", index="component"))
    emissions = property(lambda self: self.frame("emissions"))
    cash_flow = property(lambda self: self.frame("cash_flow", index="year"))
    assumptions = property(lambda self: self.frame("assumptions"))

    @property
    def summary(self):
        """The headline figures by key, each a Quantity: summary["levelized_cost"]."""
        return self.data["summary"]

    @property
    def levelized_cost(self):
        return self.data["summary"]["levelized_cost"]


class Optimum(Report):
    """`tandem optimize`: the objective at the start and the optimum, the released keys with
    their values and marginals, the limits and their shadow prices, the layouts compared."""

    vary = property(lambda self: self.frame("vary"))
    limits = property(lambda self: self.frame("limits"))
    fixed = property(lambda self: self.frame("fixed"))
    layouts = property(lambda self: self.frame("layouts"))

    @property
    def optimum(self):
        return Quantity(self.data["optimum"], self.data["unit"])

    @property
    def summary(self):
        return self.data["summary"]


class Sweep(Report):
    """`tandem sweep`: a row a point, the parameters' values and then the outputs'."""

    @property
    def points(self):
        return self.data["points"].frame()

    @property
    def parameters(self):
        return self.data["parameters"]

    def plot(self, y=None, ax=None, **kw):
        """The outputs (all, or y: a key or a list of keys) against the parameter, on the
        axes ax (matplotlib; a new figure when None); for two parameters, a map of the first
        output. Returns the axes."""
        import matplotlib.pyplot as plt
        t = self.data["points"]
        npar = len(self.parameters)
        outs = t.keys[npar:]
        if y is not None:
            outs = [y] if isinstance(y, str) else list(y)
        if ax is None:
            _, ax = plt.subplots()
        name = lambda k: (f"{k} ({t.units[t.keys.index(k)]})"
                          if t.units[t.keys.index(k)] else k)
        if npar == 1:
            for k in outs:
                ax.plot(t.columns[t.keys[0]], t.columns[k], label=name(k), **kw)
            ax.set_xlabel(name(t.keys[0]))
            ax.set_ylabel(name(outs[0]) if len(outs) == 1 else "")
            if len(outs) > 1:
                ax.legend()
        else:
            import numpy
            xs, ys = t.columns[t.keys[0]], t.columns[t.keys[1]]
            nx = len(set(list(xs)))
            ny = len(xs) // nx
            z = numpy.asarray(t.columns[outs[0]]).reshape(nx, ny)
            m = ax.pcolormesh(numpy.asarray(xs).reshape(nx, ny),
                              numpy.asarray(ys).reshape(nx, ny), z, shading="auto", **kw)
            ax.figure.colorbar(m, ax=ax, label=name(outs[0]))
            ax.set_xlabel(name(t.keys[0]))
            ax.set_ylabel(name(t.keys[1]))
        return ax


class Tornado(Report):
    """`tandem tornado`: each uncertain parameter at its low and high value, the others at
    the file's, by the swing of the output."""

    @property
    def parameters(self):
        """A row a parameter (the first, "(base)", the output at the file's values): its
        distribution, its ends in its unit, the output at each end and the swing."""
        return self.data["parameters"].frame(index="parameter")

    @property
    def output(self):
        return self.data["output"]

    @property
    def base(self):
        t = self.data["parameters"]
        return Quantity(t.columns["output_at_low"][0], t.units[t.keys.index("output_at_low")])

    def plot(self, ax=None, n=16, **kw):
        """The bars of the n largest swings about the base (matplotlib), on the axes ax."""
        import matplotlib.pyplot as plt
        t = self.data["parameters"]
        names = t.columns["parameter"][1:1 + n]
        lo = list(t.columns["output_at_low"][1:1 + n])
        hi = list(t.columns["output_at_high"][1:1 + n])
        base = float(self.base)
        if ax is None:
            _, ax = plt.subplots(figsize=(7, 0.4 * len(names) + 1.2))
        for i, (a, b) in enumerate(zip(lo, hi)):
            ax.barh(i, a - base, left=base, color="tab:blue", **kw)
            ax.barh(i, b - base, left=base, color="tab:orange", **kw)
        ax.set_yticks(range(len(names)), names)
        ax.invert_yaxis()
        ax.axvline(base, color="k", linewidth=0.8)
        u = t.units[t.keys.index("output_at_low")]
        ax.set_xlabel(f"{self.output} ({u})" if u else self.output)
        return ax


class Sobol(Report):
    """`tandem sobol`: each uncertain parameter's first-order (S1) and total (ST) Sobol index
    for each output, with their 95 % bootstrap intervals."""

    @property
    def indices(self):
        """A row an output and a parameter: s1, s1_low, s1_high, st, st_low, st_high."""
        return self.data["indices"].frame()

    def index(self, output, parameter):
        """(S1, ST) of a parameter for an output."""
        t = self.data["indices"].columns
        for i, (o, p) in enumerate(zip(t["output"], t["parameter"])):
            if o == output and p == parameter:
                return float(t["s1"][i]), float(t["st"][i])
        raise KeyError((output, parameter))


class Goal(Report):
    """`tandem goal`: the values of a parameter at which a figure meets its target, every
    output at each; met nowhere, none, and how near the figure came."""

    @property
    def answers(self):
        """A row an answer: the parameter's value, whether the figure rises or falls
        through the target there, and every output."""
        return self.data["answers"].frame()

    @property
    def values(self):
        """The parameter's values that meet the target, each a Quantity in its unit."""
        t = self.data["answers"]
        return [Quantity(v, t.units[0]) for v in t.columns[t.keys[0]]]

    @property
    def met(self):
        return len(self.data["answers"]) > 0

    target = property(lambda self: self.data["target"])
    lowest = property(lambda self: self.data["lowest"])
    highest = property(lambda self: self.data["highest"])


class MonteCarlo(Report):
    """`tandem mc`: every sample's inputs (in their units) and outputs as arrays, and the
    statistics and rank correlations of the outputs."""

    @property
    def inputs(self):
        """samples x parameters, each in its unit (parameter_units)."""
        return self.data["sample_inputs"].data

    @property
    def outputs(self):
        """samples x outputs, each in its unit (output_units); NaN where a sample cannot be
        solved."""
        return self.data["sample_outputs"].data

    parameters = property(lambda self: self.data["sample_inputs"].keys)
    parameter_units = property(lambda self: self.data["sample_inputs"].units)
    output_names = property(lambda self: self.data["sample_outputs"].keys)
    output_units = property(lambda self: self.data["sample_outputs"].units)

    @property
    def summary(self):
        """A row an output: n, failed, mean, sd, percentiles, each input's Spearman rho."""
        return self.frame("outputs", index="output")

    @property
    def samples(self):
        """Every sample as one table: the inputs' columns, then the outputs'."""
        cols = {}
        for arr in (self.data["sample_inputs"], self.data["sample_outputs"]):
            for i, (k, u) in enumerate(zip(arr.keys, arr.units)):
                cols[f"{k} [{u}]" if u else k] = tables.column(arr.data, i)
        return tables.make_frame(cols)

    def output(self, key):
        """One output's values over the samples."""
        arr = self.data["sample_outputs"]
        return tables.column(arr.data, arr.keys.index(key))

    def hist(self, key=None, ax=None, bins=50, **kw):
        """A histogram of an output (the first when None) on the axes ax (matplotlib)."""
        import matplotlib.pyplot as plt
        key = key or self.output_names[0]
        if ax is None:
            _, ax = plt.subplots()
        v = [x for x in self.output(key) if not math.isnan(x)]
        ax.hist(v, bins=bins, **kw)
        u = self.output_units[self.output_names.index(key)]
        ax.set_xlabel(f"{key} ({u})" if u else key)
        ax.set_ylabel("samples")
        return ax


class Flowsheet:
    """A flowsheet loaded once into the library. set() changes a key as --set does;
    solve(), cost(), optimize(), sweep() and mc() do what the commands of those names do,
    with the numbers they give."""

    def __init__(self, path):
        self._s = None
        s, err = ctypes.c_void_p(), Error()
        if lib.tdm_session_open(_b(str(path)), ctypes.byref(s), ctypes.byref(err)):
            raise from_struct(err)
        self._s = s
        self.path = str(path)
        self._scenario = None

    def close(self):
        """Frees the flowsheet's memory now (garbage collection does it otherwise); `with
        tandem.load(path) as fs:` closes it at the block's end."""
        if getattr(self, "_s", None):
            lib.tdm_session_free(self._s)
            self._s = None

    __del__ = close

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __repr__(self):
        return f"<tandem.Flowsheet {self.path!r}, {len(self.changes)} changes>"

    def _call(self, fn, *args, key=None):
        if not self._s:
            raise tandem_closed()
        err = Error()
        if fn(self._s, *args, ctypes.byref(err)):
            raise from_struct(err, key=key)

    def _doc(self, fn, *args):
        doc = ctypes.c_void_p()
        self._call(fn, *args, ctypes.byref(doc))
        return _Doc(doc)

    # ---- changes

    def set(self, name, value):
        """Changes a key: name as --set takes it before its "=" ("mea.current_density",
        "scenario.prices.electricity"), value as after it ("300 mA/cm2"), or a number, or a
        Quantity. The same checks as the file; a change that fails changes nothing."""
        self._call(lib.tdm_session_set, _b(name), _b(_text(value)), key=name)
        return self

    def scenario(self, path=None):
        """Prices with the cost scenario at path (None: the one `tandem cost` finds)."""
        self._call(lib.tdm_session_use_scenario, _b(str(path)) if path else None)
        self._scenario = str(path) if path else None
        return self

    @property
    def changes(self):
        """The changes made, in order: (name, value)."""
        if not self._s:
            raise tandem_closed()
        out = []
        for i in range(lib.tdm_session_nchanges(self._s)):
            v = ctypes.c_char_p()
            n = lib.tdm_session_change(self._s, i, ctypes.byref(v))
            out.append((n.decode(), v.value.decode()))
        return out

    def copy(self):
        """A flowsheet of its own, loaded again, with the same scenario and changes."""
        fs = Flowsheet(self.path)
        if self._scenario:
            fs.scenario(self._scenario)
        for n, v in self.changes:
            fs.set(n, v)
        return fs

    # ---- the commands

    def solve(self):
        """`tandem solve`: Results (streams, units, summary)."""
        return Results(self._doc(lib.tdm_session_solve))

    def cost(self, scenario=None):
        """`tandem cost`: the plant priced (scenario: a cost scenario's path, kept for later
        calls; None: as before, else the one `tandem cost` finds)."""
        if scenario is not None:
            self.scenario(scenario)
        return Cost(self._doc(lib.tdm_session_cost))

    def optimize(self, objective=None, options=None, **opts):
        """`tandem optimize`: objective as --objective ("min_cost", "min_energy", ...), and
        [optimize] keys as --opt (options={"release": "cell.current_density"}, or as keyword
        arguments)."""
        kv = []
        if objective is not None:
            kv.append(("objective", objective))
        for k, v in list((options or {}).items()) + list(opts.items()):
            kv.append((k, _text(v)))
        flat = [x for pair in kv for x in pair]
        return Optimum(self._doc(lib.tdm_session_optimize, _strings(flat), len(kv)))

    def _study(self, outputs, jobs, **mc):
        o = StudyOptions()
        keep = []
        if outputs:
            outputs = [outputs] if isinstance(outputs, str) else list(outputs)
            arr = _strings(outputs)
            keep.append(arr)
            o.outputs, o.nout = arr, len(outputs)
        o.jobs = int(jobs or 0)
        o.target = math.nan
        for k, v in mc.items():
            if k == "correlate" and v:
                items = [f"{a},{b}={rho!r}" for (a, b), rho in dict(v).items()] \
                    if isinstance(v, dict) else list(v)
                arr = _strings(items)
                keep.append(arr)
                o.correlate, o.ncorrelate = arr, len(items)
            elif k == "params" and v:
                o.params = _b(str(v))
            elif k == "sampling":
                if v not in _SAMPLING:
                    raise InputError(f"sampling is random, lhs or sobol, not {v!r}")
                o.sampling = _SAMPLING[v]
            elif k == "target" and v is not None:
                o.target = float(v)
            elif k in ("samples", "seed"):
                setattr(o, k, int(v))
        return o, keep

    @staticmethod
    def _range(r):
        if isinstance(r, str):
            return r
        lo, hi = r
        if isinstance(lo, Quantity) and isinstance(hi, Quantity) and lo.unit:
            return f"{float(lo)!r}..{float(hi.to(lo.unit))!r} {lo.unit}"
        return f"{float(lo)!r}..{float(hi)!r}"

    def sweep(self, name, range, n=11, name2=None, range2=None, n2=11, outputs=None,
              jobs=None):
        """`tandem sweep`: name over range ("100..1000 mA/cm2", "100..1000" in the unit the
        file uses, or (lo, hi)) in n points, and a second parameter for a grid; outputs as
        --output (default: energy, levelized cost, carbon efficiency, and the varied cells'
        voltage and FE). jobs: threads (default: one per core)."""
        names, ranges, ns = [name], [self._range(range)], [int(n)]
        if name2 is not None:
            names.append(name2)
            ranges.append(self._range(range2))
            ns.append(int(n2))
        o, keep = self._study(outputs, jobs)
        return Sweep(self._doc(lib.tdm_session_sweep, len(names), _strings(names),
                               _strings(ranges), (ctypes.c_int * 2)(*ns), ctypes.byref(o)))

    def tornado(self, outputs=None, params=None, jobs=None):
        """`tandem tornado`: each uncertain parameter of the [uncertainty] section (or params,
        a CSV as --params) at its low and high value (a uniform or triangular distribution's
        ends, a normal or lognormal one's 5th and 95th percentiles), the others at the
        file's; the first of outputs (default levelized_cost). jobs: threads (default one
        per core for every 8 parameters)."""
        o, keep = self._study(outputs, jobs, params=params)
        return Tornado(self._doc(lib.tdm_session_tornado, ctypes.byref(o)))

    def sobol(self, samples=1000, seed=1, resamples=100, outputs=None, params=None,
              jobs=None):
        """`tandem sobol`: Sobol's first-order and total indices of each uncertain parameter
        of the [uncertainty] section (or params, a CSV) for each output (default
        levelized_cost, total_energy), from samples base samples (samples x (k + 2) solves,
        in jobs threads), with resamples bootstrap resamples for their intervals."""
        o, keep = self._study(outputs, jobs, samples=samples, seed=seed, params=params)
        return Sobol(self._doc(lib.tdm_session_sobol, ctypes.byref(o), int(resamples)))

    def goal(self, name, range, target, points=21, outputs=None):
        """`tandem goal`: the values of name in range (as sweep() takes it) at which a figure
        meets its target: target is "levelized_cost=1500 $/t" as --target takes it, or
        (figure, value). The range is scanned in points points and each change of side closed
        in by Brent's method; outputs are shown at each answer too. A target met nowhere is
        no error: the Goal has no answers (goal.met is False) and says how near it came."""
        if isinstance(target, str):
            figure, eq, value = target.partition("=")
            if not eq or not figure.strip() or not value.strip():
                raise InputError(f"a target is FIGURE=VALUE, not {target!r}")
        else:
            figure, value = target
        o, keep = self._study(outputs, None)
        return Goal(self._doc(lib.tdm_session_goal, _b(name), _b(self._range(range)),
                              int(points), _b(figure.strip()), _b(_text(value).strip()),
                              ctypes.byref(o)))

    def mc(self, samples=1000, seed=1, sampling="random", outputs=None, params=None,
           correlate=None, target=None, jobs=None, each=None):
        """`tandem mc`: samples of the [uncertainty] section's distributions (or params, a CSV
        as --params), all solved in C (jobs threads, default one per core): the inputs and
        outputs as arrays, their statistics and rank correlations. correlate: {(A, B): rho}
        or ["A,B=RHO"]. each: the slower path, a function called with a Flowsheet at every
        sample's inputs (its own copy) whose results join the outputs as "each"."""
        o, keep = self._study(outputs, jobs, samples=samples, seed=seed, sampling=sampling,
                              params=params, correlate=correlate, target=target)
        run = MonteCarlo(self._doc(lib.tdm_session_mc, ctypes.byref(o)))
        if each is not None:
            fs = self.copy()
            names, units = run.parameters, run.parameter_units
            values = []
            for row in (run.inputs if tables.numpy is None else run.inputs.tolist()):
                for k, u, x in zip(names, units, row):
                    fs.set(k, f"{x!r} {u}".rstrip())
                values.append(each(fs))
            run.each = values
        return run


def tandem_closed():
    from .errors import UsageError
    return UsageError("the flowsheet is closed")


def load(path):
    """Loads a flowsheet file: a Flowsheet. Every mistake in it is an InputError naming the
    file, line, section and key."""
    return Flowsheet(path)
