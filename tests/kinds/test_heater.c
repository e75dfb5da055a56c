/* The heater (and cooler): duties from the JANAF enthalpies, a boiling feed's latent heat
 * at its boiling point. */
#include "../support.h"
#include "tandem/constants.h"
#include "tandem/unit.h"

/* Enthalpy increments from the NIST-JANAF tables (Chase, 1998), H(1000 K) - H(298.15 K):
 * CO2 33.397, N2 21.463, H2O(g) 26.000 kJ/mol; vaporization of water at 25 C 44.0 kJ/mol
 * (CRC: -241.8 + 285.8). Tolerance 0.3 % for the NASA polynomials against JANAF. */
static void
test_heater_duty_follows_the_janaf_enthalpies(void **state)
{
    (void)state;
    const char *text =
        "[flowsheet]\nmain_product = CO2\n"
        "[f]\nkind = feed\nout = a\ncomposition.CO2 = 0.5\ncomposition.N2 = 0.5\nflow = 2 mol/s\n"
        "[h]\nkind = heater\nin = a\nout = b\ntemperature = 1000 K\n"
        "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(unit_value(sim.results, "h", "duty"), 33397 + 21463, 3e-3);
    assert_int_equal(sim.results->units[1].nduty, 1);
    assert_close(sim.results->units[1].duty[0].t_k, 1000, 1e-12);
    assert_true(sim.results->summary.energy.rel < 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* 1 mol/s of liquid water at 25 C to steam at 1000 K: 44.0 + 26.0 = 70.0 kW; and a
     * cooler taking it back gives the same heat out. */
    const char *text2 = "[flowsheet]\nmain_product = H2O\n"
                        "[f]\nkind = feed\nout = a\ncomposition.H2O = 1\nflow = 1 mol/s\n"
                        "[h]\nkind = heater\nin = a\nout = b\ntemperature = 1000 K\n"
                        "[c]\nkind = cooler\nin = b\nout = c\ntemperature = 25 C\n"
                        "[p]\nkind = product\nin = c\n";
    fs = solve_text(text2, &sim);
    assert_close(unit_value(sim.results, "h", "duty"), 70000, 3e-3);
    assert_close(unit_value(sim.results, "c", "duty"), 70000, 3e-3);
    assert_close(sim.results->summary.heat_in_w, sim.results->summary.heat_out_w, 1e-12);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_steam_raiser_boils_at_the_boiling_point(void **state)
{
    (void)state;
    /* 1 mol/s of water from 25 C to 200 C: 75.3 J/(mol K) x (373.10 - 298.15) K = 5643.7 W
     * to the boiling point, the latent heat at it (tdm_species_hvap, 40.87 kJ/mol: within 1 %
     * of the steam tables, test_a_column_boils_up_what_its_feed_dilution_asks), and the
     * vapour's heat from 100 to 200 C. The latent part was priced as heat at 200 C (or 800 C
     * for a SOEC's steam); it is now a duty at 100 C of its own. */
    const char *text = "[flowsheet]\nmain_product = H2O\n"
                       "[f]\nkind = feed\nout = a\ncomposition.H2O = 1\nflow = 1 mol/s\n"
                       "[h]\nkind = heater\nin = a\nout = b\ntemperature = 200 C\n"
                       "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    const tdm_unit_result *r = &sim.results->units[1];
    const tdm_species *W = tdm_species_get(TDM_SPECIES_H2O);
    assert_int_equal(r->nduty, 3);
    assert_close(r->duty[0].q_w, 75.3 * (W->tb - 298.15), 1e-9);
    assert_close(r->duty[0].t_k, W->tb, 1e-12);
    assert_close(r->duty[1].q_w, tdm_species_hvap(W, W->tb), 1e-6);
    assert_close(r->duty[1].t_k, W->tb, 1e-12);
    assert_close(r->duty[2].t_k, 473.15, 1e-12);
    double q = r->duty[0].q_w + r->duty[1].q_w + r->duty[2].q_w;
    assert_close(q, tdm_species_h(W, 473.15) - tdm_species_h(W, 298.15), 1e-9);
    assert_true(sim.results->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_heater_duty_follows_the_janaf_enthalpies),
        cmocka_unit_test(test_a_steam_raiser_boils_at_the_boiling_point),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
