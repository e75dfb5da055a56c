/* The product: a rate the plant must make, and a purity it must meet. */
#include "../support.h"
#include "tandem/constants.h"
#include "tandem/unit.h"

static void
test_product_purity_below_its_specification_is_reported(void **state)
{
    (void)state;
    const char *text = "[flowsheet]\nmain_product = CO\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO = 0.9\ncomposition.H2 = 0.1\n"
                       "flow = 1 mol/s\n[p]\nkind = product\nin = a\npurity = 0.95\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_non_null(sim.results->units[1].failed);
    assert_non_null(strstr(sim.results->units[1].failed, "purity of CO is 0.9000"));
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_product_purity_below_its_specification_is_reported),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
