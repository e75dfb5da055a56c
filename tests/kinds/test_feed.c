/* The feed: a composition at a molar or a mass rate. */
#include "../support.h"
#include "tandem/constants.h"
#include "tandem/unit.h"

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_feed_and_product_take_mass_rates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
