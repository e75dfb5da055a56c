#!/usr/bin/env python3
"""A synthetic chain of N units for scaling studies: a feed of CO, CO2 and N2, heaters at
changing temperatures, every tenth unit a splitter sending 1 % to a vent, and 1 t/day of
product at the end. The benchmark (tests/bench/bench.c) builds the same text in memory.

    python3 tests/bench/chain.py 10000 > chain.ini && tandem solve chain.ini
"""
import sys


def chain(n):
    out = ["[flowsheet]\nmain_product = CO\n[feed]\nkind = feed\nout = s0\n"
           "composition.CO = 0.5\ncomposition.CO2 = 0.3\ncomposition.N2 = 0.2\n"]
    for i in range(1, n + 1):
        if i % 10 == 0:
            out.append(f"[u{i}]\nkind = splitter\nin = s{i-1}\nout = s{i}, p{i}\n"
                       f"fractions = 0.99, rest\n[v{i}]\nkind = product\nrole = vent\n"
                       f"species = N2\nin = p{i}\n")
        else:
            out.append(f"[u{i}]\nkind = heater\nin = s{i-1}\nout = s{i}\n"
                       f"temperature = {30 + (i % 7) * 10} C\n")
    out.append(f"[prod]\nkind = product\nin = s{n}\nrate = 1 t/day\n")
    return "".join(out)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("usage: chain.py N")
    sys.stdout.write(chain(int(sys.argv[1])))
