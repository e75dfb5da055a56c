/* Heat integration against the four-stream problem of Kemp, Pinch Analysis and Process
 * Integration, 2nd ed. (Butterworth-Heinemann 2007), chapter 2: cold 20 -> 180 C at CP
 * 0.2 MW/K, hot 250 -> 40 C at 0.15, cold 140 -> 230 C at 0.3, hot 200 -> 80 C at 0.25; at
 * dT_min = 10 K the minimum hot utility is 7.5 MW, the cold utility 10.0 MW, and the pinch
 * lies at 145 C shifted (150 C hot, 140 C cold). By hand, the problem table with hot
 * streams shifted down and cold up by 5 K: boundaries 245, 235, 195, 185, 145, 75, 35, 25 C;
 * interval surpluses (MW) +1.5, -6, +1, -4, +14, -2, -2; cumulative +1.5, -4.5, -3.5, -7.5,
 * +6.5, +4.5, +2.5. The most negative, -7.5 at 145 C, is the hot utility and the pinch;
 * the cold utility is 2.5 + 7.5 = 10. */
#include "../support.h"
#include "tandem/heat.h"

static tdm_heat *
kemp(void)
{
    tdm_heat *h = calloc(1, sizeof *h);
    assert_non_null(h);
    const double C = 273.15;
    /* duties: q = CP x |dT| in W; cold streams positive */
    h->s[0] = (tdm_heat_stream){"c1", "", 0.2e6 * 160, 20 + C, 180 + C};
    h->s[1] = (tdm_heat_stream){"h2", "", -0.15e6 * 210, 250 + C, 40 + C};
    h->s[2] = (tdm_heat_stream){"c3", "", 0.3e6 * 90, 140 + C, 230 + C};
    h->s[3] = (tdm_heat_stream){"h4", "", -0.25e6 * 120, 200 + C, 80 + C};
    h->n = 4;
    return h;
}

static void
test_the_four_stream_problem(void **state)
{
    (void)state;
    tdm_heat *h = kemp();
    tdm_error err;
    assert_int_equal(tdm_heat_cascade(h, 10.0, &err), 0);
    assert_close(h->hot_utility, 7.5e6, 1e-9);
    assert_close(h->cold_utility, 10.0e6, 1e-9);
    assert_close(h->pinch_shifted, 145 + 273.15, 1e-12);
    /* without integration: 32 + 27 = 59 MW of heating, 31.5 + 30 = 61.5 MW of cooling;
     * recovered 59 - 7.5 = 51.5 MW */
    assert_close(h->heat_needed, 59e6, 1e-12);
    assert_close(h->heat_rejected, 61.5e6, 1e-12);
    assert_close(h->recovered, 51.5e6, 1e-9);
    /* energy balance of the cascade: Q_hot + hot duties = Q_cold + cold duties */
    assert_close(h->hot_utility + h->heat_rejected, h->cold_utility + h->heat_needed, 1e-12);
    /* the composites end at the total duties (the cold one shifted by Q_cold) */
    assert_close(h->hot_h[h->nhot - 1], 61.5e6, 1e-12);
    assert_close(h->cold_h[h->ncold - 1], 59e6 + 10e6, 1e-12);
    /* dT_min = 0: the threshold-free case needs less utility */
    assert_int_equal(tdm_heat_cascade(h, 0.0, &err), 0);
    assert_true(h->hot_utility < 7.5e6);
    free(h);
}

static void
test_a_flowsheet_with_only_cooling_needs_no_heat(void **state)
{
    (void)state;
    /* A cooler from 800 C to 25 C and nothing to heat: all of it goes to cold utility. */
    tdm_heat *h = calloc(1, sizeof *h);
    h->s[0] = (tdm_heat_stream){"cool", "", -1e6, 1073.15, 298.15};
    h->n = 1;
    tdm_error err;
    assert_int_equal(tdm_heat_cascade(h, 10.0, &err), 0);
    assert_close(h->hot_utility, 0, 1e-12);
    assert_close(h->cold_utility, 1e6, 1e-12);
    free(h);
}

static void
test_a_heater_and_its_cooler_exchange_all_but_the_approach(void **state)
{
    (void)state;
    /* N2 heated from 25 to 500 C and cooled back: the cooler's heat Q serves the heater
     * except where the approach forbids. With each duty spread evenly over its 475 K (the
     * cascade takes a constant heat capacity per stream), the hot stream shifted down 5 K
     * and the cold one up 5 K overlap on all but 10 K: Q_hot = Q_cold = Q x 10 / 475. */
    const char *text = "[flowsheet]\nmain_product = N2\nkey_reactant = N2\n"
                       "[f]\nkind = feed\nout = a\ncomposition.N2 = 1\nflow = 10 mol/s\n"
                       "[h]\nkind = heater\nin = a\nout = b\ntemperature = 500 C\n"
                       "[c]\nkind = cooler\nin = b\nout = d\ntemperature = 25 C\n"
                       "[p]\nkind = product\nin = d\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    tdm_heat *h = calloc(1, sizeof *h);
    tdm_error err;
    assert_int_equal(tdm_heat_analyze(sim.results, 10, h, &err), 0);
    assert_int_equal(h->n, 2);
    double Q = unit_value(sim.results, "h", "duty");
    assert_close(h->heat_needed, Q, 1e-12);
    assert_close(h->hot_utility, Q * 10 / 475, 1e-9);
    assert_close(h->cold_utility, Q * 10 / 475, 1e-9);
    free(h);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_four_stream_problem),
        cmocka_unit_test(test_a_flowsheet_with_only_cooling_needs_no_heat),
        cmocka_unit_test(test_a_heater_and_its_cooler_exchange_all_but_the_approach),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
