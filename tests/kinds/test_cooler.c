/* The cooler: a heater that takes heat out; the duty follows from the enthalpies. */
#include "../support.h"
#include "tandem/unit.h"

/* 1 mol/s of CO2 at 1000 K cooled to 25 C: the NIST-JANAF increment H(1000 K) - H(298.15 K)
 * of CO2, 33.397 kJ/mol (Chase, 1998), leaves as heat: 33.4 kW removed, within the 0.3 % the
 * NASA polynomials keep to JANAF. The plant's heat out is that duty (the feed's own heat above
 * 25 C counts as supplied: the plant heated it from ambient); the outlet takes the pressure the
 * cooler is given. */
static void
test_a_cooler_removes_the_janaf_enthalpy(void **state)
{
    (void)state;
    const char *text = "[flowsheet]\nmain_product = CO2\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\nflow = 1 mol/s\n"
                       "temperature = 1000 K\npressure = 3 bar\n"
                       "[c]\nkind = cooler\nin = a\nout = b\ntemperature = 25 C\n"
                       "pressure = 2 bar\n"
                       "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(unit_value(sim.results, "c", "duty"), 33397, 3e-3);
    const tdm_unit_result *r = &sim.results->units[1];
    assert_int_equal(r->nduty, 1);
    assert_true(r->duty[0].q_w < 0);
    assert_close(-r->duty[0].q_w, 33397, 3e-3);
    assert_close(sim.results->summary.heat_out_w, 33397, 3e-3);
    const tdm_stream_state *out = stream_state(sim.results, "b");
    assert_close(out->T, 298.15, 1e-12);
    assert_close(out->P, 2e5, 1e-12);
    assert_true(sim.results->summary.energy.rel < 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_cooler_removes_the_janaf_enthalpy),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
