/* The storage: a pass-through at steady state, its vessel, and the work to charge it.
 * R = 8.314462618 J/(mol K); N2 28.0134 g/mol (IUPAC standard atomic weight of N, 14.0067). */
#include "../support.h"
#include "tandem/unit.h"

#define PLANT(store)                                                                               \
    "[flowsheet]\nmain_product = N2\n"                                                             \
    "[f]\nkind = feed\nout = a\ncomposition.N2 = 1\nflow = 1 mol/s\npressure = 1 bar\n"            \
    "[s]\nkind = storage\nin = a\nout = b\n" store "[p]\nkind = product\nin = b\n"

static void
test_storage_holds_its_hours_and_charges_in_stages(void **state)
{
    (void)state;
    /* 2 h of 1 mol/s: 7200 mol, 7200 x 0.0280134 = 201.7 kg; at 9 bar and 25 C its volume
     * is 7200 R 298.15 / 9e5 = 19.831 m3. 1 to 9 bar in stages of at most 3: two stages of
     * 3 from 25 C, each 4006 J/mol at efficiency 0.8 (tests/kinds/test_compressor.c works
     * one by hand): 8012 J/mol. */
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(
        PLANT("capacity = 2 h\npressure = 9 bar\nefficiency = 0.8\nloss = 0.1 %/h\n"), &sim);
    const tdm_results *r = sim.results;
    assert_close(unit_value(r, "s", "held_mol"), 7200, 1e-12);
    assert_close(unit_value(r, "s", "held"), 7200 * 0.0280134, 1e-4);
    assert_close(unit_value(r, "s", "volume"), 7200 * 8.314462618 * 298.15 / 9e5, 1e-9);
    assert_close(unit_value(r, "s", "charge_work"), 2 * 4006, 5e-3);
    assert_close(unit_value(r, "s", "loss"), 0.001, 1e-12);
    /* at steady state it passes its inlet through: nothing charged, no electricity */
    assert_close(stream_flow(r, "b", "N2"), 1, 1e-12);
    assert_close(stream_state(r, "b")->P, 1e5, 1e-12);
    assert_close(stream_state(r, "b")->T, 298.15, 1e-12);
    assert_close(r->summary.electric_w, 0, 0);
    assert_true(r->summary.energy.rel < 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

/* A gas holder holds the gas at its inlet: 7200 mol at 1 bar and 25 C is
 * 7200 R 298.15 / 1e5 = 178.48 m3. A tank holds a liquid at 1000 kg/m3: 2 h of 1 mol/s of
 * water, 7200 x 0.0180153 kg = 129.7 kg, is 0.1297 m3. Neither is charged by a compressor. */
static void
test_gas_holder_and_tank_hold_their_volumes(void **state)
{
    (void)state;
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(PLANT("capacity = 2 h\nholder = gas holder\n"), &sim);
    assert_close(unit_value(sim.results, "s", "volume"), 7200 * 8.314462618 * 298.15 / 1e5, 1e-9);
    assert_close(unit_value(sim.results, "s", "charge_work"), 0, 0);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    const char *water = "[flowsheet]\nmain_product = H2O\n"
                        "[f]\nkind = feed\nout = a\ncomposition.H2O = 1\nflow = 1 mol/s\n"
                        "[s]\nkind = storage\nin = a\nout = b\ncapacity = 2 h\nholder = tank\n"
                        "[p]\nkind = product\nin = b\n";
    fs = solve_text(water, &sim);
    assert_close(unit_value(sim.results, "s", "volume"), 7200 * 0.0180153 / 1000, 1e-4);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* a gas in a tank: the unit's check fails (tandem solve exits 1 naming it) */
    fs = solve_text(PLANT("capacity = 2 h\nholder = tank\n"), &sim);
    const char *why = sim.results->units[tdm_flowsheet_find_unit(fs, "s")].failed;
    assert_non_null(why);
    assert_non_null(strstr(why, "a tank holds liquids"));
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_storage_refuses_what_it_cannot_be(void **state)
{
    (void)state;
    static const struct {
        const char *text, *want;
    } cases[] = {
        {PLANT("pressure = 9 bar\n"), "`capacity`"},
        {PLANT("capacity = 2 h\npressure = 9 bar\n"), "give its isentropic `efficiency`"},
        {PLANT("capacity = 2 h\nefficiency = 0.8\n"), "say what holds it"},
        {PLANT("capacity = 2 h\nholder = compressed\n"), "needs the `pressure`"},
        {PLANT("capacity = 2 h\nholder = tank\npressure = 9 bar\n"), "a tank is not compressed"},
        {PLANT("capacity = 2 h\nholder = vat\n"), "holder"},
        {PLANT("capacity = 2 t\n"), "capacity"},
        {PLANT("capacity = 2 h\nholder = gas holder\nloss = 2 1/s\n"), "loss"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tdm_error err = fail_text(cases[i].text);
        if (!strstr(err.msg, cases[i].want) || !strstr(err.msg, "test.ini:")) {
            print_error("case %zu: %s\n", i, err.msg);
            fail();
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_storage_holds_its_hours_and_charges_in_stages),
        cmocka_unit_test(test_gas_holder_and_tank_hold_their_volumes),
        cmocka_unit_test(test_storage_refuses_what_it_cannot_be),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
