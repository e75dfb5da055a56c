/* The terms of a cell's voltage (tandem/cell.h) against hand values. F = 96485.33212 C/mol,
 * R = 8.314462618 J/(mol K), T = 298.15 K: F / RT = 38.921744 /V, RT / 2F = 0.0128462896 V. */
#include "../support.h"
#include "tandem/cell.h"

static const double T25 = 298.15;

static void
test_tafel_from_a_reference_point(void **state)
{
    (void)state;
    /* The da Cunha and Resasco workbook's cathode for CO2 -> CO: 0.44 V at 10 mA/cm2
     * (100 A/m2), 230 mV/dec; at 200 mA/cm2 (2000 A/m2): 0.44 + 0.23 log10(20) = 0.44 +
     * 0.23 x 1.30103 = 0.7392369 V. Its anode (OER): 0.247 V at 10 mA/cm2, 41 mV/dec:
     * 0.247 + 0.041 x 1.30103 = 0.3003422 V. */
    assert_close(tdm_tafel(0.230, 0.44, 100, 2000), 0.7392368990, 1e-9);
    assert_close(tdm_tafel(0.041, 0.247, 100, 2000), 0.3003422298, 1e-9);
    /* at the reference point the reference overpotential; a decade up, one slope more */
    assert_close(tdm_tafel(0.230, 0.44, 100, 100), 0.44, 1e-12);
    assert_close(tdm_tafel(0.230, 0.44, 100, 1000), 0.67, 1e-12);
    /* far below the reference (100 x 10^(-0.44 / 0.23) = 1.22 A/m2) the form would be
     * negative: 0 */
    assert_true(tdm_tafel(0.230, 0.44, 100, 1.0) == 0);
    /* a slope of zero or below, a negative current: no answer */
    assert_true(isnan(tdm_tafel(0, 0.44, 100, 2000)));
    assert_true(isnan(tdm_tafel(-0.23, 0.44, 100, 2000)));
    assert_true(isnan(tdm_tafel(0.23, 0.44, 100, -1)));
}

static void
test_butler_volmer_solved_for_the_overpotential(void **state)
{
    (void)state;
    /* Symmetric (alpha 0.5): j / i0 = 2 sinh(nF eta / 2RT), so eta = (2RT / nF) asinh(j /
     * 2 i0); n = 1, i0 = 1 A/m2, j = 1000 A/m2: 2 x 0.0256925791 x asinh(500) = 2 x
     * 0.0256925791 x 6.9077558 = 0.3549561 V. */
    assert_close(tdm_butler_volmer(1, 0.5, 1, T25, 1000), 0.3549561495, 1e-9);
    /* Orella's CO2 -> CO cathode: i0 = 0.1 A/m2, alpha 0.1, n = 2, j = 1000 A/m2. The
     * reverse branch is exp(-0.9 x 92.1) ~ 1e-36 of the forward one, so eta = ln(10^4) /
     * (0.1 x 2 x 38.921744) = 9.2103404 / 7.7843489 = 1.1831870 V. */
    assert_close(tdm_butler_volmer(0.1, 0.1, 2, T25, 1000), 1.1831869937, 1e-9);
    /* small currents: linear, eta = (RT / nF) j / i0 = 0.0256925791 x 1e-6 V, to a second-
     * order term of relative size (1 - 2 alpha) f / 2 = 2e-7 */
    assert_close(tdm_butler_volmer(1, 0.3, 1, T25, 1e-6), 0.0256925791e-6, 1e-6);
    assert_true(tdm_butler_volmer(1, 0.5, 1, T25, 0) == 0);
    assert_true(isnan(tdm_butler_volmer(0, 0.5, 1, T25, 1)));
    assert_true(isnan(tdm_butler_volmer(1, 1.0, 1, T25, 1)));
}

static void
test_mass_transfer_and_the_channel(void **state)
{
    (void)state;
    /* Orella's CO2 -> CO base case: j_lim = n F D c (1 - X) / delta with n = 2, D = 2.2e-9
     * m2/s, c = 1000 / 22.4 = 44.642857 mol/m3, X = 0.2, delta = 3e-6 m: 2 x 96485.33212 x
     * 2.2e-9 x 44.642857 x 0.8 / 3e-6 = 5053.9936 A/m2; at 1000 A/m2, eta_conc = -(RT/2F)
     * ln(1 - 1000 / 5053.9936) = 0.0128462896 x 0.2204749 = 0.0028323 V. */
    double jl = tdm_limiting_current(2, 2.2e-9, 1000 / 22.4 * 0.8, 3e-6);
    assert_close(jl, 5053.993587, 1e-9);
    assert_close(tdm_concentration_overpotential(2, T25, 1000, jl), 0.0028323021, 1e-7);
    /* at or past the limiting current there is no answer */
    assert_true(isnan(tdm_concentration_overpotential(2, T25, jl, jl)));
    assert_true(isnan(tdm_concentration_overpotential(2, T25, 2 * jl, jl)));
    /* The channel's mean concentration, the log mean of 1 and 1 - Xc: Xc = 0.1: 0.1 /
     * 0.1053605 = 0.9491222; 0.5: 0.5 / 0.6931472 = 0.7213475; 0.9: 0.9 / 2.3025851 =
     * 0.3908650; 0 at full consumption, 1 at none. */
    assert_close(tdm_channel_mean(0.1), 0.9491221581, 1e-9);
    assert_close(tdm_channel_mean(0.5), 0.7213475204, 1e-9);
    assert_close(tdm_channel_mean(0.9), 0.3908650337, 1e-9);
    assert_true(tdm_channel_mean(1) == 0);
    assert_close(tdm_channel_mean(0), 1, 1e-15);
    assert_close(tdm_channel_mean(1e-10), 1 - 5e-11, 1e-15);
    assert_true(isnan(tdm_channel_mean(1.5)));
    /* Koutecky-Levich: 300 A/m2 of kinetics through 100 of mass transfer: 1 / (1/300 +
     * 1/100) = 75 */
    assert_close(tdm_mass_limited(300, 100), 75, 1e-12);
    assert_true(tdm_mass_limited(300, 0) == 0);
}

static void
test_orella_co2_to_co_base_case(void **state)
{
    (void)state;
    /* Orella et al., Energy Technol. 2020, the CO2 -> CO case of their code
     * (michaelorella/electrochemical-economics, co2EconomicsPlots.m and EconomicCase.m,
     * commit dfdd1ea): standard potential 1.333 V, n = 2, FE 0.95, j = 1000 A/m2, i0 = 0.1
     * A/m2, alpha 0.1, D = 2.2e-9 m2/s, c = 1000/22.4 mol/m3, delta = 3 um, X = 0.2, gap
     * 0.02 cm, conductivity 0.1 S/cm, 298.15 K, 0.4 mol/s of CO.
     *   open circuit: 1.333 + (RT/2F) ln(X FE / (1 - X)) = 1.333 + 0.0128463 x ln(0.2375)
     *                 = 1.333 - 0.0184677 = 1.3145323 V
     *   ohmic: 0.1 A/cm2 x 0.02 cm / 0.1 S/cm = 0.02 V
     *   concentration 0.0028323 V, kinetic 1.1831870 V (the tests above)
     *   cell: 2.5205516 V (2.5204907 with their F = 96485 and R = 8.314)
     *   current: 0.4 x 2 x F / 0.95 = 81,250.3 A; area 81.25 m2 at 1000 A/m2 */
    double ocv = 1.333 + tdm_nernst(2, T25, log(0.2 * 0.95 / 0.8));
    double ohmic = 1000 * 0.02e-2 / 10.0; /* j (A/m2) x gap (m) / conductivity (S/m) */
    double jl = tdm_limiting_current(2, 2.2e-9, 1000 / 22.4 * (1 - 0.2), 3e-6);
    double V = ocv + ohmic + tdm_concentration_overpotential(2, T25, 1000, jl) +
               tdm_butler_volmer(0.1, 0.1, 2, T25, 1000);
    assert_close(ohmic, 0.02, 1e-12);
    assert_close(ocv, 1.3145323327, 1e-9);
    assert_close(V, 2.5205516285, 1e-9);
    assert_close(V, 2.5204907, 1e-4); /* the published code's own constants */
    double I = 0.4 * 2 * 96485.33212 / 0.95;
    assert_close(I / 1000, 81.25, 1e-3);
}

static void
test_monotone_interpolation_does_not_overshoot(void **state)
{
    (void)state;
    /* A step, flat - rise - flat: a cubic spline through it overshoots both plateaus; the
     * monotone cubic stays within [0, 1] and never falls (its slopes are 0 at the plateaus'
     * points, where the secants change sign or vanish). */
    const double x[] = {0, 1, 2, 3}, y[] = {0, 0, 1, 1};
    double last = -1;
    for (int i = 0; i <= 300; i++) {
        double v = tdm_pchip(x, y, 4, i / 100.0);
        assert_true(v >= 0 && v <= 1 && v >= last);
        last = v;
    }
    assert_close(tdm_pchip(x, y, 4, 1.5), 0.5, 1e-12); /* symmetric: the middle at 1/2 */
    assert_true(tdm_pchip(x, y, 4, 0.5) == 0);
    /* the points themselves, and nothing outside them */
    assert_close(tdm_pchip(x, y, 4, 2), 1, 1e-15);
    assert_true(isnan(tdm_pchip(x, y, 4, 3.5)));
    /* two points: the straight line */
    assert_close(tdm_pchip(x + 1, y + 1, 2, 1.25), 0.25, 1e-12);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tafel_from_a_reference_point),
        cmocka_unit_test(test_butler_volmer_solved_for_the_overpotential),
        cmocka_unit_test(test_mass_transfer_and_the_channel),
        cmocka_unit_test(test_orella_co2_to_co_base_case),
        cmocka_unit_test(test_monotone_interpolation_does_not_overshoot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
