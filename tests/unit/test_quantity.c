/* Quantities with units: every expected value is converted by hand in the comment. */
#include "../support.h"
#include "tandem/quantity.h"

static double
si(const char *text, tdm_qkind k)
{
    double v;
    tdm_dim d;
    char why[200];
    if (tdm_quantity_parse(text, &v, &d, why, sizeof why)) {
        print_error("`%s`: %s\n", text, why);
        fail();
    }
    if (!tdm_dim_equal(d, tdm_qkind_dim(k))) {
        print_error("`%s` is not a %s\n", text, tdm_qkind_name(k));
        fail();
    }
    return v;
}

static void
test_current_density_in_ma_per_cm2_is_ten_a_per_m2_per_unit(void **state)
{
    (void)state;
    /* 300 mA/cm2 = 0.3 A / 1e-4 m2 = 3000 A/m2 */
    assert_close(si("300 mA/cm2", TDM_Q_CURRENT_DENSITY), 3000.0, 1e-12);
    /* 1.5 A/cm2 = 15000 A/m2; no space between number and unit is accepted */
    assert_close(si("1.5A/cm2", TDM_Q_CURRENT_DENSITY), 15000.0, 1e-12);
}

static void
test_mass_flows_convert_days_and_years(void **state)
{
    (void)state;
    /* 100 t/day = 100000 kg / 86400 s = 1.157407407 kg/s */
    assert_close(si("100 t/day", TDM_Q_MASS_FLOW), 1.1574074074, 1e-9);
    /* 1 Mt/yr = 1e9 kg / (365 * 86400 s) = 31.70979198 kg/s */
    assert_close(si("1 Mt/yr", TDM_Q_MASS_FLOW), 31.70979198, 1e-9);
    /* 3600 kg/h = 1 kg/s */
    assert_close(si("3600 kg/h", TDM_Q_MASS_FLOW), 1.0, 1e-12);
    /* 36 kmol/h = 36000 mol / 3600 s = 10 mol/s */
    assert_close(si("36 kmol/h", TDM_Q_MOLAR_FLOW), 10.0, 1e-12);
}

static void
test_temperatures_in_celsius_gain_273_15(void **state)
{
    (void)state;
    assert_close(si("800 C", TDM_Q_TEMPERATURE), 1073.15, 1e-12);
    assert_close(si("25 degC", TDM_Q_TEMPERATURE), 298.15, 1e-12);
    assert_close(si("-40 C", TDM_Q_TEMPERATURE), 233.15, 1e-12);
    assert_close(si("300 K", TDM_Q_TEMPERATURE), 300.0, 1e-12);
}

static void
test_energy_and_pressure_units(void **state)
{
    (void)state;
    /* 2000 1/h = 2000 / 3600 s = 0.5556 1/s (a space velocity); same as 2000 h-1 */
    assert_close(si("2000 1/h", TDM_Q_RATE), 2000.0 / 3600, 1e-12);
    assert_close(si("2000 h-1", TDM_Q_RATE), 2000.0 / 3600, 1e-12);
    /* 0.03 $/kWh = 0.03 $ / 3.6e6 J = 8.333e-9 $/J; 2 M$/yr = 2e6 / (365 x 86400) $/s */
    assert_close(si("2 M$/yr", TDM_Q_MONEY_PER_TIME), 2e6 / (365 * 86400.0), 1e-12);
    /* 0.25 kWh/m3 = 0.25 * 3.6e6 J / m3 = 9e5 J/m3 (the PSA figure) */
    assert_close(si("0.25 kWh/m3", TDM_Q_ENERGY_PER_VOLUME), 9e5, 1e-12);
    /* 1 GJ/t = 1e9 J / 1e3 kg = 1e6 J/kg; 1 MWh/t = 3.6e9 / 1e3 = 3.6e6 J/kg */
    assert_close(si("1 GJ/t", TDM_Q_ENERGY_PER_MASS), 1e6, 1e-12);
    assert_close(si("1 MWh/t", TDM_Q_ENERGY_PER_MASS), 3.6e6, 1e-12);
    /* 1 atm = 101325 Pa exactly; 5 bar = 5e5 Pa; 1 psi = 6894.757293 Pa */
    assert_close(si("1 atm", TDM_Q_PRESSURE), 101325.0, 1e-12);
    assert_close(si("5 bar", TDM_Q_PRESSURE), 5e5, 1e-12);
    assert_close(si("1 psi", TDM_Q_PRESSURE), 6894.757293, 1e-9);
    /* 2.3 V; 120 MW = 1.2e8 W; 4431 m2; 50 cm2 = 5e-3 m2 */
    assert_close(si("2.3 V", TDM_Q_VOLTAGE), 2.3, 1e-12);
    assert_close(si("120 MW", TDM_Q_POWER), 1.2e8, 1e-12);
    assert_close(si("50 cm2", TDM_Q_AREA), 5e-3, 1e-12);
}

static void
test_fractions_accept_percent_and_cancelling_units(void **state)
{
    (void)state;
    assert_close(si("0.45", TDM_Q_FRACTION), 0.45, 1e-15);
    assert_close(si("45 %", TDM_Q_FRACTION), 0.45, 1e-15);
    assert_close(si("0.5 mol/mol", TDM_Q_FRACTION), 0.5, 1e-15);
}

static void
test_compound_units_with_parentheses_and_spaces(void **state)
{
    (void)state;
    double v;
    tdm_dim d;
    char why[100];
    /* J/(mol K): kg m2 s-2 mol-1 K-1 */
    assert_int_equal(tdm_quantity_parse("8.314 J/(mol K)", &v, &d, why, sizeof why), 0);
    tdm_dim want = {{1, 2, -2, 0, -1, -1, 0}};
    assert_true(tdm_dim_equal(d, want));
    /* kg / h with blanks around the slash = 1/3600 kg/s */
    assert_int_equal(tdm_quantity_parse("7200 kg / h", &v, &d, why, sizeof why), 0);
    assert_close(v, 2.0, 1e-12);
    /* $/kWh: 0.03 $ per 3.6e6 J */
    assert_int_equal(tdm_quantity_parse("0.03 $/kWh", &v, &d, why, sizeof why), 0);
    assert_close(v, 0.03 / 3.6e6, 1e-12);
}

static void
test_bad_numbers_are_refused_with_a_reason(void **state)
{
    (void)state;
    static const char *bad[] = {"nan",         "NaN V", "inf",   "-inf C",     "0x10",
                                "1e999 t/day", "",      "abc",   "3 furlongs", "5 m^",
                                "5 m/",        "1.0.0", "2 C/s", "4 (mol)"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double v;
        tdm_dim d;
        char why[200] = "";
        if (tdm_quantity_parse(bad[i], &v, &d, why, sizeof why) == 0) {
            print_error("`%s` was accepted as %g\n", bad[i], v);
            fail();
        }
        assert_true(strlen(why) > 0);
    }
}

static void
test_usual_misspellings_of_units_say_what_to_write(void **state)
{
    (void)state;
    static const struct {
        const char *text, *why;
    } cases[] = {
        {"10 kg/hr", "unknown unit `hr` (write `h`)"},
        {"1 Mt/a", "unknown unit `a` (write `yr`)"},
        {"5 Kmol/h", "unknown unit `Kmol` (write `kmol`)"},
        {"10 tpd", "unknown unit `tpd` (write `t/day`)"},
        {"3 barg", "`barg` is a gauge pressure; give the absolute pressure"},
        {"100 Nm3/h", "normal cubic metres are not a unit here; give the gas as mol (1 Nm3 is "
                      "44.6 mol"},
        {"3 furlongs", "unknown unit `furlongs`"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double v;
        tdm_dim d;
        char why[300] = "";
        assert_int_not_equal(tdm_quantity_parse(cases[i].text, &v, &d, why, sizeof why), 0);
        if (!strstr(why, cases[i].why)) {
            print_error("`%s`: `%s`, expected `%s`\n", cases[i].text, why, cases[i].why);
            fail();
        }
    }
    /* 1 Nm3 = p V / (R T) = 101325 / (8.314462618 x 273.15) = 44.615 mol */
    assert_close(101325.0 / (8.314462618 * 273.15), 44.6, 2e-3);
}

static void
test_units_out_of_range_are_refused(void **state)
{
    (void)state;
    /* Factors multiply: Gt^9 Gm^9 Gmol^9 GA^9 is (1e12 kg)^9 (1e9 m)^9 (1e9 mol)^9 (1e9 A)^9
     * = 1e351, beyond a double (1.8e308); ug^9 um^9 umol^9 us^9 Gm^-9... the other way,
     * 1e-243 is still a number. Powers: m^12 is kept, m^13 refused; 17 factors refused. A
     * fuzzed unit of 3,751 characters once multiplied its way to Inf
     * (tests/fuzz/regress/quantity). */
    static const struct {
        const char *unit, *why;
    } bad[] = {
        {"Gt9 Gm9 Gmol9 GA9", "out of the range of numbers"},
        {"m m m m m m m m m m m m m", "above the 12th power"},
        {"m2 m2 m2 m2 m2 m2 m", "above the 12th power"},
        {"s-9 s-4", "above the 12th power"}, /* s^-13 */
        {"kg m2 s-2 kg m2 s-2 kg m2 s-2 kg m2 s-2 kg m2 s-2 kg m2 s-2", "more than 16 factors"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double f;
        tdm_dim d;
        char why[200] = "";
        if (tdm_unit_parse(bad[i].unit, &f, &d, why, sizeof why) == 0) {
            print_error("`%s` was accepted as %g\n", bad[i].unit, f);
            fail();
        }
        assert_non_null(strstr(why, bad[i].why));
    }
    double f;
    tdm_dim d;
    assert_int_equal(tdm_unit_parse("m m m m m m m m m m m m", &f, &d, NULL, 0), 0);
    assert_int_equal(d.e[TDM_DIM_M], 12);
    assert_int_equal(tdm_unit_parse("ug9 um9 umol9 us9", &f, &d, NULL, 0), 0);
    assert_true(fabs(f / 1e-243 - 1) < 1e-12); /* (1e-9)^9 (1e-6)^27 = 1e-81 1e-162 */
    double v;
    assert_int_equal(tdm_quantity_parse("1e300 Gt9 Gm9", &v, &d, NULL, 0), -1);
}

static void
test_display_conversion_inverts_the_unit(void **state)
{
    (void)state;
    /* 1.157407407 kg/s is 100 t/day; 3.6e6 J/kg is 3.6 GJ/t and 1 MWh/t */
    assert_close(tdm_from_si(1.1574074074, "t/day"), 100.0, 1e-9);
    assert_close(tdm_from_si(3.6e6, "GJ/t"), 3.6, 1e-12);
    assert_close(tdm_from_si(3.6e6, "MWh/t"), 1.0, 1e-12);
    assert_close(tdm_from_si(0.25, "%"), 25.0, 1e-12);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_current_density_in_ma_per_cm2_is_ten_a_per_m2_per_unit),
        cmocka_unit_test(test_mass_flows_convert_days_and_years),
        cmocka_unit_test(test_temperatures_in_celsius_gain_273_15),
        cmocka_unit_test(test_energy_and_pressure_units),
        cmocka_unit_test(test_fractions_accept_percent_and_cancelling_units),
        cmocka_unit_test(test_compound_units_with_parentheses_and_spaces),
        cmocka_unit_test(test_bad_numbers_are_refused_with_a_reason),
        cmocka_unit_test(test_display_conversion_inverts_the_unit),
        cmocka_unit_test(test_usual_misspellings_of_units_say_what_to_write),
        cmocka_unit_test(test_units_out_of_range_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
