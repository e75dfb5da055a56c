#!/usr/bin/env python3
"""Derives the shipped dispatch profiles (docs/dispatch.md) from public NREL data.

usage: derive.py HOPP_CHECKOUT OUTDIR

HOPP_CHECKOUT is a clone of github.com/NREL/HOPP (its history holds the files read below, at
the commits named). Writes tx_2022_grid.csv, amarillo_2012_solar.csv and
amarillo_2012_wind.csv. Only the standard library is used; the arithmetic is the docstring
of each function.
"""
import csv
import io
import subprocess
import sys

CAMBIUM = ("a0d4e38d673bf9aee70ec9b5f8dbd774a347a55f",
           "examples/H2_Analysis/Cambium_data/StdScen21_MidCase95by2035_hourly_TX_2022.csv")
SOLAR = ("1dfebdba9", "hopp/simulation/resource_files/solar/35.2018863_-101.945027_psmv3_60_2012.csv")
WIND = ("1dfebdba9",
        "hopp/simulation/resource_files/wind/35.2018863_-101.945027_windtoolkit_2012_60min_100m.srw")
CURVE = ("8955452c1b3f84b8076f9827362c38ab21ed8e0d",
         "examples/H2_Analysis/2020ATB_NREL_Reference_7MW_200.csv")


def show(repo, ref):
    commit, path = ref
    return subprocess.run(["git", "-C", repo, "show", f"{commit}:{path}"], check=True,
                          capture_output=True, text=True).stdout


def grid(repo):
    """Hourly price and intensity of the Texas panhandle grid (Cambium region p48, SPP) in
    2022: price = total_cost_enduse (energy, capacity and portfolio costs at the point of
    use, 2020 $/MWh); intensity = aer_load_co2e (average emissions of the electricity
    consumed, combustion and precombustion, CO2e, kg/MWh)."""
    lines = show(repo, CAMBIUM).splitlines()
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[4:]))))
    return [(float(r["total_cost_enduse"]), float(r["aer_load_co2e"])) for r in rows]


def solar(repo):
    """Capacity factor of a fixed horizontal PV array from the hour's global horizontal
    irradiance G (W/m2) and air temperature Ta (C): cf = min(1, G / 1000 x (1 + g (Tc - 25))
    x (1 - L)), Tc = Ta + G / 800 x (45 - 20) (NOCT 45 C), g = -0.0037 /K, L = 0.14 (the
    system losses PVWatts assumes). An assumption of this file: a simple model, no tilt,
    no tracking, no inverter clipping."""
    lines = show(repo, SOLAR).splitlines()
    rows = list(csv.DictReader(io.StringIO("\n".join(lines[2:]))))
    out = []
    for r in rows:
        G, Ta = float(r["GHI"]), float(r["Temperature"])
        Tc = Ta + G / 800 * 25
        out.append(max(0.0, min(1.0, G / 1000 * (1 - 0.0037 * (Tc - 25)) * 0.86)))
    return out


def wind(repo):
    """Capacity factor of NREL's 2020 ATB reference turbine (7 MW, 200 m rotor; its power
    curve, linear between its points, 0 below 3 m/s and from 25 m/s) at the hour's wind
    speed 100 m above ground (WIND Toolkit). The speed at 100 m taken at the hub is an
    assumption; no wake, availability or electrical losses."""
    curve = [(float(r["Wind Speed [m/s]"]), float(r["Power [kW]"]))
             for r in csv.DictReader(io.StringIO(show(repo, CURVE)))]
    lines = show(repo, WIND).splitlines()
    out = []
    for line in lines[5:]:
        v = float(line.split(",")[2])
        p = 0.0
        for (v0, p0), (v1, p1) in zip(curve, curve[1:]):
            if v0 <= v < v1:
                p = p0 + (p1 - p0) * (v - v0) / (v1 - v0)
                break
        out.append(p / 7000.0)
    return out


def write(path, head, rows, source):
    """rows: (price, intensity, available or None: the grid, always there)."""
    avail = rows[0][2] is not None
    with open(path, "w", newline="") as f:
        f.write(head)
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["hour", "price", "intensity"] + (["available"] if avail else []) + ["source"])
        w.writerow(["unit", "$/MWh", "kg/MWh"] + ([""] if avail else []) + [""])
        for i, (p, c, a) in enumerate(rows):
            w.writerow([i, f"{p:g}", f"{c:g}"] + ([f"{a:.4f}"] if avail else []) +
                       [source if i == 0 else ""])


def main():
    repo, out = sys.argv[1], sys.argv[2]
    g = grid(repo)
    write(f"{out}/tx_2022_grid.csv",
          "# Texas panhandle grid, 2022, hour by hour (docs/dispatch.md; made by costs/profiles/derive.py).\n",
          [(p, c, None) for p, c in g],
          "NREL Cambium 2021 Standard Scenarios, MidCase95by2035, region p48 (TX, SPP), 2022, "
          "weather year 2012: total_cost_enduse (2020 $/MWh) and aer_load_co2e (kg/MWh), via "
          "NREL/HOPP commit a0d4e38 examples/H2_Analysis/Cambium_data/"
          "StdScen21_MidCase95by2035_hourly_TX_2022.csv")
    s = solar(repo)
    write(f"{out}/amarillo_2012_solar.csv",
          "# A PV farm near Amarillo, TX, 2012, hour by hour (docs/dispatch.md; made by costs/profiles/derive.py).\n",
          [(24.0, 48.0, a) for a in s],
          "available: capacity factor of a horizontal PV array from NSRDB PSM v3 irradiance "
          "and temperature at 35.21 N 101.94 W, 2012 (via NREL/HOPP v3.2.0 resource_files), "
          "model of derive.py (an assumption); price: solar LCOE 0.024 $/kWh (Lazard April "
          "2023, via da Cunha and Resasco 2024 workbook, Utilities row 3); intensity: "
          "utility-scale PV life-cycle median 48 g/kWh (IPCC AR5 WGIII Annex III)")
    w = wind(repo)
    write(f"{out}/amarillo_2012_wind.csv",
          "# A wind farm near Amarillo, TX, 2012, hour by hour (docs/dispatch.md; made by costs/profiles/derive.py).\n",
          [(24.0, 11.0, a) for a in w],
          "available: capacity factor of NREL's 2020 ATB 7 MW reference turbine (power curve "
          "via NREL/HOPP commit 8955452 examples/H2_Analysis/2020ATB_NREL_Reference_7MW_200.csv) "
          "at WIND Toolkit 100 m speeds, 35.21 N 101.94 W, 2012 (via NREL/HOPP v3.2.0 "
          "resource_files), model of derive.py (an assumption); price: onshore wind LCOE "
          "0.024 $/kWh (Lazard April 2023, via da Cunha and Resasco 2024 workbook, Utilities "
          "row 4); intensity: onshore wind life-cycle median 11 g/kWh (IPCC AR5 WGIII Annex III)")
    for name, v in (("grid price", [p for p, _ in g]), ("solar cf", s), ("wind cf", w)):
        print(f"{name}: {len(v)} hours, mean {sum(v) / len(v):.4f}, max {max(v):.4f}")


if __name__ == "__main__":
    main()
