/* tandem dispatch on cases worked out by hand (docs/dispatch.md).
 *
 * tests/dispatch/cascade.ini: cell1 makes CO from CO2, its CO goes through a buffer to
 * cell2, which makes C2H4 (1 mol/s). Both cells: Faradaic efficiency 1, 2 V, 100 mA/cm2,
 * half their key reactant converted, voltage and FE fixed (so that a stage's figures per
 * square metre are linear in its load). Per mol/s of C2H4: cell2 takes 8 F of current and 4
 * mol/s of CO (2 per C2H4, half converted), so cell1 takes 2 F x 4 = 8 F too:
 *   I = 8 F = 771,882.66 A; area a = I / (1000 A/m2) = 771.88 m2; power P = 2 V x I =
 *   1.5438 MW each.
 * tests/dispatch/scenario.ini prices them with a capital recovery factor at a discount of 0
 * over N = 10 years, no taxes, no fixed costs, running all year (H = 8760 h): the
 * levelized cost is (capital / N + operating cost a year) / product a year. Stacks: cell1
 * c1 = 1000 $/m2, cell2 c2 = 100,000 $/m2; the buffer cv = 7800 $ per m3 of 200-bar vessel,
 * R T / 2e7 Pa m3 per mol at 25 C: 0.96679 $/mol. */
#include <unistd.h>

#include "../support.h"
#include "tandem/dispatch.h"
#include "tandem/tea.h"

static const double F = 96485.33212, R = 8.314462618; /* CODATA 2018 */
/* C2H4 from the standard atomic weights C 12.011, H 1.008 (IUPAC, abridged) */
static const double M_C2H4 = 2 * 0.012011 + 4 * 0.001008;
static const double N = 10, H = 8760 * 3600.0, C1 = 1000, C2 = 100000;

static double
area(void)
{
    return 8 * F / 1000;
}
static double
power(void)
{
    return 2 * 8 * F;
}
static double
cv(void)
{
    return 7800 * R * 298.15 / 2e7;
}
static double
product_kg(void)
{
    return M_C2H4 * H;
}
/* $/MWh to $/J */
static double
per_j(double p)
{
    return p / 3.6e9;
}

/* The spread between two hours of a 2-hour profile at which doubling cell1 and storing the
 * CO cell2 needs in the dear hour pays for itself: the extra stack and the vessel against
 * cell1's power bought in the cheap hour instead, half the year:
 *   (a c1 + V cv) / N = P (p_hi - p_lo) H / 2,  V = 4 mol/s x 3600 s. */
static double
break_even(void)
{
    double V = 4 * 3600.0;
    return 2 * (area() * C1 + V * cv()) / (N * power() * H);
}

struct run {
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    tdm_profile p;
    tdm_dispatch d;
    tdm_error err;
    int rc;
    char path[64];
};

static void
write_profile(struct run *r, const char *text)
{
    snprintf(r->path, sizeof r->path, "/tmp/tandem_dispatch_XXXXXX");
    int fd = mkstemp(r->path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
}

static const char *scenario_file = "scenario.ini";

static const char *
root(void)
{
    const char *s = getenv("TANDEM_SOURCE_ROOT");
    return s ? s : ".";
}

/* Loads the cascade with a change of one key (NULL: none), the profile text, and
 * dispatches with o. */
static void
dispatch(struct run *r, const char *unit, const char *key, const char *value, const char *profile,
         const tdm_dispatch_opts *o)
{
    char path[1024];
    memset(r, 0, sizeof *r);
    snprintf(path, sizeof path, "%s/tests/dispatch/cascade.ini", root());
    if (tdm_flowsheet_load(path, &r->fs, &r->err)) {
        print_error("%s\n", r->err.msg);
        fail();
    }
    if (unit) assert_int_equal(tdm_flowsheet_set(r->fs, NULL, unit, key, value, &r->err), 0);
    snprintf(path, sizeof path, "%s/tests/dispatch/%s", root(), scenario_file);
    assert_int_equal(tdm_scenario_load(path, &r->sc, &r->err), 0);
    tdm_simulation_init(&r->sim, r->fs);
    write_profile(r, profile);
    if (tdm_profile_load(r->path, &r->p, &r->err)) {
        r->rc = -1;
        return;
    }
    r->rc = tdm_dispatch_run(&r->sim, r->sc, &r->p, o, &r->d, &r->err);
}

static void
run_free(struct run *r)
{
    if (r->rc == 0) tdm_dispatch_free(&r->d);
    tdm_profile_free(&r->p);
    unlink(r->path);
    tdm_simulation_free(&r->sim);
    tdm_scenario_free(r->sc);
    tdm_flowsheet_free(r->fs);
}

static void
two_hours(char *buf, size_t n, double lo, double hi)
{
    snprintf(buf, n, "hour,price,source\nunit,$/MWh,\n0,%.12g,test\n1,%.12g,\n", lo, hi);
}

/* At one price all year nothing moves: the dispatched plant, the best steady one and the
 * flowsheet's own cost the same, by hand (the buffer's capital left out: at a constant load
 * nothing is stored):
 *   ((a c1 + a c2) / N + 2 P p H) / (M H) */
static void
test_one_price_is_the_flat_plant(void **state)
{
    (void)state;
    char prof[256];
    two_hours(prof, sizeof prof, 50, 50);
    struct run r;
    tdm_dispatch_opts o = TDM_DISPATCH_OPTS_DEFAULT;
    dispatch(&r, NULL, NULL, NULL, prof, &o);
    assert_int_equal(r.rc, 0);
    double lc = ((area() * (C1 + C2)) / N + 2 * power() * per_j(50) * H) / product_kg() * 1000;
    assert_close(r.d.flat.lcop, lc, 1e-9);
    assert_close(r.d.best.lcop, lc, 1e-9);
    assert_close(r.d.steady.lcop, lc, 1e-9);
    assert_close(r.d.stages[0].size, area(), 1e-9);
    assert_close(r.d.stages[1].size, area(), 1e-9);
    assert_close(r.d.stores[0].capacity, 0, 1e-9);
    /* and the cost model's own levelized cost of the plant without its buffer's capital */
    tdm_tea *t = calloc(1, sizeof *t);
    assert_int_equal(tdm_flowsheet_set(r.fs, r.sim.model, "buffer", "capacity", "0 h", &r.err), 0);
    assert_int_equal(tdm_simulate(&r.sim, &r.err), 0);
    assert_int_equal(tdm_tea_evaluate(r.sim.results, r.sc, t, &r.err), 0);
    /* the scenario's own price is 0.05 $/kWh = 50 $/MWh */
    assert_close(t->lcop, lc, 1e-9);
    free(t);
    run_free(&r);
}

/* Just below the break-even spread the buffer is not worth its capital; just above, cell1 is
 * built twice as large, runs only in the cheap hour and fills a buffer with what cell2
 * needs in the dear one:
 *   ((2 a c1 + a c2 + V cv) / N + (H / 2) (2 P p_lo + P (p_lo + p_hi))) / (M H) */
static void
test_buffer_worth_its_capital_at_the_spread(void **state)
{
    (void)state;
    double dp = break_even() * 3.6e9, lo = 20;
    char prof[256];
    struct run r;
    tdm_dispatch_opts o = TDM_DISPATCH_OPTS_DEFAULT;

    two_hours(prof, sizeof prof, lo, lo + 0.98 * dp);
    dispatch(&r, NULL, NULL, NULL, prof, &o);
    assert_int_equal(r.rc, 0);
    assert_close(r.d.stores[0].capacity, 0, 1e-6);
    assert_close(r.d.stages[0].size, area(), 1e-9);
    assert_close(r.d.best.lcop, r.d.flat.lcop, 1e-9);
    run_free(&r);

    double hi = lo + 1.02 * dp;
    two_hours(prof, sizeof prof, lo, hi);
    dispatch(&r, NULL, NULL, NULL, prof, &o);
    assert_int_equal(r.rc, 0);
    double V = 4 * 3600.0;
    assert_close(r.d.stores[0].capacity, V, 1e-6);
    assert_close(r.d.stages[0].size, 2 * area(), 1e-9);
    assert_close(r.d.stages[1].size, area(), 1e-9);
    assert_close(r.d.stages[0].load[0], 1, 1e-9);
    assert_close(r.d.stages[0].load[1], 0, 1e-9);
    assert_close(r.d.stages[1].load[0], 1, 1e-9);
    assert_close(r.d.stores[0].level[0], V, 1e-6); /* full after the cheap hour */
    double P = power();
    double lc = ((2 * area() * C1 + area() * C2 + V * cv()) / N +
                 H / 2 * (2 * P * per_j(lo) + P * (per_j(lo) + per_j(hi)))) /
                product_kg() * 1000;
    assert_close(r.d.best.lcop, lc, 1e-9);
    assert_true(r.d.best.lcop < r.d.flat.lcop);
    run_free(&r);
}

/* With its storage held empty the stages move together: doubling both is worth the spread
 * only when the spread pays for cell2's dear stack too, P (p_hi - p_lo) H / 2 x 2 against
 * a (c1 + c2) / N; at the spread that pays for the buffer it stays the flat plant. */
static void
test_without_storage_the_stages_move_together(void **state)
{
    (void)state;
    double dp = break_even() * 3.6e9, lo = 20;
    char prof[256];
    struct run r;
    tdm_dispatch_opts o = TDM_DISPATCH_OPTS_DEFAULT;
    o.no_storage = true;
    two_hours(prof, sizeof prof, lo, lo + 1.02 * dp);
    dispatch(&r, NULL, NULL, NULL, prof, &o);
    assert_int_equal(r.rc, 0);
    assert_close(r.d.best.lcop, r.d.flat.lcop, 1e-9);
    assert_close(r.d.stages[0].size, area(), 1e-9);
    run_free(&r);

    double both = area() * (C1 + C2) / N / (power() * H / 2 * 2) * 3.6e9; /* $/MWh */
    two_hours(prof, sizeof prof, lo, lo + 1.02 * both);
    dispatch(&r, NULL, NULL, NULL, prof, &o);
    assert_int_equal(r.rc, 0);
    assert_close(r.d.stages[0].size, 2 * area(), 1e-9);
    assert_close(r.d.stages[1].size, 2 * area(), 1e-9);
    assert_close(r.d.stages[1].load[1], 0, 1e-9);
    run_free(&r);
}

/* The levelized cost when cell1, built 4/3 as large, runs at 1 in the cheap hour and 0.5 in
 * the dear one, and the buffer holds the third of cell2's CO it then lacks:
 *   ((4/3 a c1 + a c2 + V cv) / N + (H / 2) (4/3 P p_lo + 2/3 P p_hi + P (p_lo + p_hi)))
 *   / (M H),  V = 4 x 3600 / 3 mol */
static double
third_shifted(double lo, double hi)
{
    double V = 4 * 3600.0 / 3, P = power();
    return ((4 * area() / 3 * C1 + area() * C2 + V * cv()) / N +
            H / 2 * (4 * P / 3 * per_j(lo) + 2 * P / 3 * per_j(hi)) +
            H / 2 * P * (per_j(lo) + per_j(hi))) /
           product_kg() * 1000;
}

/* Dispatches at twice the break-even spread with cell1's key changed, and checks the third
 * shifted: cell1 built 4/3 as large at loads 1 and 0.5, the cost third_shifted's. */
static void
shift_a_third(struct run *r, const char *key, const char *value)
{
    double dp = break_even() * 3.6e9, lo = 20, hi = lo + 2 * dp;
    char prof[256];
    tdm_dispatch_opts o = TDM_DISPATCH_OPTS_DEFAULT;
    two_hours(prof, sizeof prof, lo, hi);
    dispatch(r, "cell1", key, value, prof, &o);
    assert_int_equal(r->rc, 0);
    assert_close(r->d.stages[0].size, 4 * area() / 3, 1e-9);
    assert_close(r->d.stages[0].load[0], 1, 1e-9);
    assert_close(r->d.stages[0].load[1], 0.5, 1e-9);
    assert_close(r->d.best.lcop, third_shifted(lo, hi), 1e-9);
}

/* cell1 never below half its design current density: it can shift only a third of its
 * work. Its installed area A makes 2 a a year's two hours at loads 1 and 0.5: A = 4 a / 3;
 * in the dear hour it makes 2/3 of cell2's CO, the buffer holds the other third:
 * V = 4 x 3600 / 3 mol. */
static void
test_turndown_binds(void **state)
{
    (void)state;
    struct run r;
    shift_a_third(&r, "min_load", "0.5");
    assert_true(r.d.stages[0].must_run);
    assert_close(r.d.stores[0].capacity, 4 * 3600.0 / 3, 1e-6);
    run_free(&r);
}

/* A ramp of 50 %/h allows the same as a least load of half: from 1 in the cheap hour to 0.5
 * in the dear one (the profile is cyclic: back up by 0.5 after it). */
static void
test_ramp_binds(void **state)
{
    (void)state;
    struct run r;
    shift_a_third(&r, "ramp", "50 %/h");
    assert_false(r.d.stages[0].must_run);
    assert_close(r.d.stages[0].ramp, 0.5 / 3600, 1e-12);
    run_free(&r);
}

/* No power in the second hour, and cell1 never stops: the profile's line is named. */
static void
test_infeasible_profile_named(void **state)
{
    (void)state;
    struct run r;
    tdm_dispatch_opts o = TDM_DISPATCH_OPTS_DEFAULT;
    o.supply_w = 10e6;
    dispatch(&r, "cell1", "min_load", "0.5",
             "hour,price,available,source\nunit,$/MWh,,\n0,20,1,test\n1,30,0,\n", &o);
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.cls, TDM_ESOLVE);
    char want[128];
    snprintf(want, sizeof want, "%s:4: 0 MW available here", r.path);
    if (!strstr(r.err.msg, want) || !strstr(r.err.msg, "never stop")) {
        print_error("%s\n", r.err.msg);
        fail();
    }
    run_free(&r);

    /* free to stop, both cells run twice their size in the hour that has power */
    dispatch(&r, NULL, NULL, NULL,
             "hour,price,available,source\nunit,$/MWh,,\n0,20,1,test\n1,30,0,\n", &o);
    assert_int_equal(r.rc, 0);
    assert_close(r.d.stages[1].size, 2 * area(), 1e-9);
    assert_false(r.d.flat.feasible);
    run_free(&r);

    /* too little energy over the profile: said with the figures */
    o.supply_w = 2e6;
    dispatch(&r, NULL, NULL, NULL,
             "hour,price,available,source\nunit,$/MWh,,\n0,20,1,test\n1,30,0,\n", &o);
    assert_int_equal(r.rc, -1);
    assert_non_null(strstr(r.err.msg, "no plant makes the year's"));
    run_free(&r);
}

/* Four days, the first and third alike, the second and fourth alike. Without storage the
 * periods are independent, and two typical days, each weighted by two, stand for them
 * exactly. With storage the year's LP may carry CO from one day to the next, which typical
 * days (cycling within a day) cannot: they cost at least as much. */
static void
test_typical_days_weighted(void **state)
{
    (void)state;
    char prof[8192];
    size_t len = (size_t)snprintf(prof, sizeof prof, "hour,price,source\nunit,$/MWh,\n");
    for (int h = 0; h < 96; h++) {
        int day = h / 24, hour = h % 24;
        double p = day % 2 ? 40 + (hour >= 12 ? 3000 : 0) : 25 + (hour < 6 ? 4000 : 0);
        len += (size_t)snprintf(prof + len, sizeof prof - len, "%d,%g,%s\n", h, p, h ? "" : "test");
    }
    double full[2];
    for (int storage = 0; storage < 2; storage++) {
        struct run r;
        tdm_dispatch_opts o = TDM_DISPATCH_OPTS_DEFAULT;
        o.no_storage = !storage;
        dispatch(&r, NULL, NULL, NULL, prof, &o);
        assert_int_equal(r.rc, 0);
        full[storage] = r.d.best.lcop;
        run_free(&r);
        o.days = 2;
        dispatch(&r, NULL, NULL, NULL, prof, &o);
        assert_int_equal(r.rc, 0);
        assert_int_equal(r.d.n, 48);
        assert_close(r.d.weight[0], 2, 0);
        if (storage)
            assert_true(r.d.best.lcop >= full[1] * (1 - 1e-12));
        else
            assert_close(r.d.best.lcop, full[0], 1e-9);
        run_free(&r);
    }
    assert_true(full[0] >= full[1] * (1 - 1e-12)); /* a buffer never makes it dearer */
}

/* Least emissions: both cells built twice their size run only in the cleaner hour (the most
 * --max-size allows is 3), so every kilowatt-hour is bought at its intensity g1, where the
 * best steady plant buys at the mean (g1 + g2) / 2; what else the plant emits is the same
 * per kilogram. The electricity per kilogram is 2 P / M: the difference is
 *   (g1 - (g1 + g2) / 2) x 2 P / M. */
static void
test_least_emissions_in_the_cleaner_hour(void **state)
{
    (void)state;
    struct run r;
    tdm_dispatch_opts o = TDM_DISPATCH_OPTS_DEFAULT;
    o.objective = TDM_DISPATCH_EMISSIONS;
    scenario_file = "scenario_carbon.ini";
    dispatch(&r, NULL, NULL, NULL,
             "hour,price,intensity,source\nunit,$/MWh,kg/MWh,\n0,50,100,test\n1,20,700,\n", &o);
    scenario_file = "scenario.ini";
    assert_int_equal(r.rc, 0);
    double g1 = 100 / 3.6e9, gm = 400 / 3.6e9, M = M_C2H4;
    assert_close(r.d.best.emissions - r.d.steady.emissions, (g1 - gm) * 2 * power() / M, 1e-9);
    assert_close(r.d.stages[0].size, 2 * area(), 1e-9);
    assert_close(r.d.stages[1].size, 2 * area(), 1e-9);
    assert_close(r.d.stages[1].load[1], 0, 1e-9);
    run_free(&r);
}

/* A profile's mistakes, each at its line. */
static void
test_bad_profiles(void **state)
{
    (void)state;
    static const struct {
        const char *text, *want;
    } cases[] = {
        {"hour,price,source\nunit,$/kg,\n0,20,test\n", ":2:2: the unit of `price` is `$/kg`"},
        {"hour,price,source\n0,20,test\n", ":2: the row after the header gives the units"},
        {"hour,price,source\nunit,$/MWh,\n0,20,\n", ":3:3: the first period names"},
        {"hour,price,source\nunit,$/MWh,\n0,20,t\n1,x,\n", ":4:2: `price` is `x`"},
        {"hour,price,source\nunit,$/MWh,\n0,20,t\n1,20,\n3,20,\n", ":5:1: `hour` is 3"},
        {"hour,price,available,source\nunit,$/MWh,,\n0,20,1.5,t\n", ":3:3: `available` is 1.5"},
        {"hour,cost,source\nunit,$/MWh,\n0,20,t\n", ":1: a profile's header is `hour`"},
        {"price,source\nunit,$/MWh\n20,t\n", ":1: a profile's header is `hour`"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct run r;
        memset(&r, 0, sizeof r);
        write_profile(&r, cases[i].text);
        assert_int_equal(tdm_profile_load(r.path, &r.p, &r.err), -1);
        if (!strstr(r.err.msg, cases[i].want)) {
            print_error("case %zu: %s\n", i, r.err.msg);
            fail();
        }
        unlink(r.path);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_price_is_the_flat_plant),
        cmocka_unit_test(test_buffer_worth_its_capital_at_the_spread),
        cmocka_unit_test(test_without_storage_the_stages_move_together),
        cmocka_unit_test(test_turndown_binds),
        cmocka_unit_test(test_ramp_binds),
        cmocka_unit_test(test_infeasible_profile_named),
        cmocka_unit_test(test_typical_days_weighted),
        cmocka_unit_test(test_least_emissions_in_the_cleaner_hour),
        cmocka_unit_test(test_bad_profiles),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
