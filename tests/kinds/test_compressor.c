/* The compressor: isentropic ideal-gas work over its efficiency. R = 8.314462618 J/(mol K). */
#include "../support.h"
#include "tandem/constants.h"
#include "tandem/unit.h"

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compressor_follows_the_isentropic_ideal_gas),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
