/* The electrolyzer on small cases worked out by hand: Faraday's law with the carbonate
 * crossover, the products' electrons, a SOEC's heat and reversible voltage, the catalyst
 * presets, the anode's reactions, the voltage model and the selectivity that follow the
 * operating point. F = 96485.33212 C/mol, R = 8.314462618 J/(mol K). */
#include <unistd.h>

#include "../support.h"
#include "tandem/constants.h"
#include "tandem/unit.h"

/* One CO2 electrolyzer, 10 mol/s CO2 fed, FE(CO) 0.9 and H2 the rest, single-pass
 * conversion 0.5, carbonate crossover 0.25 mol CO2 per mol e-, 3 V, 200 mA/cm2. */
static const char *cell_text =
    "[flowsheet]\nmain_product = CO\n"
    "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\nflow = 10 mol/s\n"
    "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"
    "key_reactant = CO2\nfe.CO = 0.9\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"
    "cell_voltage = 3 V\nsingle_pass_conversion = 0.5\ncarbonate_crossover = 0.25\n"
    "[gas]\nkind = product\nin = c\n"
    "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n";

static void
test_electrolyzer_follows_faraday_with_carbonate_crossover(void **state)
{
    (void)state;
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(cell_text, &sim);
    const tdm_results *r = sim.results;
    /* CO2 turned into CO: 0.5 x 10 = 5 mol/s = n_CO (one C each).
     * Faraday: n_CO = FE e / 2, so e = 5 x 2 / 0.9 = 11.1111 mol/s of electrons,
     * I = 11.1111 x 96485.33 = 1.072059e6 A. */
    double e = 5.0 * 2 / 0.9, I = e * 96485.33212;
    assert_close(unit_value(r, "cell", "current"), I, 1e-9);
    assert_close(stream_flow(r, "c", "CO"), 5.0, 1e-9);
    /* H2: 0.1 e / 2 = 0.55556 mol/s */
    assert_close(stream_flow(r, "c", "H2"), 0.1 * e / 2, 1e-9);
    /* crossover: 0.25 x 11.1111 = 2.77778 mol/s of CO2 to the anode; the cathode keeps
     * 10 - 5 - 2.77778 = 2.22222 */
    assert_close(stream_flow(r, "a", "CO2"), 0.25 * e, 1e-9);
    assert_close(stream_flow(r, "c", "CO2"), 10 - 5 - 0.25 * e, 1e-9);
    /* O2 at the anode: e / 4 = 2.77778 mol/s */
    assert_close(stream_flow(r, "a", "O2"), e / 4, 1e-9);
    /* water: CO needs none, H2 one H2O each: 0.55556 mol/s = 0.55556 x 18.015 g/mol
     * = 10.008 g/s = 864.7 kg/day = 0.8647 t/day */
    assert_close(unit_value(r, "cell", "water_consumed"), 0.1 * e / 2 * 0.018015, 1e-9);
    /* area = I / j = 1.072059e6 / 2000 = 536.03 m2; power = 3 V x I = 3.216e6 W */
    assert_close(unit_value(r, "cell", "area"), I / 2000, 1e-9);
    assert_close(unit_value(r, "cell", "power"), 3 * I, 1e-9);
    /* Enthalpy change: 5 CO2 -> 5 CO: 5 x (-110.5 + 393.5) = 1415 kJ/s; 0.5556 H2O -> H2:
     * 0.5556 x 285.8 = 158.78 kJ/s; total 1573.8 kW. Heat released = 3.2162 - 1.5738 MW
     * = 1.6424 MW; thermoneutral voltage 1573.8e3 / 1.072059e6 = 1.4680 V. */
    double dH = 5 * 283.0e3 + 0.1 * e / 2 * 285.8e3;
    assert_close(unit_value(r, "cell", "heat_released"), 3 * I - dH, 1e-9);
    assert_close(unit_value(r, "cell", "heat_needed"), 0, 0);
    assert_close(unit_value(r, "cell", "thermoneutral_voltage"), dH / I, 1e-9);
    assert_close(r->summary.co2_crossover_mol_s, 0.25 * e, 1e-9);
    assert_true(r->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_electrolyzer_makes_ethylene_from_co_with_eight_electrons(void **state)
{
    (void)state;
    /* 2 CO + 2 H2O + 8 e- -> C2H4 + 2 O2-equivalents: 8 electrons per C2H4 from CO.
     * 1 A/cm2 on 1 m2 = 10000 A; FE 0.5 -> C2H4 = 0.5 x 10000 / (8 F) = 6.4777e-3 mol/s;
     * CO consumed 2 x that = 1.29554e-2 mol/s = 0.25 of the feed -> feed 5.18216e-2 mol/s. */
    const char *text =
        "[flowsheet]\nmain_product = C2H4\n"
        "[co]\nkind = feed\nout = f\ncomposition.CO = 1\n"
        "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"
        "key_reactant = CO\nfe.C2H4 = 0.5\nfe.H2 = rest\ncurrent_density = 1 A/cm2\n"
        "cell_voltage = 2.5 V\nsingle_pass_conversion = 25 %\narea = 1 m2\n"
        "[gas]\nkind = product\nin = c\n[o2]\nkind = product\nrole = vent\nspecies = O2\nin = a\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    double nc2h4 = 0.5 * 10000 / (8 * 96485.33212);
    assert_close(stream_flow(sim.results, "c", "C2H4"), nc2h4, 1e-9);
    assert_close(stream_flow(sim.results, "f", "CO"), 2 * nc2h4 / 0.25, 1e-9);
    /* water: 2 H2O per C2H4 (4 H) + 1 per H2: H2 = 0.5 x 10000 / (2F) */
    double nh2 = 0.5 * 10000 / (2 * 96485.33212);
    assert_close(unit_value(sim.results, "cell", "water_consumed"), (2 * nc2h4 + nh2) * 0.018015,
                 1e-9);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_steam_electrolysis_takes_water_from_the_feed(void **state)
{
    (void)state;
    /* H2O -> H2 + 1/2 O2 with 2 electrons; 1000 A at FE 1: H2 = 1000 / (2F) = 5.1821e-3
     * mol/s, the same H2O consumed from the feed; 70 % conversion -> feed 7.4030e-3 mol/s. */
    const char *text =
        "[flowsheet]\nmain_product = H2\nkey_reactant = H2O\n"
        "[steam]\nkind = feed\nout = s\ncomposition.H2O = 1\ntemperature = 800 C\n"
        "[soec]\nkind = electrolyzer\ntechnology = soec\nin = s\ncathode_out = c\n"
        "anode_out = o\nkey_reactant = H2O\nwater = inlet\nfe.H2 = 1\n"
        "current_density = 400 mA/cm2\ncell_voltage = 1.3 V\nsingle_pass_conversion = 0.7\n"
        "current = 1000 A\n"
        "[h2]\nkind = product\nin = c\n[o2]\nkind = product\nrole = vent\nspecies = O2\nin = o\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    double h2 = 1000 / (2 * 96485.33212);
    assert_close(stream_flow(sim.results, "c", "H2"), h2, 1e-9);
    assert_close(stream_flow(sim.results, "s", "H2O"), h2 / 0.7, 1e-9);
    assert_close(stream_flow(sim.results, "c", "H2O"), h2 / 0.7 - h2, 1e-9);
    assert_close(stream_flow(sim.results, "o", "O2"), h2 / 2, 1e-9);
    assert_close(sim.results->summary.overall_conversion, 0.7, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

#define FORMATE_CELL(extra)                                                                        \
    "[flowsheet]\nmain_product = HCOOH\n"                                                          \
    "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\nflow = 10 mol/s\n"                            \
    "[cell]\nkind = electrolyzer\nin = a\ncathode_out = b\nanode_out = c\nkey_reactant = CO2\n"    \
    "fe.HCOOH = 0.9\nfe.H2 = rest\ncurrent = 192970.66424 A\ncurrent_density = 200 mA/cm2\n"       \
    "cell_voltage = 3 V\nelectrolyte = bipolar\n" extra                                            \
    "[p]\nkind = product\nin = b\n[v]\nkind = product\nrole = vent\nspecies = O2\nin = c\n"

static void
test_liquid_products_leave_in_their_water(void **state)
{
    (void)state;
    /* 192970.66 A = 2 mol/s of electrons; formate at FE 0.9 (2 e-): 0.9 mol/s of HCOOH, 30 %
     * of it across the membrane (Wang et al. 2021's flow cell, ~30 %): 0.63 mol/s stays at
     * the cathode and 0.27 leaves with the anode gas. At 10 % by mass the catholyte holds
     * 0.9 / 0.1 x 46.025 / 18.015 = 22.994 mol of water per mol of formate: 14.486 mol/s with
     * the 0.63. The cell adds it all (its inlet brings none), besides the water its
     * reactions take, 1 per electron pair (CO2 + H2O -> HCOOH + 1/2 O2, H2O -> H2 + 1/2 O2):
     * make-up 1 + 14.486 mol/s. */
    tdm_simulation sim;
    tdm_flowsheet *fs =
        solve_text(FORMATE_CELL("concentration.HCOOH = 10 %\nliquid_crossover = 0.3\n"), &sim);
    const tdm_results *r = sim.results;
    double wpf = 0.9 / 0.1 * 0.046025 / 0.018015;
    assert_close(stream_flow(r, "b", "HCOOH"), 0.63, 1e-9);
    assert_close(stream_flow(r, "c", "HCOOH"), 0.27, 1e-9);
    assert_close(stream_flow(r, "b", "H2O"), wpf * 0.63, 1e-6);
    double mass_frac = 0.63 * 0.046025 / (0.63 * 0.046025 + wpf * 0.63 * 0.018015);
    assert_close(mass_frac, 0.1, 1e-3); /* the molar masses of the table, to 4 figures */
    int kw = 0;
    while (strcmp(tdm_flowsheet_species_at(fs, kw)->name, "H2O") != 0)
        kw++;
    assert_close(r->units[1].boundary[kw], 1 + stream_flow(r, "b", "H2O"), 1e-9);
    assert_close(unit_value(r, "cell", "current"), 192970.66424, 1e-9);
    assert_true(r->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* 20 g/L: 20 g of formate in a litre taken to weigh 1 kg, 980 g of water: 49 x 46.025 /
     * 18.015 = 125.19 mol of water per mol */
    fs = solve_text(FORMATE_CELL("concentration.HCOOH = 20 g/L\n"), &sim);
    assert_close(stream_flow(sim.results, "b", "H2O") / stream_flow(sim.results, "b", "HCOOH"),
                 49 * 0.046025 / 0.018015, 1e-3);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* refused: a gas's concentration, two of them, water from the inlet */
    const struct {
        const char *keys, *expect;
    } bad[] = {
        {"concentration.H2 = 10 %\n", "H2 is not a liquid product of this cell"},
        {"fe.CH3OH = 0.05\nconcentration.HCOOH = 10 %\nconcentration.CH3OH = 1 %\n",
         "line 21 gives it already"},
        {"concentration.HCOOH = 10 %\nwater = inlet\n", "with `water = inlet` the inlet brings"},
        {"concentration.HCOOH = 2 mol/s\n", "give the product's concentration in its water"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        char text[1200];
        snprintf(text, sizeof text, FORMATE_CELL("%s"), bad[i].keys);
        tdm_flowsheet *f = NULL;
        tdm_error err;
        int rc = tdm_flowsheet_load_string(text, strlen(text), "t.ini", &f, &err);
        if (rc == 0 || !strstr(err.msg, bad[i].expect)) {
            print_error("case %zu: rc %d: %s\nexpected: %s\n", i, rc, rc ? err.msg : "",
                        bad[i].expect);
            fail();
        }
        tdm_flowsheet_free(f);
    }
}

static void
test_soec_heat_and_reversible_voltage_at_1000_k(void **state)
{
    (void)state;
    /* CO2 -> CO + 1/2 O2 at 1000 K (NIST-JANAF): dHr = -111.983 + 394.623 = 282.640 kJ/mol,
     * dGr = -200.275 + 395.886 = 195.611 kJ/mol. Reversible voltage 195.611 / 2F = 1.0137 V;
     * thermoneutral 282.640 / 2F = 1.4647 V. At 1.2 V and 1000 A the cell needs
     * (1.4647 - 1.2) x 1000 = 264.7 W of heat at 1000 K. */
    const char *text =
        "[flowsheet]\nmain_product = CO\n"
        "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\n"
        "[h]\nkind = heater\nin = a\nout = b\ntemperature = 1000 K\n"
        "[soec]\nkind = electrolyzer\ntechnology = soec\nin = b\ncathode_out = c\n"
        "anode_out = o\nkey_reactant = CO2\nfe.CO = 1\ncurrent_density = 500 mA/cm2\n"
        "cell_voltage = 1.2 V\nsingle_pass_conversion = 0.5\ncurrent = 1000 A\n"
        "temperature = 1000 K\n"
        "[p]\nkind = product\nin = c\n[v]\nkind = product\nrole = vent\nspecies = O2\nin = o\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    double F = 96485.33212;
    assert_close(unit_value(sim.results, "soec", "reversible_voltage"), 195611 / (2 * F), 3e-3);
    assert_close(unit_value(sim.results, "soec", "thermoneutral_voltage"), 282640 / (2 * F), 1e-3);
    assert_close(unit_value(sim.results, "soec", "heat_needed"), (282640 / (2 * F) - 1.2) * 1000,
                 1e-2);
    assert_true(sim.results->summary.energy.rel < 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_cell_below_its_reversible_voltage_is_refused(void **state)
{
    (void)state;
    /* CO2 + H2O -> C2H4 needs 1.150 V at 25 C (thermo.md); 1.0 V cannot run. */
    const char *text =
        "[flowsheet]\nmain_product = C2H4\n"
        "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\n"
        "[cell]\nkind = electrolyzer\nin = a\ncathode_out = c\nanode_out = o\n"
        "key_reactant = CO2\nfe.C2H4 = 1\ncurrent_density = 100 mA/cm2\ncell_voltage = 1.0 V\n"
        "single_pass_conversion = 0.5\n"
        "[p]\nkind = product\nin = c\nrate = 1 t/day\n[v]\nkind = product\nrole = vent\nspecies = "
        "O2\nin = o\n";
    tdm_error err = fail_text(text);
    assert_int_equal(err.cls, TDM_EINPUT);
    assert_non_null(strstr(err.msg, "test.ini:15: [cell] cell voltage 1.000 V is below the "
                                    "reversible voltage 1.150 V"));
}

static void
test_catalyst_preset_makes_urea_from_co2_and_nitrate(void **state)
{
    (void)state;
    /* Zn/Cu hybrid (seed Table 1, ref. 1): urea at FE 0.75 and -0.6 V vs RHE. Urea from
     * CO2 and nitrate: CO2 + 2 HNO3 + H2O -> CO(NH2)2 + 4 O2, 16 electrons. At 1000 A:
     * urea 0.75 x 1000 / (16 F) = 4.858e-4 mol/s, H2 0.25 x 1000 / (2 F) = 1.296e-3 mol/s,
     * nitrate used 2 x urea. Voltage estimate: 1.229 + 0.4 (anode) + 0.6 (cathode) + 100
     * mA/cm2 x 1 ohm cm2 = 2.329 V. Reversible voltage of the mix (CRC, aqueous nitrate):
     * dG(urea) = -196.9 + 394.4 + 2 x 111.3 + 237.1 = 657.2 kJ/mol;
     * E = (0.75 x 657.2 / 16 + 0.25 x 237.1 / 2) / 96.485 = 0.6265 V. */
    const char *text =
        "[flowsheet]\nmain_product = urea\n"
        "[f]\nkind = feed\nout = a\ncomposition.CO2 = 0.5\ncomposition.HNO3 = 0.5\n"
        "[cell]\nkind = electrolyzer\ncatalyst = zn-cu\nin = a\ncathode_out = c\nanode_out = o\n"
        "current_density = 100 mA/cm2\nanode_overpotential = 0.4 V\n"
        "area_resistance = 1 ohm cm2\nsingle_pass_conversion = 0.5\ncurrent = 1000 A\n"
        "[p]\nkind = product\nin = c\n[v]\nkind = product\nrole = vent\nspecies = O2\nin = o\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    double F = 96485.33212, urea = 0.75 * 1000 / (16 * F);
    assert_close(stream_flow(sim.results, "c", "CH4N2O"), urea, 1e-9);
    assert_close(stream_flow(sim.results, "c", "H2"), 0.25 * 1000 / (2 * F), 1e-9);
    /* CO2 fed = urea / 0.5; the feed is half nitrate, so nitrate left = feed - 2 urea */
    assert_close(stream_flow(sim.results, "c", "HNO3"), urea / 0.5 - 2 * urea, 1e-9);
    assert_close(unit_value(sim.results, "cell", "cell_voltage"), 2.329, 1e-9);
    assert_close(unit_value(sim.results, "cell", "reversible_voltage"), 0.6265, 1e-3);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_anode_oxidation_replaces_oxygen_evolution(void **state)
{
    (void)state;
    /* Cathode: H2 from water. Anode: 90 % of the current oxidizes ethanol to acetaldehyde
     * (2 e-), 10 % evolves O2. At 10 kA, e = 10000 / F = 0.103643 mol/s: acetaldehyde
     * 0.9 e / 2 = 0.046639, O2 0.1 e / 4 = 0.0025911, H2 e / 2 = 0.051821 mol/s.
     * Reversible voltage (CRC, 25 C): water splitting 237.1 kJ per 2 e; ethanol + 1/2 O2
     * -> acetaldehyde(g) + H2O(l): -133.0 - 237.1 + 174.8 = -195.3 kJ per 2 e;
     * E = (237.1 / 2 - 0.9 x 195.3 / 2) / 96.485 = 0.3178 V. */
    const char *text =
        "[flowsheet]\nmain_product = CH3CHO\nkey_reactant = C2H5OH\n"
        "[w]\nkind = feed\nout = cw\ncomposition.H2O = 1\n"
        "[et]\nkind = feed\nout = ae\ncomposition.C2H5OH = 1\nflow = 1 mol/s\n"
        "[cell]\nkind = electrolyzer\nin = cw\ncathode_out = c\nanode_in = ae\nanode_out = a\n"
        "key_reactant = H2O\nwater = inlet\nfe.H2 = 1\nsingle_pass_conversion = 0.5\n"
        "anode_reactant = C2H5OH\nanode_fe.CH3CHO = 0.9\ncurrent = 10 kA\n"
        "current_density = 20 mA/cm2\ncell_voltage = 1.5 V\n"
        "[h2]\nkind = product\nrole = byproduct\nspecies = H2\nin = c\n"
        "[p]\nkind = product\nin = a\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    double e = 10000 / 96485.33212;
    assert_close(stream_flow(sim.results, "a", "CH3CHO"), 0.9 * e / 2, 1e-9);
    assert_close(stream_flow(sim.results, "a", "O2"), 0.1 * e / 4, 1e-9);
    assert_close(stream_flow(sim.results, "a", "C2H5OH"), 1 - 0.9 * e / 2, 1e-9);
    assert_close(stream_flow(sim.results, "c", "H2"), e / 2, 1e-9);
    assert_close(unit_value(sim.results, "cell", "current"), 10000, 1e-9);
    assert_close(unit_value(sim.results, "cell", "reversible_voltage"), 0.3178, 2e-3);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_anode_conversion_sets_the_anode_feed(void **state)
{
    (void)state;
    /* As above, but the ethanol feed is free and 30 % of it is oxidized: the anode takes
     * 0.9 e / 2 = 0.046639 mol/s, so 0.046639 / 0.3 = 0.155464 mol/s is fed. */
    const char *text =
        "[flowsheet]\nmain_product = CH3CHO\nkey_reactant = C2H5OH\n"
        "[w]\nkind = feed\nout = cw\ncomposition.H2O = 1\n"
        "[et]\nkind = feed\nout = ae\ncomposition.C2H5OH = 1\n"
        "[cell]\nkind = electrolyzer\nin = cw\ncathode_out = c\nanode_in = ae\nanode_out = a\n"
        "key_reactant = H2O\nwater = inlet\nfe.H2 = 1\nsingle_pass_conversion = 0.5\n"
        "anode_reactant = C2H5OH\nanode_fe.CH3CHO = 0.9\nanode_conversion = 0.3\n"
        "current = 10 kA\ncurrent_density = 20 mA/cm2\ncell_voltage = 1.5 V\n"
        "[h2]\nkind = product\nrole = byproduct\nspecies = H2\nin = c\n"
        "[p]\nkind = product\nin = a\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    double e = 10000 / 96485.33212;
    assert_close(stream_flow(sim.results, "ae", "C2H5OH"), 0.9 * e / 2 / 0.3, 1e-9);
    assert_close(stream_flow(sim.results, "a", "C2H5OH"), 0.7 * 0.9 * e / 2 / 0.3, 1e-9);
    assert_close(unit_value(sim.results, "cell", "anode_conversion"), 0.3, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

/* The electrolyte sets the crossover when the file gives none. A CO cell with 10 kA: e =
 * 10000 / 96485.33212 = 0.103642 mol/s; the anode gets x e of CO2, x = 0.5 (neutral), 0.65
 * (alkaline), 0 (acidic, bipolar), the values of da Cunha and Resasco 2024; a crossover
 * written out wins, and bicarbonate carries up to 1 mol CO2 per mol of electrons. At a
 * conversion of 0.2 the cathode is fed 0.9 e / 2 / 0.2 = 2.25 e of CO2, enough for 0.8 e. */
static void
test_the_electrolyte_sets_the_carbonate_crossover(void **state)
{
    (void)state;
    static const char *base =
        "[flowsheet]\nmain_product = CO\n"
        "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n"
        "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"
        "key_reactant = CO2\nfe.CO = 0.9\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"
        "cell_voltage = 3 V\nsingle_pass_conversion = 0.2\ncurrent = 10 kA\n%s"
        "[gas]\nkind = product\nin = c\n"
        "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n";
    static const struct {
        const char *keys;
        double x;
    } cases[] = {
        {"electrolyte = neutral\n", 0.5},
        {"electrolyte = alkaline\n", 0.65},
        {"electrolyte = acidic\n", 0},
        {"electrolyte = bipolar\n", 0},
        {"electrolyte = neutral\ncarbonate_crossover = 0.2\n", 0.2},
        {"carbonate_crossover = 0.8\n", 0.8},
    };
    double e = 10000 / 96485.33212;
    char text[1200];
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        snprintf(text, sizeof text, base, cases[c].keys);
        tdm_simulation sim;
        tdm_flowsheet *fs = solve_text(text, &sim);
        assert_close(stream_flow(sim.results, "a", "CO2"), cases[c].x * e, 1e-9);
        assert_int_equal(sim.results->nwarnings, 0);
        tdm_simulation_free(&sim);
        tdm_flowsheet_free(fs);
    }
    /* neither key: it solves without crossover, and says so */
    snprintf(text, sizeof text, base, "");
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(stream_flow(sim.results, "a", "CO2"), 0, 1e-9);
    assert_int_equal(sim.results->nwarnings, 1);
    assert_non_null(strstr(sim.results->warnings[0],
                           "test.ini:7: warning: [cell] takes CO2 at a low-temperature cathode "
                           "but gives neither `carbonate_crossover` nor `electrolyte`"));
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* an electrolyte that is not the technology's */
    snprintf(text, sizeof text, base, "electrolyte = solid-oxide\n");
    tdm_error err = fail_text(text);
    assert_non_null(strstr(err.msg, "`electrolyte = solid-oxide` is a solid-oxide cell's"));
    snprintf(text, sizeof text, base, "technology = soec\nelectrolyte = neutral\n");
    err = fail_text(text);
    assert_non_null(strstr(err.msg, "a solid-oxide cell's electrolyte is `solid-oxide`"));
}

/* The voltage model: V = E_rev(T) + eta_c(j) + eta_a(j) + j ASR. The da Cunha and Resasco
 * workbook's CO2 -> CO cell: cathode 0.44 V at 10 mA/cm2 and 230 mV/dec, anode 0.247 V at
 * 10 mA/cm2 and 41 mV/dec, 1 ohm cm2. At 200 mA/cm2: 0.44 + 0.23 log10(20) = 0.7392369,
 * 0.247 + 0.041 log10(20) = 0.3003422, 0.2 A/cm2 x 1 ohm cm2 = 0.2 V: 1.2395791 V above
 * E_rev. E_rev of FE 0.95 CO and 0.05 H2: 0.95 x 1.333 + 0.05 x 1.229 = 1.3278 V
 * (thermo.md). At 400 mA/cm2: 0.44 + 0.23 log10(40) = 0.8084738, 0.247 + 0.041 log10(40)
 * = 0.3126845, 0.4 V: 1.5211583 V above E_rev. */
static const char *vm_text =
    "[flowsheet]\nmain_product = CO\n"
    "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n"
    "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"
    "key_reactant = CO2\nfe.CO = 0.95\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"
    "%s"
    "single_pass_conversion = 0.2\nelectrolyte = acidic\ncurrent = 10 kA\n"
    "[gas]\nkind = product\nin = c\n"
    "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n";

/* The workbook's CO2 -> CO cathode and anode without the anode's slope, and 1 ohm cm2 */
#define DA_CUNHA_CO                                                                                \
    "cathode_tafel_slope = 230 mV/dec\ncathode_overpotential = 0.44 V\n"                           \
    "anode_overpotential = 0.247 V\narea_resistance = 1 ohm cm2\n"

static void
test_the_voltage_model_refuses_what_no_cell_has(void **state)
{
    (void)state;
    /* Each parameter of the model refused with its line and its range in the unit it was
     * written in; a sum of FE at zero conversion above 1; and, where it is taken, the FE
     * after the limiting current still a split of the current (H2 takes what the reduction
     * loses, none is negative). */
    static const struct {
        const char *keys, *expect;
    } cases[] = {
        {"cathode_tafel_slope = -230 mV/dec\ncathode_overpotential = 0.44 V\n"
         "anode_overpotential = 0.247 V\narea_resistance = 1 ohm cm2\n",
         "`cathode_tafel_slope = -230 mV/dec` is out of range (1 mV/dec to 2000 mV/dec)"},
        {"cathode_tafel_slope = 230 mV/dec\ncathode_overpotential = -0.44 V\n"
         "anode_overpotential = 0.247 V\narea_resistance = 1 ohm cm2\n",
         "`cathode_overpotential = -0.44 V` is out of range (0 V to 3 V)"},
        {DA_CUNHA_CO "anode_tafel_slope = -41 mV/dec\n",
         "`anode_tafel_slope = -41 mV/dec` is out of range (1 mV/dec to 2000 mV/dec)"},
        {"cathode_tafel_slope = 230 mV/dec\ncathode_overpotential = 0.44 V\n"
         "anode_overpotential = -0.1 V\narea_resistance = 1 ohm cm2\n",
         "`anode_overpotential = -0.1 V` is out of range (0 V to 3 V)"},
        {"cathode_tafel_slope = 230 mV/dec\ncathode_overpotential = 0.44 V\n"
         "anode_overpotential = 0.247 V\narea_resistance = -1 ohm cm2\n",
         "`area_resistance = -1 ohm cm2` is out of range (0 ohm cm2 to 10000 ohm cm2)"},
        {"cathode_exchange_current_density = -1 mA/cm2\ncathode_transfer_coefficient = 0.5\n"
         "anode_overpotential = 0.247 V\narea_resistance = 1 ohm cm2\n",
         "`cathode_exchange_current_density = -1 mA/cm2` is out of range"},
        {"cathode_exchange_current_density = 1 mA/cm2\ncathode_transfer_coefficient = 1.5\n"
         "anode_overpotential = 0.247 V\narea_resistance = 1 ohm cm2\n",
         "`cathode_transfer_coefficient = 1.5` is out of range (0.01 to 0.99)"},
        {DA_CUNHA_CO "limiting_current_density = -600 mA/cm2\n",
         "`limiting_current_density = -600 mA/cm2` is out of range (1e-10 mA/cm2 to 100000 "
         "mA/cm2)"}, /* 1e-9 to 1e6 A/m2, 10 A/m2 to the mA/cm2 */
        {DA_CUNHA_CO "limiting_current_density = 600 mA/cm2\nfe.HCOOH = 0.1\n",
         "Faradaic efficiencies sum to 1.05 (must be <= 1)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[1600];
        snprintf(text, sizeof text, vm_text, cases[i].keys);
        tdm_flowsheet *fs = NULL;
        tdm_error err;
        int rc = tdm_flowsheet_load_string(text, strlen(text), "t.ini", &fs, &err);
        if (rc == 0 || err.cls != TDM_EINPUT || !strstr(err.msg, cases[i].expect) ||
            strncmp(err.msg, "t.ini:", 6)) {
            print_error("case %zu: rc %d: %s\nexpected: %s\n", i, rc, rc ? err.msg : "",
                        cases[i].expect);
            fail();
        }
        tdm_flowsheet_free(fs);
    }
    /* the cap at 400 mA/cm2 and X = 0.2 (a = 0.6333, s = 0.9570567 by hand in
     * test_the_selectivity_follows_the_conversion): FE(CO) 0.95 s, H2 the rest */
    char text[1600];
    snprintf(text, sizeof text, vm_text, DA_CUNHA_CO "limiting_current_density = 600 mA/cm2\n");
    char *j = strstr(text, "current_density = 200 mA/cm2");
    assert_non_null(j);
    memcpy(j, "current_density = 400 mA/cm2", strlen("current_density = 400 mA/cm2"));
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    double co = unit_value(sim.results, "cell", "fe.CO"),
           h2 = unit_value(sim.results, "cell", "fe.H2");
    assert_close(co, 0.95 * 0.9570567, 1e-6);
    assert_close(co + h2, 1, 1e-12);
    assert_true(h2 > 0.05);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_the_voltage_follows_the_current_density(void **state)
{
    (void)state;
    char text[1400];
    snprintf(text, sizeof text, vm_text,
             "cathode_tafel_slope = 230 mV/dec\ncathode_overpotential = 0.44 V\n"
             "anode_overpotential = 0.247 V\nanode_tafel_slope = 41 mV/dec\n"
             "area_resistance = 1 ohm cm2\n");
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    /* E_rev with the Nernst term of the outlets: pure CO2 fed, X = 0.2, no crossover; per
     * mol of electrons the cathode gas holds 1.9 CO2, 0.475 CO, 0.025 H2 (mole fractions
     * 0.791667, 0.197917, 0.010417), the anode gas O2 alone, all at 1.01325 bar, water
     * liquid: (RT/F) [0.475 ln(0.197917 / 0.791667 x 1.01325^0.5) + 0.025 ln(0.010417 x
     * 1.01325^1.5)] = 0.0256926 x (-0.768978) = -0.0197570 V below the standard 1.3278 V */
    double Erev = unit_value(sim.results, "cell", "reversible_voltage");
    assert_close(Erev, 0.95 * 1.333 + 0.05 * 1.229 - 0.0197570462, 2e-4);
    { /* against the same cell at a fixed voltage, which keeps the standard state */
        char fixed[1400];
        snprintf(fixed, sizeof fixed, vm_text, "cell_voltage = 3 V\n");
        tdm_simulation sf;
        tdm_flowsheet *ff = solve_text(fixed, &sf);
        assert_close(unit_value(sf.results, "cell", "reversible_voltage") - Erev, 0.0197570462,
                     1e-6);
        tdm_simulation_free(&sf);
        tdm_flowsheet_free(ff);
    }
    assert_close(unit_value(sim.results, "cell", "cathode_overpotential"), 0.7392368990, 1e-9);
    assert_close(unit_value(sim.results, "cell", "anode_overpotential"), 0.3003422298, 1e-9);
    assert_close(unit_value(sim.results, "cell", "ohmic_drop"), 0.2, 1e-12);
    assert_close(unit_value(sim.results, "cell", "cell_voltage") - Erev, 1.2395791288, 1e-9);
    /* power = V I */
    assert_close(unit_value(sim.results, "cell", "power"),
                 unit_value(sim.results, "cell", "cell_voltage") * 1e4, 1e-12);
    /* a study's change of the current density moves the voltage */
    tdm_error err;
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "cell", "current_density", "400 mA/cm2", &err), 0);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    assert_close(unit_value(sim.results, "cell", "cathode_overpotential"), 0.8084737980, 1e-9);
    assert_close(unit_value(sim.results, "cell", "cell_voltage") - Erev, 1.5211582576, 1e-9);
    /* and a voltage cannot be set over the model (nor written beside it: below) */
    assert_int_equal(tdm_flowsheet_set(fs, sim.model, "cell", "cell_voltage", "3 V", &err), -1);
    assert_non_null(strstr(err.msg, "[cell] has no key `cell_voltage` to change"));
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);

    /* Butler-Volmer, Orella's cathode: i0 = 0.01 mA/cm2 (0.1 A/m2), alpha 0.1, n = 2 (CO)
     * at 100 mA/cm2: ln(10^4) / (0.1 x 2 x F/RT) = 1.1831870 V (tests/unit/test_cell.c);
     * the anode fixed at 0 V; 0.2 ohm cm2 (Orella's 0.02 cm at 0.1 S/cm) x 0.1 A/cm2 =
     * 0.02 V */
    snprintf(text, sizeof text, vm_text,
             "cathode_exchange_current_density = 0.01 mA/cm2\n"
             "cathode_transfer_coefficient = 0.1\nanode_overpotential = 0 V\n"
             "area_resistance = 0.2 ohm cm2\n");
    char *at = strstr(text, "current_density = 200 mA/cm2");
    memcpy(at, "current_density = 100 mA/cm2", 28);
    fs = solve_text(text, &sim);
    Erev = unit_value(sim.results, "cell", "reversible_voltage");
    assert_close(unit_value(sim.results, "cell", "cathode_overpotential"), 1.1831869937, 1e-9);
    assert_close(unit_value(sim.results, "cell", "cell_voltage") - Erev, 1.2031869937, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);

    /* refusals */
    static const struct {
        const char *keys, *msg;
    } bad[] = {
        {"cell_voltage = 3 V\ncathode_tafel_slope = 230 mV/dec\ncathode_overpotential = 0.44 V\n"
         "anode_overpotential = 0.3 V\narea_resistance = 1 ohm cm2\n",
         "give `cell_voltage` (a measured point) or the cathode's kinetics"},
        {"cathode_tafel_slope = 230 mV/dec\ncathode_exchange_current_density = 1 mA/cm2\n"
         "cathode_overpotential = 0.44 V\nanode_overpotential = 0.3 V\n"
         "area_resistance = 1 ohm cm2\n",
         "give the cathode's Tafel slope or its exchange current density"},
        {"cathode_tafel_slope = 230 mV/dec\ncathode_overpotential = -0.44 V\n"
         "anode_overpotential = 0.3 V\narea_resistance = 1 ohm cm2\n",
         "cathode_overpotential"},
        {"cathode_tafel_slope = -230 mV/dec\ncathode_overpotential = 0.44 V\n"
         "anode_overpotential = 0.3 V\narea_resistance = 1 ohm cm2\n",
         "cathode_tafel_slope"},
        {"cathode_tafel_slope = 230 mV/dec\ncathode_overpotential = 0.44 V\n"
         "anode_overpotential = 0.3 V\n",
         "area_resistance"},
    };
    for (size_t c = 0; c < sizeof bad / sizeof bad[0]; c++) {
        snprintf(text, sizeof text, vm_text, bad[c].keys);
        err = fail_text(text);
        if (!strstr(err.msg, bad[c].msg)) {
            print_error("case %zu: %s\n", c, err.msg);
            fail();
        }
    }
}

/* Selectivity from mass transfer. The same CO2 -> CO cell with fe.CO = 0.95 at zero
 * conversion and a limiting current of 600 mA/cm2 (6000 A/m2) at the inlet, no crossover.
 * The reduction asks for j 0.95; Koutecky-Levich with the limit at the channel's mean,
 * j_lim0 c_mean(X), keeps k(X) = 1 / (1 + a / c_mean(X)), a = 0.95 j / 6000, and each
 * product keeps s = k(X) / k(0) of its FE (the fe given are those at zero conversion). At
 * 200 mA/cm2, a = 1900 / 6000 = 0.3166667, k(0) = 1 / 1.3166667 = 0.7594937:
 *   X = 0.1: c_mean = 0.1 / 0.1053605 = 0.9491222, k = 1 / 1.3336345 = 0.7498306,
 *            s = 0.9872717
 *   X = 0.2: c_mean = 0.2 / 0.2231436 = 0.8962840, k = 0.7389238, s = 0.9729227
 *   X = 0.5: c_mean = 0.7213475, k = 0.6949309, s = 0.9149916
 *   X = 0.9: c_mean = 0.3908650, k = 0.5524332, s = 0.7273723
 * At 400 mA/cm2 and X = 0.2: a = 0.6333333, k(0) = 0.6122449, k = 0.5859507, s = 0.9570567.
 * The concentration overpotential at 200 mA/cm2, X = 0.2, from the surface concentration of
 * the Koutecky-Levich current: (RT/2F) ln(1 + 1900 / j_lim), j_lim = 6000 x 0.8962840 =
 * 5377.70 A/m2: 0.0128462896 x ln(1.3533116) = 0.0038866 V. */
static void
test_the_selectivity_follows_the_conversion(void **state)
{
    (void)state;
    char text[1400];
    snprintf(text, sizeof text, vm_text,
             "cathode_tafel_slope = 230 mV/dec\ncathode_overpotential = 0.44 V\n"
             "anode_overpotential = 0.247 V\nanode_tafel_slope = 41 mV/dec\n"
             "area_resistance = 1 ohm cm2\nlimiting_current_density = 600 mA/cm2\n");
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    double e = 1e4 / 96485.33212;
    assert_close(unit_value(sim.results, "cell", "reduction_share"), 0.9729227307, 1e-9);
    assert_close(stream_flow(sim.results, "c", "CO"), 0.95 * 0.9729227307 * e / 2, 1e-9);
    assert_close(stream_flow(sim.results, "c", "H2"), (1 - 0.95 * 0.9729227307) * e / 2, 1e-9);
    assert_close(unit_value(sim.results, "cell", "concentration_overpotential"), 0.0038866951,
                 1e-7);
    static const struct {
        const char *X;
        double s;
    } at[] = {{"0.1", 0.9872717184}, {"0.5", 0.9149915743}, {"0.9", 0.7273723012}};
    tdm_error err;
    for (size_t k = 0; k < sizeof at / sizeof at[0]; k++) {
        assert_int_equal(
            tdm_flowsheet_set(fs, sim.model, "cell", "single_pass_conversion", at[k].X, &err), 0);
        assert_int_equal(tdm_simulate(&sim, &err), 0);
        assert_close(unit_value(sim.results, "cell", "reduction_share"), at[k].s, 1e-9);
        assert_close(stream_flow(sim.results, "c", "CO"), 0.95 * at[k].s * e / 2, 1e-9);
    }
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "cell", "single_pass_conversion", "0.2", &err), 0);
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "cell", "current_density", "400 mA/cm2", &err), 0);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    assert_close(unit_value(sim.results, "cell", "reduction_share"), 0.9570567209, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);

    /* With a crossover of 0.5 mol CO2 per mol of electrons (neutral) the channel loses
     * X (1 + 0.5 / (s S0)) of its CO2, S0 = 0.95 / 2 = 0.475: s and the consumption hold
     * each other, and the answer must satisfy both equations */
    snprintf(text, sizeof text, vm_text,
             DA_CUNHA_CO "limiting_current_density = 600 mA/cm2\ncarbonate_crossover = 0.5\n");
    fs = solve_text(text, &sim);
    double sv = unit_value(sim.results, "cell", "reduction_share");
    double Xc = unit_value(sim.results, "cell", "reactant_consumed");
    assert_close(Xc, 0.2 * (1 + 0.5 / (sv * 0.475)), 1e-12);
    double cm = Xc / -log(1 - Xc), a = 1900.0 / 6000;
    assert_close(sv, (1 / (1 + a / cm)) / (1 / (1 + a)), 1e-12);
    assert_close(sv, 0.9320815942, 1e-9);
    /* the CO2 left at the outlet: fed X-wise, minus products and crossover */
    double fed = stream_flow(sim.results, "f", "CO2");
    assert_close(stream_flow(sim.results, "c", "CO2"), fed * (1 - Xc), 1e-9);
    /* a study that takes the conversion past what the channel holds (a number set in place,
     * as studies set them): the change is taken, the solve fails as one the plant cannot
     * run (a sweep's `-`), and the cell comes back with the next change */
    assert_int_equal(tdm_flowsheet_set_number(fs, sim.model, "cell", "single_pass_conversion", 0.6,
                                              "", NULL, &err),
                     0);
    assert_int_equal(tdm_simulate(&sim, &err), -1);
    assert_int_equal(err.cls, TDM_ESOLVE);
    assert_non_null(strstr(err.msg, "the cathode runs out of CO2"));
    /* and again, with nothing changed: it does not solve the rows it had before */
    assert_int_equal(tdm_simulate(&sim, &err), -1);
    assert_non_null(strstr(err.msg, "the cathode runs out of CO2"));
    assert_int_equal(tdm_flowsheet_set_number(fs, sim.model, "cell", "single_pass_conversion", 0.2,
                                              "", NULL, &err),
                     0);
    if (tdm_simulate(&sim, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
    assert_close(unit_value(sim.results, "cell", "reduction_share"), 0.9320815942, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);

    /* refusals: a cathode that would run out of CO2; no H2 to take the rest; no conversion */
    snprintf(text, sizeof text, vm_text,
             DA_CUNHA_CO "limiting_current_density = 600 mA/cm2\ncarbonate_crossover = 0.5\n");
    char *X = strstr(text, "single_pass_conversion = 0.2");
    memcpy(X, "single_pass_conversion = 0.6", 28);
    err = fail_text(text);
    assert_non_null(strstr(err.msg, "the cathode runs out of CO2"));
    snprintf(text, sizeof text, vm_text, DA_CUNHA_CO "limiting_current_density = 600 mA/cm2\n");
    X = strstr(text, "fe.CO = 0.95\nfe.H2 = rest");
    memcpy(X, "fe.CO = 1   \n; no H2     ", 25);
    err = fail_text(text);
    assert_non_null(strstr(err.msg, "a limiting current sends the current its reactant cannot "
                                    "carry to H2"));
    snprintf(text, sizeof text, vm_text, DA_CUNHA_CO "limiting_current_density = 600 mA/cm2\n");
    X = strstr(text, "single_pass_conversion = 0.2");
    memcpy(X, "; no single-pass conversion ", 28);
    err = fail_text(text);
    assert_non_null(strstr(err.msg, "a limiting current needs `single_pass_conversion`"));
}

/* A polarization curve of three points, (100, 200, 400 mA/cm2; 2.6, 2.9, 3.4 V; FE(CO) 0.95,
 * 0.92, 0.80, H2 the rest), interpolated by monotone cubics (Fritsch-Carlson, the slopes of
 * Fritsch and Butland). V: secants 3e-4 and 2.5e-4 V per A/m2 over h = 1000 and 2000 A/m2;
 * the middle slope is the weighted harmonic mean (w1 = 2 h1 + h0 = 5000, w2 = h1 + 2 h0 =
 * 4000): 9000 / (5000 / 3e-4 + 4000 / 2.5e-4) = 2.755102e-4; the end slopes by the three-
 * point formula: ((2 h0 + h1) 3e-4 - h0 2.5e-4) / (h0 + h1) = 3.166667e-4 and ((2 h1 + h0)
 * 2.5e-4 - h1 3e-4) / (h0 + h1) = 2.166667e-4. At the middle of each interval the cubic
 * Hermite basis is (1/2, 1/8, 1/2, -1/8):
 *   150 mA/cm2: 2.6/2 + 0.3166667/8 + 2.9/2 - 0.2755102/8 = 2.7551446 V
 *   300 mA/cm2: 2.9/2 + 0.5510204/8 + 3.4/2 - 0.4333333/8 = 3.1647109 V
 * FE(CO) the same way (slopes -2e-5, -3.857143e-5, -8e-5): 0.9373214 and 0.8703571. */
static void
test_a_polarization_curve_is_interpolated_monotonically(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-curve-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char csv[300], ini[300];
    snprintf(csv, sizeof csv, "%s/curve.csv", dir);
    snprintf(ini, sizeof ini, "%s/cell.ini", dir);
    FILE *f = fopen(csv, "w");
    assert_non_null(f);
    fputs("current_density,cell_voltage,fe.CO,fe.H2,source\n"
          "100 mA/cm2,2.6 V,0.95,rest,test\n200 mA/cm2,2.9 V,0.92,rest,test\n"
          "400 mA/cm2,3.4 V,0.80,rest,test\n",
          f);
    fclose(f);
    static const char *text =
        "[flowsheet]\nmain_product = CO\n"
        "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n"
        "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"
        "key_reactant = CO2\npolarization = curve.csv\ncurrent_density = 150 mA/cm2\n"
        "single_pass_conversion = 0.2\nelectrolyte = acidic\ncurrent = 10 kA\n"
        "[gas]\nkind = product\nin = c\n"
        "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n";
    f = fopen(ini, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    tdm_flowsheet *fs = NULL;
    tdm_error err;
    if (tdm_flowsheet_load(ini, &fs, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
    tdm_simulation sim;
    solve_loaded(fs, &sim);
    double e = 1e4 / 96485.33212;
    assert_close(unit_value(sim.results, "cell", "cell_voltage"), 2.7551445578, 1e-9);
    assert_close(stream_flow(sim.results, "c", "CO"), 0.9373214286 * e / 2, 1e-9);
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "cell", "current_density", "300 mA/cm2", &err), 0);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    assert_close(unit_value(sim.results, "cell", "cell_voltage"), 3.1647108844, 1e-9);
    assert_close(stream_flow(sim.results, "c", "CO"), 0.8703571429 * e / 2, 1e-9);
    /* at a measured point, the point */
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "cell", "current_density", "200 mA/cm2", &err), 0);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    assert_close(unit_value(sim.results, "cell", "cell_voltage"), 2.9, 1e-12);
    /* outside the curve: no extrapolation */
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "cell", "current_density", "500 mA/cm2", &err), -1);
    assert_non_null(strstr(err.msg, "lies outside the polarization curve's 100 to 400 mA/cm2"));
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* a curve out of order, and one with a voltage given beside it */
    f = fopen(csv, "w");
    fputs("current_density,cell_voltage,fe.CO,fe.H2,source\n"
          "200 mA/cm2,2.9 V,0.92,rest,test\n100 mA/cm2,2.6 V,0.95,rest,test\n",
          f);
    fclose(f);
    assert_int_equal(tdm_flowsheet_load(ini, &fs, &err), -1);
    assert_non_null(strstr(err.msg, "curve.csv:3: the current density must rise from row to "
                                    "row: 100 mA/cm2 after 200"));
    /* a voltage beside the curve */
    f = fopen(csv, "w");
    fputs("current_density,cell_voltage,fe.CO,fe.H2,source\n"
          "100 mA/cm2,2.6 V,0.95,rest,test\n200 mA/cm2,2.9 V,0.92,rest,test\n",
          f);
    fclose(f);
    f = fopen(ini, "w");
    fputs(text, f);
    fclose(f);
    char both[1200];
    snprintf(both, sizeof both, "%s", text);
    char *at = strstr(both, "current = 10 kA\n");
    snprintf(at, sizeof both - (size_t)(at - both), "current = 10 kA\ncell_voltage = 3 V\n%s",
             strstr(text, "[gas]"));
    f = fopen(ini, "w");
    fputs(both, f);
    fclose(f);
    assert_int_equal(tdm_flowsheet_load(ini, &fs, &err), -1);
    assert_non_null(strstr(err.msg, "`cell_voltage` comes from the polarization curve "
                                    "`curve.csv`; remove it"));
    unlink(csv);
    unlink(ini);
    rmdir(dir);
}

/* The limiting current follows the inlet's composition (j_lim0 is the pure reactant's):
 * j_lim = j_lim0 y_in c_mean(Xc), y_in taken from the solved inlet, and the flowsheet solved
 * again until it settles. A feed of half CO2, half N2 at X = 0.2 without crossover: j_lim =
 * 6000 x 0.5 x 0.8962840 = 2688.852 A/m2, k = 1 / (1 + 1900 / 2688.852) = 0.5859556, s =
 * k / k(0) = 0.5859556 / 0.7594937 = 0.7715049. Through a recycle of half the cathode gas
 * the inlet holds CO and H2 too, and the answer must agree with itself: y_in the inlet's
 * CO2 share, s the Koutecky-Levich share at that y_in. */
static void
test_the_limiting_current_follows_the_inlet(void **state)
{
    (void)state;
    char text[1600];
    snprintf(text, sizeof text, vm_text, DA_CUNHA_CO "limiting_current_density = 600 mA/cm2\n");
    char diluted[1700];
    char *at = strstr(text, "composition.CO2 = 1\n");
    snprintf(diluted, sizeof diluted, "%.*scomposition.CO2 = 0.5\ncomposition.N2 = 0.5\n%s",
             (int)(at - text), text, at + strlen("composition.CO2 = 1\n"));
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(diluted, &sim);
    assert_close(unit_value(sim.results, "cell", "reactant_fraction_in"), 0.5, 1e-12);
    assert_close(unit_value(sim.results, "cell", "reduction_share"), 0.7715049077, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);

    static const char *loop =
        "[flowsheet]\nmain_product = CO\n"
        "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n"
        "[m]\nkind = mixer\nin = f, r\nout = cf\n"
        "[cell]\nkind = electrolyzer\nin = cf\ncathode_out = c\nanode_out = a\n"
        "key_reactant = CO2\nfe.CO = 0.95\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"
        "cathode_tafel_slope = 230 mV/dec\ncathode_overpotential = 0.44 V\n"
        "anode_overpotential = 0.247 V\narea_resistance = 1 ohm cm2\n"
        "limiting_current_density = 600 mA/cm2\n"
        "single_pass_conversion = 0.2\nelectrolyte = acidic\ncurrent = 10 kA\n"
        "[s]\nkind = splitter\nin = c\nout = r, p\nfractions = 0.5, rest\n"
        "[gas]\nkind = product\nin = p\n"
        "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n";
    fs = solve_text(loop, &sim);
    double total = 0;
    static const char *const sp[] = {"CO2", "CO", "H2"};
    for (int k = 0; k < 3; k++)
        total += stream_flow(sim.results, "cf", sp[k]);
    double y = stream_flow(sim.results, "cf", "CO2") / total;
    assert_true(y < 0.99 && y > 0.5);
    assert_close(unit_value(sim.results, "cell", "reactant_fraction_in"), y, 1e-9);
    double Xc = unit_value(sim.results, "cell", "reactant_consumed");
    double cm = Xc / -log(1 - Xc), k0 = 1 / (1 + 1900.0 / 6000);
    assert_close(unit_value(sim.results, "cell", "reduction_share"),
                 1 / (1 + 1900.0 / (6000 * y * cm)) / k0, 1e-9);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_electrolyzer_follows_faraday_with_carbonate_crossover),
        cmocka_unit_test(test_the_electrolyte_sets_the_carbonate_crossover),
        cmocka_unit_test(test_the_voltage_follows_the_current_density),
        cmocka_unit_test(test_the_selectivity_follows_the_conversion),
        cmocka_unit_test(test_the_voltage_model_refuses_what_no_cell_has),
        cmocka_unit_test(test_a_polarization_curve_is_interpolated_monotonically),
        cmocka_unit_test(test_the_limiting_current_follows_the_inlet),
        cmocka_unit_test(test_electrolyzer_makes_ethylene_from_co_with_eight_electrons),
        cmocka_unit_test(test_steam_electrolysis_takes_water_from_the_feed),
        cmocka_unit_test(test_liquid_products_leave_in_their_water),
        cmocka_unit_test(test_soec_heat_and_reversible_voltage_at_1000_k),
        cmocka_unit_test(test_a_cell_below_its_reversible_voltage_is_refused),
        cmocka_unit_test(test_catalyst_preset_makes_urea_from_co2_and_nitrate),
        cmocka_unit_test(test_anode_oxidation_replaces_oxygen_evolution),
        cmocka_unit_test(test_anode_conversion_sets_the_anode_feed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
