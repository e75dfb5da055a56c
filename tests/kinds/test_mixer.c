/* The mixer: the inlets' flows summed, the outlet at the lowest inlet pressure and at the
 * temperature that closes the enthalpy balance (adiabatic). */
#include "../support.h"
#include "tandem/species.h"
#include "tandem/unit.h"

/* 1 mol/s of N2 at 25 C and 1 bar mixed with 1 mol/s at 125 C and 2 bar. The outlet is at
 * 1 bar and holds 2 mol/s. Its temperature: with cp(N2) = a + b (T - 298.15), a = 29.12 and
 * b = 0.0013 J/(mol K2) between 25 and 125 C (NIST's Shomate fit: 29.12 J/(mol K) at 298 K,
 * 29.25 at 398 K), the heat the hot stream gives equals what the cold one takes:
 * a d + b d^2/2 = a (100 - d) + b (100^2 - d^2)/2 with d = T - 298.15, so d = 50 + e,
 * 2 a e + 100 b e + b e^2 = 2500 b, e = 0.056 K: T = 348.21 K, a hair above the mean because
 * cp grows with T (the hot stream gives more heat per kelvin than the cold one takes). */
static void
test_adiabatic_mixing_closes_the_enthalpy_balance(void **state)
{
    (void)state;
    const char *text = "[flowsheet]\nmain_product = N2\n"
                       "[cold]\nkind = feed\nout = a\ncomposition.N2 = 1\nflow = 1 mol/s\n"
                       "temperature = 25 C\npressure = 1 bar\n"
                       "[hot]\nkind = feed\nout = b\ncomposition.N2 = 1\nflow = 1 mol/s\n"
                       "temperature = 125 C\npressure = 2 bar\n"
                       "[m]\nkind = mixer\nin = a, b\nout = c\n"
                       "[p]\nkind = product\nin = c\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(stream_flow(sim.results, "c", "N2"), 2.0, 1e-12);
    const tdm_stream_state *out = stream_state(sim.results, "c");
    assert_close(out->P, 1e5, 1e-12);
    assert_true(out->T > 348.15);
    assert_true(fabs(out->T - 348.206) < 0.03);
    /* the balance itself, to the bisection's tolerance */
    const tdm_species *n2 = tdm_species_get(TDM_SPECIES_N2);
    double h_in = tdm_species_h(n2, 298.15) + tdm_species_h(n2, 398.15);
    assert_close(2 * tdm_species_h(n2, out->T), h_in, 1e-6);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_adiabatic_mixing_closes_the_enthalpy_balance),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
