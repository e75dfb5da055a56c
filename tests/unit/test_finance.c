/* Finance on cases worked by hand or printed in published tables. */
#include "../support.h"
#include "tandem/finance.h"

static void
test_capital_recovery_factor(void **state)
{
    (void)state;
    /* models.md (../shared/reference): CRF(10 %, 20 y) = 0.117460, CRF(10 %, 7 y) = 0.205405;
     * with no interest the capital is spread evenly: 1 / 20. */
    assert_close(tdm_crf(0.10, 20), 0.117460, 5e-6);
    assert_close(tdm_crf(0.10, 7), 0.205405, 5e-6);
    assert_close(tdm_crf(0.0, 20), 0.05, 1e-15);
}

static void
test_npv_and_irr_of_known_flows(void **state)
{
    (void)state;
    /* -100, 30, 40, 50 at 10 %: -100 + 27.2727 + 33.0579 + 37.5657 = -2.1037. */
    double cf[] = {-100, 30, 40, 50};
    assert_close(tdm_npv(cf, 4, 0, 0.10), -2.1037, 1e-4);
    /* -100, 60, 60: with x = 1 / (1 + r), 60 x^2 + 60 x - 100 = 0, x = 0.884437,
     * r = 0.130662. */
    double cf2[] = {-100, 60, 60};
    assert_close(tdm_irr(cf2, 3, 0), 0.130662, 1e-5);
    /* No sign change, no IRR. */
    double cf3[] = {100, 60};
    assert_true(isnan(tdm_irr(cf3, 2, 0)));
    /* A flow starting in year -1 is compounded forward one year: -100 at -1, 121 at 1,
     * at 10 %: -110 + 110 = 0. */
    double cf4[] = {-100, 0, 121};
    assert_close(tdm_npv(cf4, 3, -1, 0.10), 0, 1e-12);
}

static void
test_macrs_schedules(void **state)
{
    (void)state;
    double r[32];
    /* 5-year class by hand: 200 % declining balance (40 %/yr), half a year in year 1:
     * 20, then 32 (0.8 x 40), 19.2 (0.48 x 40), then straight line over the 2.5 years
     * left: 0.288 / 2.5 = 11.52, 11.52, and the half year 5.76 (IRS Pub. 946 Table A-1). */
    assert_int_equal(tdm_macrs(5, r, 32), 6);
    double five[] = {0.20, 0.32, 0.192, 0.1152, 0.1152, 0.0576};
    for (int k = 0; k < 6; k++)
        assert_close(r[k], five[k], 1e-12);
    /* Every class sums to the whole basis; 7-year begins 14.29 % and 24.49 % (the table). */
    int classes[] = {3, 5, 7, 10, 15, 20};
    for (int c = 0; c < 6; c++) {
        int n = tdm_macrs(classes[c], r, 32);
        assert_int_equal(n, classes[c] + 1);
        double s = 0;
        for (int k = 0; k < n; k++)
            s += r[k];
        assert_close(s, 1.0, 1e-9);
    }
    tdm_macrs(7, r, 32);
    assert_close(r[0], 0.1429, 1e-12);
    assert_close(r[1], 0.2449, 1e-12);
    assert_int_equal(tdm_macrs(6, r, 32), -1);
}

static void
test_levelized_price_without_taxes_is_the_crf_formula(void **state)
{
    (void)state;
    /* Capital 1e6 $, opex 2e5 $/yr, 1000 t/yr, 10 %, 20 years:
     * (0.117460 x 1e6 + 2e5) / 1000 = 317.46 $/t, by CRF and by a tax-free DCF with the
     * capital spent at year 0. */
    tdm_cash_case c = {.convention = TDM_CONV_CRF,
                       .discount = 0.10,
                       .life = 20,
                       .construction = 1,
                       .fixed_capital = 1e6,
                       .production = 1000,
                       .opex = 2e5};
    assert_close(tdm_levelized_price(&c), (tdm_crf(0.10, 20) * 1e6 + 2e5) / 1000, 1e-9);
    assert_close(tdm_levelized_price(&c), 317.46, 1e-4);
    c.convention = TDM_CONV_DCF;
    assert_close(tdm_levelized_price(&c), 317.46, 1e-4);
    /* Straight line: 1e6 / 20 + 2e5 = 250000 $/yr, 250 $/t. */
    c.convention = TDM_CONV_STRAIGHT;
    assert_close(tdm_levelized_price(&c), 250, 1e-12);
    /* An additional-cost fraction of 0.14 divides the whole: 250 / 0.86 (Orella et al.). */
    c.additional = 0.14;
    assert_close(tdm_levelized_price(&c), 250 / 0.86, 1e-12);
}

static void
test_levelized_price_with_taxes_and_depreciation(void **state)
{
    (void)state;
    /* Capital 1000 at year 0, two years of operation, straight-line depreciation over 2
     * years, tax 50 %, opex 100/yr, 10 units/yr, no discounting (rate 0):
     * CF = 10 p - 100 - 0.5 (10 p - 100 - 500) = 5 p + 200 each year,
     * NPV = 2 (5 p + 200) - 1000 = 10 p - 600, so p = 60. */
    tdm_cash_case c = {.convention = TDM_CONV_DCF,
                       .discount = 0,
                       .life = 2,
                       .construction = 1,
                       .tax = 0.5,
                       .fixed_capital = 1000,
                       .production = 10,
                       .opex = 100};
    assert_close(tdm_levelized_price(&c), 60, 1e-12);
    tdm_cash_year y[8];
    assert_int_equal(tdm_cash_flow(&c, 60, y, 8), 3);
    assert_int_equal(y[0].year, 0);
    assert_close(y[0].net, -1000, 1e-12);
    assert_close(y[1].depreciation, 500, 1e-12);
    assert_close(y[1].tax, 0, 1e-12);
    assert_close(y[2].net, 500, 1e-12);
    /* At p = 80: CF = 600 each year, cumulative -400 after year 1, +200 after year 2:
     * payback 1 + 400 / 600 = 1.667 years; IRR from -1000 + 600 x + 600 x^2 = 0, the flows
     * above scaled by 10: x = 0.884437, r = 0.130662. */
    assert_close(tdm_cash_payback(&c, 80), 1 + 400.0 / 600, 1e-12);
    assert_close(tdm_cash_irr(&c, 80), 0.130662, 1e-5);
    /* Working capital 200 in year 0, back in year 2 (undiscounted: no effect on the price);
     * MACRS 3-year moves depreciation but at rate 0 only its total counts. */
    c.working_capital = 200;
    assert_close(tdm_levelized_price(&c), 60, 1e-12);
    /* Two years of construction at 10 %: capital 500 at years -1 and 0, worth
     * 500 x 1.1 + 500 = 1050 at year 0; CF = 5 p + 200 discounted:
     * (5 p + 200)(1/1.1 + 1/1.21) = 1050 -> (5 p + 200) 1.735537 = 1050, p = 81.0. */
    c.working_capital = 0;
    c.discount = 0.10;
    c.construction = 2;
    assert_close(tdm_levelized_price(&c), (1050 / 1.7355371900826446 - 200) / 5, 1e-9);
}

static void
test_npv_line_and_replacements(void **state)
{
    (void)state;
    /* The DCF case above with a replacement of 50 in year 1 and an additional cost of 10 %
     * of revenue, at 10 %, one year of construction. Per operating year
     * net = (1 - 0.5)(0.9 x 10 p - 100 - repl - 500) + 500 - repl... written out:
     * taxable = 9 p - 100 - repl - 500, net = 9 p - 100 - repl - 0.5 taxable
     *         = 4.5 p + 200 - 0.5 repl.
     * Year 0: -1000. NPV(p) = -1000 + (4.5 p + 175)/1.1 + (4.5 p + 200)/1.21, so
     * a = -1000 + 159.090909 + 165.289256 = -675.619835 and
     * b = 4.5 (1/1.1 + 1/1.21) = 7.809917. The replacement's present value: 50/1.1. */
    tdm_cash_case c = {.convention = TDM_CONV_DCF,
                       .discount = 0.10,
                       .life = 2,
                       .construction = 1,
                       .tax = 0.5,
                       .fixed_capital = 1000,
                       .production = 10,
                       .opex = 100,
                       .additional = 0.1};
    c.replacement[1] = 50;
    double a, b;
    assert_int_equal(tdm_cash_npv_line(&c, &a, &b), 0);
    assert_close(a, -1000 + 175 / 1.1 + 200 / 1.21, 1e-9);
    assert_close(b, 4.5 * (1 / 1.1 + 1 / 1.21), 1e-12);
    assert_close(tdm_cash_npv(&c, 30), a + 30 * b, 1e-9);
    assert_close(tdm_levelized_price(&c), 675.619835 / 7.809917, 1e-5);
    /* The table at that price sums to zero. */
    tdm_cash_year y[8];
    int n = tdm_cash_flow(&c, tdm_levelized_price(&c), y, 8);
    assert_int_equal(n, 3);
    assert_close(y[0].discounted + y[1].discounted + y[2].discounted, 0, 1e-9);
    assert_close(tdm_cash_replacement_pv(&c), 50 / 1.1, 1e-12);
    /* Out of range: no line. */
    c.life = 0;
    assert_int_equal(tdm_cash_npv_line(&c, &a, &b), -1);
    assert_true(isnan(tdm_cash_replacement_pv(&c)));
}

static void
test_a_construction_schedule_spends_the_capital_by_year(void **state)
{
    (void)state;
    /* 100 $ of capital built over two years, one year of operation making one unit, at 10 %
     * and no tax, opex or working capital. Spent 40 % then 60 %: the year -1 share is
     * compounded to year 0, 40 x 1.1 + 60 = 104 $, and the price p earned at the end of year 1
     * repays it when p / 1.1 = 104, p = 114.4. Spent evenly: 50 x 1.1 + 50 = 105, p = 115.5. */
    tdm_cash_case c = {.convention = TDM_CONV_DCF,
                       .discount = 0.10,
                       .life = 1,
                       .construction = 2,
                       .construction_share = {0.4, 0.6},
                       .macrs = 0,
                       .fixed_capital = 100,
                       .production = 1};
    assert_close(tdm_levelized_price(&c), 114.4, 1e-12);
    tdm_cash_year rows[4];
    assert_int_equal(tdm_cash_flow(&c, 114.4, rows, 4), 3);
    assert_close(rows[0].capital, 40, 1e-15);
    assert_close(rows[1].capital, 60, 1e-15);
    c.construction_share[0] = c.construction_share[1] = 0;
    assert_close(tdm_levelized_price(&c), 115.5, 1e-12);
}

static void
test_replacements_fall_in_the_year_of_each_life_end(void **state)
{
    (void)state;
    /* a quarter-year life: at 0.25, 0.5, ... 19.75 years of a 20-year plant, four in each of
     * years 1 to 19 and three in year 20 (20.0 is the plant's end, no replacement): 79 */
    int total = 0;
    for (int y = 1; y <= 20; y++) {
        int n = tdm_replacements(0.25, 20, y);
        assert_int_equal(n, y < 20 ? 4 : 3);
        total += n;
    }
    assert_int_equal(total, 79);
    /* 1.5 years: at 1.5, 3, 4.5, ... 19.5: years 2, 3, 5, 6, 8, 9, ... 13 in all, none in
     * years 1 and 4 (it was taken as 2 years: 9 replacements) */
    assert_int_equal(tdm_replacements(1.5, 20, 1), 0);
    assert_int_equal(tdm_replacements(1.5, 20, 2), 1);
    assert_int_equal(tdm_replacements(1.5, 20, 3), 1);
    assert_int_equal(tdm_replacements(1.5, 20, 4), 0);
    assert_int_equal(tdm_replacements(1.5, 20, 5), 1);
    total = 0;
    for (int y = 1; y <= 20; y++)
        total += tdm_replacements(1.5, 20, y);
    assert_int_equal(total, 13);
    /* whole years as before: 5 years gives years 5, 10 and 15 */
    for (int y = 1; y <= 20; y++)
        assert_int_equal(tdm_replacements(5, 20, y), y == 5 || y == 10 || y == 15);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_capital_recovery_factor),
        cmocka_unit_test(test_npv_and_irr_of_known_flows),
        cmocka_unit_test(test_macrs_schedules),
        cmocka_unit_test(test_levelized_price_without_taxes_is_the_crf_formula),
        cmocka_unit_test(test_levelized_price_with_taxes_and_depreciation),
        cmocka_unit_test(test_npv_line_and_replacements),
        cmocka_unit_test(test_a_construction_schedule_spends_the_capital_by_year),
        cmocka_unit_test(test_replacements_fall_in_the_year_of_each_life_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
