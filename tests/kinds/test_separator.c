/* The separator: recoveries, the energy of a separation by each of its models (per normal
 * cubic metre, minimum work over a second-law efficiency, per tonne recovered, heat-driven
 * regeneration by method, a distillation column by Underwood). Normal molar volume
 * 0.0224140 m3/mol (0 C, 1 atm); R = 8.314462618 J/(mol K). */
#include "../support.h"
#include "tandem/constants.h"
#include "tandem/unit.h"

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_separator_energy_per_normal_cubic_metre_and_minimum_work),
        cmocka_unit_test(test_separator_at_a_second_law_efficiency_spends_min_work_over_eta),
        cmocka_unit_test(test_separator_energy_per_tonne_of_a_recovered_species),
        cmocka_unit_test(
            test_separator_recovers_a_species_of_the_flowsheets_own_beyond_the_64th_id),
        cmocka_unit_test(test_a_heat_driven_separator_takes_heat_not_power),
        cmocka_unit_test(test_regeneration_methods_take_their_published_energy),
        cmocka_unit_test(test_a_column_boils_up_what_its_feed_dilution_asks),
        cmocka_unit_test(test_a_column_keeps_its_distillate_grade_when_the_feed_moves),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
