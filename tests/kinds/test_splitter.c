/* The splitter: fractions of one stream, and a recycle closed without iteration. */
#include "../support.h"
#include "tandem/constants.h"
#include "tandem/unit.h"

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

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixer_and_splitter_close_a_recycle_without_iteration),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
