/* Each unit kind on a small case worked out by hand. F = 96485.33212 C/mol,
 * R = 8.314462618 J/(mol K), normal molar volume 0.0224140 m3/mol (0 C, 1 atm). */
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

static void
test_mixer_and_splitter_close_a_recycle_without_iteration(void **state)
{
    (void)state;
    /* feed 1 mol/s -> mix -> split: 25 % out, 75 % back. Steady state: out = feed = 1,
     * mixed = 1 + 0.75 M -> M = 4 mol/s, recycle 3 mol/s. */
    const char *text =
        "[flowsheet]\nmain_product = CO2\n"
        "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\nflow = 1 mol/s\ntemperature = 50 C\n"
        "[m]\nkind = mixer\nin = a, back\nout = b\n"
        "[s]\nkind = splitter\nin = b\nout = c, back\nfractions = 0.25, rest\n"
        "[p]\nkind = product\nin = c\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(stream_flow(sim.results, "b", "CO2"), 4.0, 1e-12);
    assert_close(stream_flow(sim.results, "back", "CO2"), 3.0, 1e-12);
    assert_close(stream_flow(sim.results, "c", "CO2"), 1.0, 1e-12);
    /* temperature travels round the loop: everything at 50 C = 323.15 K */
    assert_close(sim.results->streams[tdm_flowsheet_nstreams(fs) - 1].T, 323.15, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_separator_energy_per_normal_cubic_metre_and_minimum_work(void **state)
{
    (void)state;
    /* 1 mol/s CO2 + 1 mol/s H2 at 25 C; 90 % of the CO2 to the first outlet, the rest to
     * the second. Gas treated: 2 x 0.0224140 = 0.044828 m3/s; at 0.25 kWh/m3 = 9e5 J/m3
     * the power is 40345 W. Minimum work at 298.15 K:
     *   inlet  sum n ln y = 2 ln 0.5                   = -1.3862944
     *   out 1  pure CO2                                 =  0
     *   out 2  0.1 ln(0.1/1.1) + 1 ln(1/1.1)            = -0.3350997
     *   W_min = R T (-0.3350997 + 1.3862944) = 2478.957 x 1.0511947 = 2605.87 W. */
    const char *text = "[flowsheet]\nmain_product = CO2\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO2 = 0.5\ncomposition.H2 = 0.5\n"
                       "flow = 2 mol/s\n"
                       "[s]\nkind = separator\nin = a\nout = b, c\nrecovery.CO2 = 0.9\n"
                       "specific_energy = 0.25 kWh/m3\n"
                       "[p]\nkind = product\nin = b\n[q]\nkind = product\nrole = "
                       "byproduct\nspecies = H2\nin = c\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    double V = 2 * 8.314462618 * 273.15 / 101325;
    assert_close(unit_value(sim.results, "s", "energy"), 9e5 * V, 1e-9);
    assert_close(unit_value(sim.results, "s", "min_work"), 2605.87, 1e-5);
    assert_close(stream_flow(sim.results, "c", "CO2"), 0.1, 1e-12);
    assert_close(stream_flow(sim.results, "c", "H2"), 1.0, 1e-12);
    assert_close(sim.results->summary.electric_w, 9e5 * V, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_separator_at_a_second_law_efficiency_spends_min_work_over_eta(void **state)
{
    (void)state;
    /* Same split as above at eta = 0.1: W = 2605.87 / 0.1 = 26058.7 W */
    const char *text = "[flowsheet]\nmain_product = CO2\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO2 = 0.5\ncomposition.H2 = 0.5\n"
                       "flow = 2 mol/s\n"
                       "[s]\nkind = separator\nin = a\nout = b, c\nrecovery.CO2 = 0.9\n"
                       "second_law_efficiency = 0.1\n"
                       "[p]\nkind = product\nin = b\n[q]\nkind = product\nrole = "
                       "byproduct\nspecies = H2\nin = c\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(unit_value(sim.results, "s", "energy"), 26058.7, 1e-5);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

/* A CO2 regenerator on anode gas (2 mol/s CO2 + 1 mol/s O2): 95 % of the CO2 recovered
 * at 4 GJ per t of CO2 recovered; `extra` adds keys to the separator. */
#define REGENERATOR(extra)                                                                         \
    "[flowsheet]\nmain_product = CO2\n"                                                            \
    "[f]\nkind = feed\nout = a\ncomposition.CO2 = 0.6666666666666667\n"                            \
    "composition.O2 = 0.3333333333333333\nflow = 3 mol/s\n"                                        \
    "[s]\nkind = separator\nin = a\nout = b, c\nrecovery.CO2 = 0.95, rest\n"                       \
    "specific_energy = 4 GJ/t\nenergy_basis = CO2\n" extra                                         \
    "[p]\nkind = product\nin = b\n[q]\nkind = product\nrole = vent\nspecies = O2\nin = c\n"

static void
test_separator_energy_per_tonne_of_a_recovered_species(void **state)
{
    (void)state;
    /* Anode gas 2 mol/s CO2 + 1 mol/s O2; 95 % of the CO2 recovered at 4 GJ per t of CO2
     * recovered: 1.9 mol/s x 44.009 g/mol = 83.617 g/s -> 4e6 J/kg x 0.083617 kg/s
     * = 334.47 kW. */
    const char *text = REGENERATOR("");
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(unit_value(sim.results, "s", "energy"), 4e6 * 1.9 * 0.044009, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_separator_recovers_a_species_of_the_flowsheets_own_beyond_the_64th_id(void **state)
{
    (void)state;
    /* 60 species of the file's own after the built-in ones: the last has a species id
     * above 64, where the separator's table once ended ("species table too large").
     * 1 mol/s of X59 at a recovery of 0.9 to the first outlet: 0.9 and 0.1 mol/s. */
    char text[16384];
    int n = snprintf(text, sizeof text, "[flowsheet]\nmain_product = X59\n");
    for (int i = 0; i < 60; i++)
        n += snprintf(text + n, sizeof text - (size_t)n,
                      "[species.X%d]\nformula = C%dH%d\nhf = -100 kJ/mol\ngf = -50 kJ/mol\n"
                      "phase = liquid\nsource = made up for this test\n",
                      i, i + 1, 2 * i + 4);
    snprintf(text + n, sizeof text - (size_t)n,
             "[f]\nkind = feed\nout = a\ncomposition.X59 = 1\nflow = 1 mol/s\n"
             "[s]\nkind = separator\nin = a\nout = b, c\nrecovery.X59 = 0.9, 0.1\n"
             "specific_energy = 0 J/kg\n"
             "[p]\nkind = product\nin = b\n[q]\nkind = product\nin = c\n");
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_true(tdm_flowsheet_find_species(fs, "X59") >= 64);
    assert_close(stream_flow(sim.results, "b", "X59"), 0.9, 1e-12);
    assert_close(stream_flow(sim.results, "c", "X59"), 0.1, 1e-12);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

/* The state (T, P) of stream `name`. */
static const tdm_stream_state *
stream_state(const tdm_results *r, const char *name)
{
    for (int s = 0; s < tdm_flowsheet_nstreams(r->fs); s++)
        if (!strcmp(tdm_flowsheet_stream_name(r->fs, s), name)) return &r->streams[s];
    fail();
    return NULL;
}

static void
test_pump_work_is_volume_times_pressure_rise_over_efficiency(void **state)
{
    (void)state;
    /* 10 mol/s of water (18.01528 g/mol: 0.1801528 kg/s) at 1.01325 bar to 10 bar at 75 %,
     * density 997 kg/m3: W = 0.1801528 / 997 x (1e6 - 101325) / 0.75 = 216.515 W. The work
     * stays in the water: dT = W / (n cp) = 216.515 / (10 x 75.3) = 0.2875 K (cp of liquid
     * water 75.3 J/(mol K), CRC). */
    const char *text = "[flowsheet]\nmain_product = H2O\n"
                       "[f]\nkind = feed\nout = a\ncomposition.H2O = 1\nflow = 10 mol/s\n"
                       "[pp]\nkind = pump\nin = a\nout = b\npressure = 10 bar\n"
                       "efficiency = 0.75\n"
                       "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    double W = 0.1801528 / 997 * (1e6 - 101325) / 0.75;
    assert_close(unit_value(sim.results, "pp", "power"), W, 1e-4);
    assert_close(W, 216.515, 1e-5);
    const tdm_stream_state *in = stream_state(sim.results, "a");
    const tdm_stream_state *out = stream_state(sim.results, "b");
    assert_close(out->P, 1e6, 1e-12);
    assert_close(out->T - in->T, W / (10 * 75.3), 1e-2);
    /* and the plant's energy balance closes with the work in it */
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_feed_and_product_take_mass_rates(void **state)
{
    (void)state;
    /* 100 t/day of CO2 = 1.1574074 kg/s / 0.044009 kg/mol = 26.29934 mol/s */
    const char *text = "[flowsheet]\nmain_product = CO2\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\nflow = 100 t/day\n"
                       "[p]\nkind = product\nin = a\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(stream_flow(sim.results, "a", "CO2"), 100e3 / 86400 / 0.044009, 1e-9);
    assert_close(sim.results->summary.product_kg_s, 100e3 / 86400, 1e-9);
    assert_close(sim.results->summary.carbon_efficiency, 1.0, 1e-12);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* A product rate of 1 kg/s C2H4 fixes the feed: 1 / 0.028054 = 35.6455 mol/s */
    const char *text2 = "[flowsheet]\nmain_product = C2H4\n"
                        "[f]\nkind = feed\nout = a\ncomposition.C2H4 = 1\n"
                        "[p]\nkind = product\nin = a\nrate = 1 kg/s\n";
    fs = solve_text(text2, &sim);
    assert_close(stream_flow(sim.results, "a", "C2H4"), 1 / 0.028054, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_product_purity_below_its_specification_is_reported(void **state)
{
    (void)state;
    const char *text = "[flowsheet]\nmain_product = CO\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO = 0.9\ncomposition.H2 = 0.1\n"
                       "flow = 1 mol/s\n[p]\nkind = product\nin = a\npurity = 0.95\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_non_null(sim.results->units[1].failed);
    assert_non_null(strstr(sim.results->units[1].failed, "purity of CO is 0.9000"));
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

/* Enthalpy increments from the NIST-JANAF tables (Chase, 1998), H(1000 K) - H(298.15 K):
 * CO2 33.397, N2 21.463, H2O(g) 26.000 kJ/mol; vaporization of water at 25 C 44.0 kJ/mol
 * (CRC: -241.8 + 285.8). Tolerance 0.3 % for the NASA polynomials against JANAF. */
static void
test_heater_duty_follows_the_janaf_enthalpies(void **state)
{
    (void)state;
    const char *text =
        "[flowsheet]\nmain_product = CO2\n"
        "[f]\nkind = feed\nout = a\ncomposition.CO2 = 0.5\ncomposition.N2 = 0.5\nflow = 2 mol/s\n"
        "[h]\nkind = heater\nin = a\nout = b\ntemperature = 1000 K\n"
        "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(unit_value(sim.results, "h", "duty"), 33397 + 21463, 3e-3);
    assert_int_equal(sim.results->units[1].nduty, 1);
    assert_close(sim.results->units[1].duty[0].t_k, 1000, 1e-12);
    assert_true(sim.results->summary.energy.rel < 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* 1 mol/s of liquid water at 25 C to steam at 1000 K: 44.0 + 26.0 = 70.0 kW; and a
     * cooler taking it back gives the same heat out. */
    const char *text2 = "[flowsheet]\nmain_product = H2O\n"
                        "[f]\nkind = feed\nout = a\ncomposition.H2O = 1\nflow = 1 mol/s\n"
                        "[h]\nkind = heater\nin = a\nout = b\ntemperature = 1000 K\n"
                        "[c]\nkind = cooler\nin = b\nout = c\ntemperature = 25 C\n"
                        "[p]\nkind = product\nin = c\n";
    fs = solve_text(text2, &sim);
    assert_close(unit_value(sim.results, "h", "duty"), 70000, 3e-3);
    assert_close(unit_value(sim.results, "c", "duty"), 70000, 3e-3);
    assert_close(sim.results->summary.heat_in_w, sim.results->summary.heat_out_w, 1e-12);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_compressor_follows_the_isentropic_ideal_gas(void **state)
{
    (void)state;
    /* 1 mol/s N2 from 1 to 3 bar at 25 C, efficiency 0.8. With cp about 29.17 J/(mol K)
     * between 298 and 410 K: T2s = 298.15 x 3^(8.3145/29.17) = 408.0 K; isentropic work
     * 29.17 x (408.0 - 298.15) = 3.204 kW; shaft work 3.204 / 0.8 = 4.006 kW. */
    const char *text =
        "[flowsheet]\nmain_product = N2\n"
        "[f]\nkind = feed\nout = a\ncomposition.N2 = 1\nflow = 1 mol/s\npressure = 1 bar\n"
        "[c]\nkind = compressor\nin = a\nout = b\npressure = 3 bar\nefficiency = 0.8\n"
        "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(unit_value(sim.results, "c", "isentropic_temperature"), 408.0, 2e-3);
    assert_close(unit_value(sim.results, "c", "power"), 4006, 5e-3);
    assert_close(sim.results->summary.electric_w, unit_value(sim.results, "c", "power"), 1e-12);
    /* adiabatic: no heat duty, and the energy balance closes */
    assert_int_equal(sim.results->units[1].nduty, 0);
    assert_true(sim.results->summary.energy.rel < 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_reactor_at_pressure_compresses_its_feed(void **state)
{
    (void)state;
    /* Nearly pure N2 (0.1 % CO2 + H2 to react) from 1 to 3 bar at 25 C, efficiency 0.8:
     * the compression of test_compressor_follows_the_isentropic_ideal_gas, 4.006 kW
     * (cp about 29.17 J/(mol K): T2s = 408.0 K, 3.204 kW isentropic), to 0.5 % for the
     * traces and the variation of cp. */
    const char *text =
        "[flowsheet]\nmain_product = CO\n"
        "[f]\nkind = feed\nout = a\ncomposition.N2 = 0.999\ncomposition.CO2 = 0.0005\n"
        "composition.H2 = 0.0005\nflow = 1 mol/s\npressure = 1 bar\n"
        "[r]\nkind = reactor\nin = a\nout = b\nkey_reactant = CO2\nconversion = 0.5\n"
        "temperature = 25 C\npressure = 3 bar\ncompression_efficiency = 0.8\n"
        "reaction.rwgs = CO2 + H2 -> CO + H2O\n"
        "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(unit_value(sim.results, "r", "compression_power"), 4006, 5e-3);
    assert_close(sim.results->summary.electric_w, 4006, 5e-3);
    assert_null(sim.results->units[1].failed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* without an efficiency the compression cannot be priced: the unit says so */
    char text2[1200];
    snprintf(text2, sizeof text2, "%s", text);
    char *at = strstr(text2, "compression_efficiency = 0.8\n");
    memmove(at, at + strlen("compression_efficiency = 0.8\n"),
            strlen(at + strlen("compression_efficiency = 0.8\n")) + 1);
    fs = solve_text(text2, &sim);
    assert_non_null(sim.results->units[1].failed);
    assert_non_null(strstr(sim.results->units[1].failed,
                           "[r] the feed must be compressed to 3 bar: give "
                           "`compression_efficiency`"));
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_heat_driven_separator_takes_heat_not_power(void **state)
{
    (void)state;
    /* The regenerator of test_separator_energy_per_tonne_of_a_recovered_species as heat:
     * 4 GJ/t x 1.9 mol/s x 44.009 g/mol = 334.47 kW, taken at 120 C (the default reboiler)
     * and rejected again at the separator's 25 C; no electricity. */
    const char *text = REGENERATOR("energy_form = heat\n");
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    const tdm_unit_result *r = &sim.results->units[1];
    double W = 4e6 * 1.9 * 0.044009;
    assert_close(unit_value(sim.results, "s", "heat"), W, 1e-9);
    assert_close(unit_value(sim.results, "s", "energy"), 0, 0);
    assert_close(r->electric_w + 1, 1, 1e-15);
    bool taken = false, rejected = false;
    for (int i = 0; i < r->nduty; i++) {
        if (fabs(r->duty[i].q_w - W) < 1e-6 * W && fabs(r->duty[i].t_k - 393.15) < 1e-9)
            taken = true;
        if (r->duty[i].q_w < 0 && fabs(r->duty[i].t_k - 298.15) < 1e-9) rejected = true;
    }
    assert_true(taken);
    assert_true(rejected);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

/* The heat duty of unit i supplied at temperature T (K), W; 0 when none. */
static double
duty_at(const tdm_results *res, int i, double T)
{
    double q = 0;
    for (int d = 0; d < res->units[i].nduty; d++)
        if (res->units[i].duty[d].q_w > 0 && fabs(res->units[i].duty[d].t_k - T) < 1e-9)
            q += res->units[i].duty[d].q_w;
    return q;
}

#define ANODE_GAS(method)                                                                          \
    "[flowsheet]\nmain_product = CO2\n"                                                            \
    "[f]\nkind = feed\nout = a\ncomposition.CO2 = 0.6666666666666667\n"                            \
    "composition.O2 = 0.3333333333333333\nflow = 3 mol/s\n"                                        \
    "[s]\nkind = separator\nin = a\nout = b, c\nrecovery.CO2 = 0.95, rest\n" method                \
    "[p]\nkind = product\nin = b\n[q]\nkind = product\nrole = vent\nspecies = O2\nin = c\n"

static void
test_regeneration_methods_take_their_published_energy(void **state)
{
    (void)state;
    /* 2:1 CO2:O2 anode gas, 3 mol/s, 95 % of the CO2 recovered: 1.9 mol/s x 44.009 g/mol =
     * 0.0836171 kg/s.
     * amine (Kim et al. 2015, lean loading 0.20): 3.35 GJ/t of heat at 123 C (396.15 K) and
     * no electricity: 3.35e6 x 0.0836171 = 280.117 kW.
     * calcium loop (Keith et al. 2018): 5.25 GJ/t at 900 C: 438.990 kW, and 366 kWh/t =
     * 1.3176 GJ/t of electricity: 110.174 kW.
     * psa (Jouny et al. 2018): 0.25 kWh per normal m3 of the whole gas treated: 3 mol/s x
     * 0.022414 m3/mol x 9e5 J/m3 = 60.518 kW (22.414 L/mol at 0 C and 1 atm). */
    double kg = 1.9 * 0.044009;
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(ANODE_GAS("regeneration = amine\n"), &sim);
    assert_close(unit_value(sim.results, "s", "heat"), 3.35e6 * kg, 1e-9);
    assert_close(duty_at(sim.results, 1, 396.15), 3.35e6 * kg, 1e-9);
    assert_close(sim.results->units[1].electric_w + 1, 1, 1e-15);
    assert_close(unit_value(sim.results, "s", "heat_per_mass"), 3.35e6, 1e-9);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);

    fs = solve_text(ANODE_GAS("regeneration = calcium_loop\n"), &sim);
    assert_close(duty_at(sim.results, 1, 1173.15), 5.25e6 * kg, 1e-9);
    assert_close(sim.results->units[1].electric_w, 366 * 3.6e3 * kg, 1e-9);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);

    fs = solve_text(ANODE_GAS("regeneration = psa\n"), &sim);
    assert_close(sim.results->units[1].electric_w, 3 * 0.0224140 * 9e5, 1e-4);
    assert_close(unit_value(sim.results, "s", "heat"), 0, 0);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);

    /* a key of the section wins over the method's: Kim's lean loading 0.375, 3.61 GJ/t at
     * 115 C */
    fs = solve_text(ANODE_GAS("regeneration = amine\nspecific_heat = 3.61 GJ/t\n"
                              "heat_temperature = 115 C\n"),
                    &sim);
    assert_close(duty_at(sim.results, 1, 388.15), 3.61e6 * kg, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);

    /* an unknown method is refused at its line, naming the ones there are */
    tdm_flowsheet *bad = NULL;
    tdm_error err;
    const char *text = ANODE_GAS("regeneration = amines\n");
    assert_int_not_equal(tdm_flowsheet_load_string(text, strlen(text), "x.ini", &bad, &err), 0);
    assert_non_null(strstr(err.msg, "x.ini:14: [s] unknown regeneration `amines`: one of "
                                    "`amine`, `calcium_loop`, `psa`"));
    tdm_flowsheet_free(bad);
}

#define COLUMN(x_ethanol, x_water)                                                                 \
    "[flowsheet]\nmain_product = C2H5OH\n"                                                         \
    "[f]\nkind = feed\nout = a\ncomposition.C2H5OH = " x_ethanol "\ncomposition.H2O = " x_water    \
    "\nflow = 100 mol/s\n"                                                                         \
    "[col]\nkind = separator\nin = a\nout = top, bottoms\nrecovery.C2H5OH = 0.99, rest\n"          \
    "recovery.H2O = 0.005, rest\nlight_key = C2H5OH\nheavy_key = H2O\nrelative_volatility = 10\n"  \
    "[p]\nkind = product\nin = top\n[w]\nkind = product\nrole = vent\nspecies = H2O\nin = "        \
    "bottoms\n"

static void
test_a_column_boils_up_what_its_feed_dilution_asks(void **state)
{
    (void)state;
    /* Latent heats at the normal boiling points, against the CRC Handbook's: water 40.65
     * kJ/mol at 100 C (within 1 %), ethanol 38.56 at 78.3 C (tandem's constant liquid heat
     * capacity puts it 4.7 % high: within 5 %). */
    const tdm_species *W = tdm_species_get(tdm_species_find("H2O"));
    const tdm_species *E = tdm_species_get(tdm_species_find("C2H5OH"));
    assert_close(tdm_species_hvap(W, W->tb), 40650, 1e-2);
    assert_close(tdm_species_hvap(E, E->tb), 38560, 5e-2);
    /* 100 mol/s of 1 mol% ethanol; 99 % of the ethanol and 0.5 % of the water go up: the
     * distillate is 0.99 mol/s ethanol and 0.495 water, x_D = 2/3, x_F = 0.01. Underwood at
     * alpha = 10: R_min = (0.66667 / 0.01 - 10 x 0.33333 / 0.99) / 9 = (66.667 - 3.3670) / 9
     * = 7.0333; R = 1.3 R_min = 9.1433; boil-up (R + 1) D, so the reboiler takes 10.1433 x
     * (0.99 lambda_ethanol + 0.495 lambda_water) at water's boiling point, and the condenser
     * gives it back at ethanol's. */
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(COLUMN("0.01", "0.99"), &sim);
    double lam = 0.99 * tdm_species_hvap(E, E->tb) + 0.495 * tdm_species_hvap(W, W->tb);
    double rmin = (0.99 / 1.485 / 0.01 - 10 * (0.495 / 1.485) / 0.99) / 9;
    assert_close(rmin, 7.0333, 1e-4);
    assert_close(unit_value(sim.results, "col", "minimum_reflux_ratio"), rmin, 1e-9);
    assert_close(unit_value(sim.results, "col", "heat"), (1.3 * rmin + 1) * lam, 1e-9);
    assert_close(duty_at(sim.results, 1, W->tb), (1.3 * rmin + 1) * lam, 1e-9);
    bool condenser = false;
    for (int d = 0; d < sim.results->units[1].nduty; d++)
        condenser |= sim.results->units[1].duty[d].q_w < 0 &&
                     fabs(sim.results->units[1].duty[d].t_k - E->tb) < 1e-9;
    assert_true(condenser);
    assert_true(sim.results->summary.closed);
    double q1 = unit_value(sim.results, "col", "heat");
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* Half the ethanol in the feed (0.5 mol%), the same recoveries: 0.495 mol/s of ethanol
     * and 0.4975 of water go up, x_D = 0.498741, R_min = (0.498741 / 0.005 - 10 x 0.501259 /
     * 0.995) / 9 = 10.5234: about twice the heat per tonne of ethanol. */
    fs = solve_text(COLUMN("0.005", "0.995"), &sim);
    double rmin2 = (0.495 / 0.9925 / 0.005 - 10 * (0.4975 / 0.9925) / 0.995) / 9;
    assert_close(rmin2, 10.5234, 1e-4);
    double D = stream_flow(sim.results, "top", "C2H5OH");
    assert_close(D, 0.495, 1e-9);
    double lam2 = 0.495 * tdm_species_hvap(E, E->tb) + 0.4975 * tdm_species_hvap(W, W->tb);
    assert_close(unit_value(sim.results, "col", "heat"), (1.3 * rmin2 + 1) * lam2, 1e-9);
    assert_true(unit_value(sim.results, "col", "heat") / D > 1.9 * q1 / 0.99);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

#define PURE_COLUMN(x_ethanol, x_water, outs, extra)                                               \
    "[flowsheet]\nmain_product = C2H5OH\n"                                                         \
    "[f]\nkind = feed\nout = a\ncomposition.C2H5OH = " x_ethanol "\ncomposition.H2O = " x_water    \
    "\nflow = 100 mol/s\n"                                                                         \
    "[col]\nkind = separator\nin = a\nout = top, " outs "\nlight_key = C2H5OH\nheavy_key = H2O\n"  \
    "relative_volatility = 10\ndistillate_purity = 0.6666666666666666\n" extra                     \
    "[p]\nkind = product\nin = top\n[w]\nkind = product\nrole = vent\nspecies = H2O\nin = "        \
    "bottoms\n"

static void
test_a_column_keeps_its_distillate_grade_when_the_feed_moves(void **state)
{
    (void)state;
    const tdm_species *W = tdm_species_get(tdm_species_find("H2O"));
    const tdm_species *E = tdm_species_get(tdm_species_find("C2H5OH"));
    /* The first case of the test above with its distillate stated instead of its water
     * recovery: x_D = 2/3 sends up 0.5 mol of water per mol of ethanol, 0.495 mol/s of the
     * 99 fed, the same column. */
    tdm_simulation sim;
    tdm_flowsheet *fs =
        solve_text(PURE_COLUMN("0.01", "0.99", "bottoms", "recovery.C2H5OH = 0.99, rest\n"), &sim);
    assert_close(stream_flow(sim.results, "top", "H2O"), 0.495, 1e-9);
    assert_close(stream_flow(sim.results, "bottoms", "H2O"), 99 - 0.495, 1e-9);
    assert_close(unit_value(sim.results, "col", "minimum_reflux_ratio"), 7.0333, 1e-4);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    /* Half the ethanol in the feed: 0.495 mol/s of ethanol and, at x_D = 2/3, 0.2475 of
     * water go up (a fixed recovery of water, above, let x_D fall to 0.4987). R_min =
     * (0.66667 / 0.005 - 10 x 0.33333 / 0.995) / 9 = (133.333 - 3.3501) / 9 = 14.4426. */
    tdm_flowsheet_free(fs);
    fs = solve_text(PURE_COLUMN("0.005", "0.995", "bottoms", "recovery.C2H5OH = 0.99, rest\n"),
                    &sim);
    assert_close(stream_flow(sim.results, "top", "H2O"), 0.2475, 1e-9);
    assert_close(unit_value(sim.results, "col", "top_light_key"), 2.0 / 3, 1e-9);
    double rmin = (2.0 / 3 / 0.005 - 10 * (1.0 / 3) / 0.995) / 9;
    assert_close(rmin, 14.4426, 1e-4);
    double lam = 0.495 * tdm_species_hvap(E, E->tb) + 0.2475 * tdm_species_hvap(W, W->tb);
    assert_close(unit_value(sim.results, "col", "heat"), (1.3 * rmin + 1) * lam, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* Three outlets: 40 % of the water to the middle one, the distillate's share taken from
     * the bottoms: 99 x 0.6 - 0.495 = 58.905 mol/s there. */
    fs = solve_text(PURE_COLUMN("0.01", "0.99", "mid, bottoms",
                                "recovery.C2H5OH = 0.99, 0, rest\nrecovery.H2O = 0, 0.4, rest\n"
                                "[m]\nkind = product\nrole = vent\nspecies = H2O\nin = mid\n"),
                    &sim);
    assert_close(stream_flow(sim.results, "mid", "H2O"), 39.6, 1e-9);
    assert_close(stream_flow(sim.results, "bottoms", "H2O"), 58.905, 1e-9);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* the heavy key's recovery besides the purity is refused at its line */
    tdm_flowsheet *bad = NULL;
    tdm_error err;
    const char *text = PURE_COLUMN("0.01", "0.99", "bottoms",
                                   "recovery.C2H5OH = 0.99, rest\nrecovery.H2O = 0.005, rest\n");
    assert_int_not_equal(tdm_flowsheet_load_string(text, strlen(text), "x.ini", &bad, &err), 0);
    assert_non_null(strstr(err.msg, "x.ini:18: [col] the H2O sent up follows `distillate_purity`: "
                                    "give no `recovery.H2O`"));
    tdm_flowsheet_free(bad);
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
test_a_steam_raiser_boils_at_the_boiling_point(void **state)
{
    (void)state;
    /* 1 mol/s of water from 25 C to 200 C: 75.3 J/(mol K) x (373.10 - 298.15) K = 5643.7 W
     * to the boiling point, the latent heat at it (tdm_species_hvap, 40.87 kJ/mol: within 1 %
     * of the steam tables, test_a_column_boils_up_what_its_feed_dilution_asks), and the
     * vapour's heat from 100 to 200 C. The latent part was priced as heat at 200 C (or 800 C
     * for a SOEC's steam); it is now a duty at 100 C of its own. */
    const char *text = "[flowsheet]\nmain_product = H2O\n"
                       "[f]\nkind = feed\nout = a\ncomposition.H2O = 1\nflow = 1 mol/s\n"
                       "[h]\nkind = heater\nin = a\nout = b\ntemperature = 200 C\n"
                       "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    const tdm_unit_result *r = &sim.results->units[1];
    const tdm_species *W = tdm_species_get(TDM_SPECIES_H2O);
    assert_int_equal(r->nduty, 3);
    assert_close(r->duty[0].q_w, 75.3 * (W->tb - 298.15), 1e-9);
    assert_close(r->duty[0].t_k, W->tb, 1e-12);
    assert_close(r->duty[1].q_w, tdm_species_hvap(W, W->tb), 1e-6);
    assert_close(r->duty[1].t_k, W->tb, 1e-12);
    assert_close(r->duty[2].t_k, 473.15, 1e-12);
    double q = r->duty[0].q_w + r->duty[1].q_w + r->duty[2].q_w;
    assert_close(q, tdm_species_h(W, 473.15) - tdm_species_h(W, 298.15), 1e-9);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
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
test_reactor_extents_follow_conversion_and_selectivity(void **state)
{
    (void)state;
    /* 1 C2H4, 1 CO, 3 H2 (mol/s); 50 % of the C2H4 converts: 60 % to propanal, 20 % to
     * propanol, the rest (20 %) to ethane. Extents 0.3, 0.1, 0.1 mol/s; out: C2H4 0.5,
     * CO 1 - 0.3 - 0.1 = 0.6, H2 3 - 0.3 - 0.2 - 0.1 = 2.4, propanal 0.3, propanol 0.1,
     * ethane 0.1. */
    const char *text =
        "[flowsheet]\nmain_product = C2H5CHO\n"
        "[f]\nkind = feed\nout = a\ncomposition.C2H4 = 0.2\ncomposition.CO = 0.2\n"
        "composition.H2 = 0.6\nflow = 5 mol/s\n"
        "[r]\nkind = reactor\nin = a\nout = b\nkey_reactant = C2H4\nconversion = 0.5\n"
        "reaction.hf = C2H4 + CO + H2 -> C2H5CHO\nreaction.hyd = C2H4 + CO + 2 H2 -> C3H7OH\n"
        "reaction.eth = C2H4 + H2 -> C2H6\nselectivity.hf = 0.6\nselectivity.hyd = 0.2\n"
        "selectivity.eth = rest\ntemperature = 200 C\n"
        "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    const tdm_results *r = sim.results;
    assert_close(stream_flow(r, "b", "C2H4"), 0.5, 1e-12);
    assert_close(stream_flow(r, "b", "CO"), 0.6, 1e-12);
    assert_close(stream_flow(r, "b", "H2"), 2.4, 1e-12);
    assert_close(stream_flow(r, "b", "C2H5CHO"), 0.3, 1e-12);
    assert_close(stream_flow(r, "b", "C3H7OH"), 0.1, 1e-12);
    assert_close(stream_flow(r, "b", "C2H6"), 0.1, 1e-12);
    assert_true(r->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_reactor_heat_of_reaction_at_25_c_from_crc(void **state)
{
    (void)state;
    /* CO2 + 4 H2 -> CH4 + 2 H2O(l) at 25 C: dHr = -74.6 + 2 (-285.8) + 393.5 = -252.7 kJ/mol
     * (CRC). 1 mol/s CO2 at 80 % conversion releases 0.8 x 252.7 = 202.16 kW at 25 C. */
    const char *text =
        "[flowsheet]\nmain_product = CH4\n"
        "[f]\nkind = feed\nout = a\ncomposition.CO2 = 0.2\ncomposition.H2 = 0.8\n"
        "flow = 5 mol/s\n"
        "[r]\nkind = reactor\nin = a\nout = b\nkey_reactant = CO2\nconversion = 0.8\n"
        "reaction.sabatier = CO2 + 4 H2 -> CH4 + 2 H2O\ntemperature = 25 C\n"
        "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(unit_value(sim.results, "r", "reaction_heat"), -0.8 * 252700, 1e-9);
    assert_close(sim.results->summary.heat_out_w, 0.8 * 252700, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_bioreactor_closes_the_black_box_balance(void **state)
{
    (void)state;
    /* Ethanol (46.069 g/mol) to biomass CH1.8O0.5N0.2 (24.6263 g/C-mol) at 0.5 g/g:
     * y = 0.5 x 46.069 / 24.6263 = 0.93535 C-mol/mol. Balances per mol ethanol:
     *   C: CO2 = 2 - 0.93535 = 1.06465;  N: NH3 = 0.2 x 0.93535 = 0.18707
     *   H: H2O = (6 + 3 x 0.18707 - 1.8 x 0.93535) / 2 = 2.43879
     *   O: O2 = (0.5 x 0.93535 + 2 x 1.06465 + 2.43879 - 1) / 2 = 2.01788
     * Heat at 25 C: 0.93535 (-91.2) + 1.06465 (-393.5) + 2.43879 (-285.8) + 277.6
     *   + 0.18707 (45.9) = -915.06 kJ per mol of ethanol (CRC; biomass from Roels). */
    const char *text =
        "[flowsheet]\nmain_product = biomass\n"
        "[f]\nkind = feed\nout = a\ncomposition.C2H5OH = 1\nflow = 1 mol/s\n"
        "[bio]\nkind = bioreactor\nin = a\nout = broth\noffgas = gas\nsubstrate = C2H5OH\n"
        "conversion = 1\nyield.biomass = 0.5 g/g\ntiter = 50 g/L\n"
        "productivity = 2 g/(L h)\naeration_power = 0 kW/m3\nagitation_power = 0 kW/m3\n"
        "temperature = 25 C\nph = 7\n"
        "[p]\nkind = product\nin = broth\n[g]\nkind = product\nrole = vent\nspecies = CO2\nin = "
        "gas\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    const tdm_results *r = sim.results;
    double y = 0.5 * 46.069 / 24.6263;
    assert_close(stream_flow(r, "broth", "biomass"), y, 1e-4);
    assert_close(stream_flow(r, "gas", "CO2"), 2 - y, 1e-4);
    assert_close(unit_value(r, "bio", "o2_uptake"), 2.01788 * 0.031998, 1e-4);
    assert_close(unit_value(r, "bio", "metabolic_heat"), 915060, 1e-4);
    /* volume = 0.93535 x 24.6263 g/s / (2 g/(L h)) = 41.46 m3; broth water = product mass /
     * titer x 997 kg/m3 */
    assert_close(unit_value(r, "bio", "volume"), y * 24.6263 * 3600 / 2 / 1000, 1e-4);
    assert_close(stream_flow(r, "broth", "H2O"), y * 0.0246263 / 50 * 997 / 0.018015, 1e-4);
    assert_true(r->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_anaerobic_bioreactor_closes_by_a_balance_yield(void **state)
{
    (void)state;
    /* CO to acetate by an acetogen: 0.1 C-mol biomass per mol CO, acetate by balance. Per
     * mol CO (degree of reduction: CO 2, biomass 4.2, acetate 8):
     *   N: NH3 = 0.1 x 0.2 = 0.02
     *   electrons: 2 = 0.1 x 4.2 + 8 a  ->  a = 0.1975 mol acetate
     *   C: CO2 = 1 - 0.1 - 2 a = 0.505;  O: H2O = 2 a - 0.85 = -0.455 (taken up)
     * Heat (CRC; biomass from Roels), kJ per mol CO:
     *   0.1 (-91.2) + 0.1975 (-484.3) + 0.505 (-393.5)
     *   - (-110.5 + 0.02 (-45.9) + 0.455 (-285.8)) = -62.02975 */
    const char *text =
        "[flowsheet]\nmain_product = CH3COOH\n"
        "[f]\nkind = feed\nout = a\ncomposition.CO = 1\nflow = 1 mol/s\n"
        "[bio]\nkind = bioreactor\nin = a\nout = broth\noffgas = gas\nsubstrate = CO\n"
        "anaerobic = yes\nconversion = 1\nyield.biomass = 0.1 mol/mol\n"
        "yield.CH3COOH = balance\ntiter = 20 g/L\nproductivity = 1 g/(L h)\n"
        "aeration_power = 0 kW/m3\nagitation_power = 0 kW/m3\ntemperature = 25 C\n"
        "[p]\nkind = product\nin = broth\n[g]\nkind = product\nrole = vent\nspecies = CO2\nin = "
        "gas\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    const tdm_results *r = sim.results;
    assert_close(stream_flow(r, "broth", "CH3COOH"), 0.1975, 1e-9);
    assert_close(stream_flow(r, "broth", "biomass"), 0.1, 1e-9);
    assert_close(stream_flow(r, "gas", "CO2"), 0.505, 1e-9);
    assert_close(unit_value(r, "bio", "o2_uptake"), 0, 1e-9);
    assert_close(unit_value(r, "bio", "yield.CH3COOH"), 0.1975, 1e-9);
    assert_close(unit_value(r, "bio", "nitrogen_source"), 0.02 * 0.017031, 1e-3);
    assert_close(unit_value(r, "bio", "metabolic_heat"), 62029.75, 1e-6);
    assert_true(r->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_bioreactor_with_two_substrates_closes_each(void **state)
{
    (void)state;
    /* Acetic acid and ethanol, 1 mol/s each, fully taken up with 0.5 g/g biomass on each.
     * Acetate (60.052 g/mol): y = 0.5 x 60.052 / 24.6263 = 1.21927 C-mol/mol,
     *   CO2 = 2 - 1.21927 = 0.78073, NH3 = 0.24385,
     *   H2O = (4 + 3 x 0.24385 - 1.8 x 1.21927) / 2 = 1.26839,
     *   O2 = (0.5 x 1.21927 + 2 x 0.78073 + 1.26839 - 2) / 2 = 0.71975.
     * Ethanol as in the single-substrate test: biomass 0.93535, CO2 1.06465, O2 2.01788. */
    const char *text =
        "[flowsheet]\nmain_product = biomass\n"
        "[f]\nkind = feed\nout = a\ncomposition.C2H5OH = 0.5\ncomposition.CH3COOH = 0.5\n"
        "flow = 2 mol/s\n"
        "[bio]\nkind = bioreactor\nin = a\nout = broth\noffgas = gas\n"
        "substrate = CH3COOH, C2H5OH\nconversion = 1\nyield.biomass = 0.5 g/g\n"
        "productivity = 2 g/(L h)\naeration_power = 0 kW/m3\nagitation_power = 0 kW/m3\n"
        "temperature = 25 C\n"
        "[p]\nkind = product\nin = broth\n[g]\nkind = product\nrole = vent\nspecies = CO2\nin = "
        "gas\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    const tdm_results *r = sim.results;
    assert_close(stream_flow(r, "broth", "biomass"), 1.21927 + 0.93535, 1e-4);
    assert_close(stream_flow(r, "gas", "CO2"), 0.78073 + 1.06465, 1e-4);
    assert_close(unit_value(r, "bio", "o2_uptake"), (0.71975 + 2.01788) * 0.031998, 1e-4);
    assert_true(r->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

/* An anaerobe with no biomass yield and one product by balance, fed `feed` (its
 * composition and flow), consuming `substrates` at 90 %, CO2 fixation allowed. */
#define GAS_BIO(feed, substrates, product)                                                         \
    "[flowsheet]\nmain_product = " product "\n"                                                    \
    "[f]\nkind = feed\nout = a\n" feed                                                             \
    "[bio]\nkind = bioreactor\nin = a\nout = broth\noffgas = gas\nsubstrate = " substrates "\n"    \
    "anaerobic = yes\nconversion = 0.9\nyield." product " = balance\nco2_fixation = yes\n"         \
    "titer = 20 g/L\nproductivity = 1 g/(L h)\naeration_power = 0 kW/m3\n"                         \
    "agitation_power = 0 kW/m3\n"                                                                  \
    "temperature = 37 C\n"                                                                         \
    "[p]\nkind = product\nin = broth\n[g]\nkind = product\nrole = vent\nin = gas\n"

static void
test_gas_fermentations_close_their_carbon(void **state)
{
    (void)state;
    /* Hand stoichiometry, each substrate closed on its own (electrons to the product, C to
     * CO2, O to water):
     *   4 CO + 2 H2O -> CH3COOH + 2 CO2       per CO: 1/4 acetate, +1/2 CO2
     *   4 H2 + 2 CO2 -> CH3COOH + 2 H2O       per H2: 1/4 acetate, -1/2 CO2
     *   6 CO + 3 H2O -> C2H5OH + 4 CO2        per CO: 1/6 ethanol, +2/3 CO2
     *   6 H2 + 2 CO2 -> C2H5OH + 3 H2O        per H2: 1/6 ethanol, -1/3 CO2
     * so CO and H2 at 1:2 give 2 CO + 4 H2 -> C2H5OH + H2O, with no CO2 either way.
     * The CO2 an autotroph fixes comes from its feed. Once it came from outside the plant:
     * a stage fed H2 and CO2 vented all its CO2 and claimed all the carbon fed, and a stage
     * fed CO and H2 together did not close its carbon. At 90 % conversion:
     * (a) CO alone, 10 mol/s: acetate 2.25, CO2 4.5 mol/s to the off-gas, CO 1 left;
     * (b) H2 8 and CO2 5 mol/s: acetate 0.25 x 7.2 = 1.8, CO2 5 - 3.6 = 1.4 left; carbon
     *     efficiency 2 x 1.8 / 5 = 72 %;
     * (c) CO 2 and H2 4 mol/s: ethanol 0.9 (2/6 + 4/6) = 0.9, CO2 0.9 (2 x 2/3 - 4/3) = 0;
     *     carbon efficiency 2 x 0.9 / 2 = 90 %;
     * (d) CO 1 and H2 2 mol/s to acetate: CO2 0.9 (1/2 - 2/2) = -0.45: the feed lacks it. */
    static const struct {
        const char *text, *gas_species;
        double product, co2, ce;
    } cases[] = {
        {GAS_BIO("composition.CO = 1\nflow = 10 mol/s\n", "CO", "CH3COOH"), "CH3COOH", 2.25, 4.5,
         2 * 2.25 / 10},
        {GAS_BIO("composition.H2 = 0.6153846153846154\ncomposition.CO2 = 0.3846153846153846\n"
                 "flow = 13 mol/s\n",
                 "H2", "CH3COOH"),
         "CH3COOH", 1.8, 1.4, 0.72},
        {GAS_BIO("composition.CO = 0.3333333333333333\ncomposition.H2 = 0.6666666666666667\n"
                 "flow = 6 mol/s\n",
                 "CO, H2", "C2H5OH"),
         "C2H5OH", 0.9, 0, 0.9},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tdm_simulation sim;
        tdm_flowsheet *fs = solve_text(cases[i].text, &sim);
        const tdm_results *r = sim.results;
        assert_close(stream_flow(r, "broth", cases[i].gas_species), cases[i].product, 1e-9);
        assert_true(fabs(stream_flow(r, "gas", "CO2") - cases[i].co2) < 1e-9);
        assert_close(r->summary.carbon_efficiency, cases[i].ce, 1e-9);
        assert_true(r->summary.closed);
        tdm_simulation_free(&sim);
        tdm_flowsheet_free(fs);
    }
    tdm_error err = fail_text(GAS_BIO("composition.CO = 0.3333333333333333\n"
                                      "composition.H2 = 0.6666666666666667\nflow = 3 mol/s\n",
                                      "CO, H2", "CH3COOH"));
    assert_int_equal(err.cls, TDM_ESOLVE);
    assert_non_null(strstr(err.msg, "CO2 in stream `gas` (mol/s) would be -0.45"));
    assert_non_null(strstr(err.msg, "an autotroph takes its CO2 from its feed"));
}

static void
test_bioreactor_refuses_yields_no_balance_can_close(void **state)
{
    (void)state;
    /* 2 g/g of biomass from ethanol is 3.74 C-mol per mol: more carbon than its 2. */
    const char *text =
        "[flowsheet]\nmain_product = biomass\n"
        "[f]\nkind = feed\nout = a\ncomposition.C2H5OH = 1\n"
        "[bio]\nkind = bioreactor\nin = a\nout = broth\noffgas = gas\nsubstrate = C2H5OH\n"
        "conversion = 1\nyield.biomass = 2 g/g\nproductivity = 2 g/(L h)\n"
        "aeration_power = 1 kW/m3\nagitation_power = 1 kW/m3\ntemperature = 30 C\n"
        "[p]\nkind = product\nin = broth\nrate = 1 t/day\n[g]\nkind = product\nrole = vent\n"
        "species = CO2\nin = gas\n";
    tdm_error err = fail_text(text);
    assert_int_equal(err.cls, TDM_EINPUT);
    assert_non_null(strstr(err.msg, "test.ini:14: [bio] the yields put 1.741 mol more carbon"));
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

/* The registry's contract: every kind names itself and says what it does, has ports and
 * documented keys, its equations in symbols for `tandem explain`, the label of its
 * electricity in a cost report, and the hooks every unit needs; a new kind that forgets
 * one fails here, not in a report. Only the electrolyzer is electrochemical. */
static void
test_every_kind_carries_its_presentation(void **state)
{
    (void)state;
    assert_true(tdm_unit_kind_count() >= 12);
    for (int i = 0; i < tdm_unit_kind_count(); i++) {
        const tdm_unit_kind *k = tdm_unit_kind_get(i);
        assert_non_null(k->name);
        assert_non_null(k->summary);
        assert_non_null(k->legend);
        assert_true(strlen(k->legend) > 10);
        assert_non_null(k->electricity_label);
        assert_non_null(strstr(k->electricity_label, k->name));
        assert_non_null(k->ports);
        assert_non_null(k->ports[0].key);
        for (const tdm_port_spec *p = k->ports; p->key; p++)
            assert_non_null(p->doc);
        assert_non_null(k->keys);
        for (const tdm_key_spec *key = k->keys; key->key; key++)
            assert_non_null(key->doc);
        assert_non_null(k->parse);
        assert_non_null(k->declare);
        assert_int_equal(k->electrochemical, !strcmp(k->name, "electrolyzer"));
        /* a fill is a Graphviz colour, #rrggbb */
        if (k->fill) assert_true(strlen(k->fill) == 7 && k->fill[0] == '#');
    }
}

/* An error's parts are fields: its line, the unit it is about and the message without its
 * place, so that a caller that re-attributes it (a CSV column, an [optimize] line) never
 * parses the text. */
static void
test_an_error_carries_its_place_as_fields(void **state)
{
    (void)state;
    const char *text = "[flowsheet]\nmain_product = CO2\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\nflow = -1 mol/s\n"
                       "[p]\nkind = product\nin = a\n";
    tdm_flowsheet *fs = NULL;
    tdm_error err;
    assert_int_not_equal(tdm_flowsheet_load_string(text, strlen(text), "x.ini", &fs, &err), 0);
    assert_int_equal(err.cls, TDM_EINPUT);
    assert_int_equal(err.line, 7);
    assert_string_equal(err.section, "f");
    assert_memory_equal(err.msg, "x.ini:7: [f] ", 13);
    assert_int_equal(err.text, (int)strlen("x.ini:7: "));
    assert_int_equal(err.detail, (int)strlen("x.ini:7: [f] "));
    assert_string_equal(err.msg + err.detail, err.msg + 13);
    assert_int_equal(err.reason, TDM_R_NONE);
    tdm_flowsheet_free(fs);
    /* a column's place */
    tdm_errorf_col(&err, TDM_EINPUT, "t.csv", 3, 6, "bad %s", "cell");
    assert_string_equal(err.msg, "t.csv:3:6: bad cell");
    assert_int_equal(err.col, 6);
    assert_string_equal(err.msg + err.text, "bad cell");
    assert_string_equal(err.section, "");
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
        cmocka_unit_test(test_mixer_and_splitter_close_a_recycle_without_iteration),
        cmocka_unit_test(test_separator_energy_per_normal_cubic_metre_and_minimum_work),
        cmocka_unit_test(test_separator_at_a_second_law_efficiency_spends_min_work_over_eta),
        cmocka_unit_test(test_separator_energy_per_tonne_of_a_recovered_species),
        cmocka_unit_test(
            test_separator_recovers_a_species_of_the_flowsheets_own_beyond_the_64th_id),
        cmocka_unit_test(test_pump_work_is_volume_times_pressure_rise_over_efficiency),
        cmocka_unit_test(test_feed_and_product_take_mass_rates),
        cmocka_unit_test(test_product_purity_below_its_specification_is_reported),
        cmocka_unit_test(test_heater_duty_follows_the_janaf_enthalpies),
        cmocka_unit_test(test_compressor_follows_the_isentropic_ideal_gas),
        cmocka_unit_test(test_a_reactor_at_pressure_compresses_its_feed),
        cmocka_unit_test(test_a_heat_driven_separator_takes_heat_not_power),
        cmocka_unit_test(test_regeneration_methods_take_their_published_energy),
        cmocka_unit_test(test_every_kind_carries_its_presentation),
        cmocka_unit_test(test_an_error_carries_its_place_as_fields),
        cmocka_unit_test(test_a_column_boils_up_what_its_feed_dilution_asks),
        cmocka_unit_test(test_a_column_keeps_its_distillate_grade_when_the_feed_moves),
        cmocka_unit_test(test_liquid_products_leave_in_their_water),
        cmocka_unit_test(test_a_steam_raiser_boils_at_the_boiling_point),
        cmocka_unit_test(test_soec_heat_and_reversible_voltage_at_1000_k),
        cmocka_unit_test(test_a_cell_below_its_reversible_voltage_is_refused),
        cmocka_unit_test(test_reactor_extents_follow_conversion_and_selectivity),
        cmocka_unit_test(test_reactor_heat_of_reaction_at_25_c_from_crc),
        cmocka_unit_test(test_bioreactor_closes_the_black_box_balance),
        cmocka_unit_test(test_bioreactor_refuses_yields_no_balance_can_close),
        cmocka_unit_test(test_gas_fermentations_close_their_carbon),
        cmocka_unit_test(test_anaerobic_bioreactor_closes_by_a_balance_yield),
        cmocka_unit_test(test_bioreactor_with_two_substrates_closes_each),
        cmocka_unit_test(test_catalyst_preset_makes_urea_from_co2_and_nitrate),
        cmocka_unit_test(test_anode_oxidation_replaces_oxygen_evolution),
        cmocka_unit_test(test_anode_conversion_sets_the_anode_feed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
