/* The bioreactor: black-box balances that close each element, by yields or by a balance
 * yield, from one substrate or two, gas fermentations; yields no balance can close refused. */
#include "../support.h"
#include "tandem/constants.h"
#include "tandem/unit.h"

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bioreactor_closes_the_black_box_balance),
        cmocka_unit_test(test_bioreactor_refuses_yields_no_balance_can_close),
        cmocka_unit_test(test_gas_fermentations_close_their_carbon),
        cmocka_unit_test(test_anaerobic_bioreactor_closes_by_a_balance_yield),
        cmocka_unit_test(test_bioreactor_with_two_substrates_closes_each),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
