/* The pump: work = volume flow x pressure rise / efficiency. */
#include "../support.h"
#include "tandem/constants.h"
#include "tandem/unit.h"

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pump_work_is_volume_times_pressure_rise_over_efficiency),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
