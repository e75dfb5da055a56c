/* The reactor: extents from conversion and selectivity, the heat of reaction, a feed
 * compressed to the reactor's pressure. */
#include "../support.h"
#include "tandem/constants.h"
#include "tandem/unit.h"

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_reactor_at_pressure_compresses_its_feed),
        cmocka_unit_test(test_reactor_extents_follow_conversion_and_selectivity),
        cmocka_unit_test(test_reactor_heat_of_reaction_at_25_c_from_crc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
