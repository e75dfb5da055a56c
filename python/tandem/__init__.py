"""tandem in Python: the flowsheet and techno-economic calculator of tandem (cascade)
reactor systems, called as a library (libtandem.so, through ctypes).

    import tandem
    fs = tandem.load("flowsheets/seed/ee4_soec_mea_ozden2021.ini")
    r = fs.solve()
    r.streams                               # a pandas DataFrame when pandas is installed
    r.summary["electric_energy"].to("MWh/t")
    fs.set("mea.current_density", "300 mA/cm2")
    c = fs.cost()
    s = fs.mc(samples=100_000, seed=1)      # every sample solved in C
    fs.sweep("mea.current_density", "100..1000 mA/cm2", 19).plot()

docs/python.md has the whole of it.
"""
from .errors import TandemError, InputError, SolveError, ResourceError, UsageError
from .units import Quantity, Figures
from .flowsheet import (Flowsheet, Report, Results, Cost, Optimum, Sweep, Tornado, Sobol,
                        Goal, MonteCarlo, load)
from . import _lib

__version__ = "0.1.0"
library = _lib.path  # the libtandem.so in use

__all__ = ["load", "Flowsheet", "Quantity", "Figures", "Report", "Results", "Cost", "Optimum",
           "Sweep", "Tornado", "Sobol", "Goal", "MonteCarlo", "TandemError", "InputError", "SolveError", "ResourceError",
           "UsageError", "library"]
