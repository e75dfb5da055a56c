/* The base case of Jouny, Luc and Jiao (Ind. Eng. Chem. Res. 2018, 57, 2165) from the
 * shipped flowsheets flowsheets/validation/jouny2018_{co,c2h4}.ini and costs/jouny2018.ini,
 * against the figures derived by hand in ../shared/reference/jouny-base-case.md: sizing
 * within 0.5 %, costs within 1 % (the reference's tolerances). The reference rounds molar
 * masses to 28 g/mol for CO and C2H4 and 2 g/mol for H2; tandem uses 28.010, 28.054 and
 * 2.016, well inside those tolerances. */
#include "../support.h"
#include "tandem/tea.h"

struct priced {
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    tdm_tea *tea;
};

static void
price(const char *name, struct priced *p)
{
    char path[512], spath[512];
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/flowsheets/validation/%s", root, name);
    snprintf(spath, sizeof spath, "%s/costs/jouny2018.ini", root);
    tdm_error err;
    if (tdm_flowsheet_load(path, &p->fs, &err) || tdm_scenario_load(spath, &p->sc, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
    tdm_simulation_init(&p->sim, p->fs);
    p->tea = calloc(1, sizeof *p->tea);
    assert_non_null(p->tea);
    if (tdm_simulate(&p->sim, &err) || tdm_tea_evaluate(p->sim.results, p->sc, p->tea, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
}

static void
release(struct priced *p)
{
    free(p->tea);
    tdm_simulation_free(&p->sim);
    tdm_scenario_free(p->sc);
    tdm_flowsheet_free(p->fs);
}

static double
capex(const tdm_tea *t, const char *item)
{
    for (int i = 0; i < t->ncapex; i++)
        if (!strcmp(t->capex[i].item, item)) return t->capex[i].installed;
    return NAN;
}

static double
per_t(const tdm_tea *t, const char *line)
{
    for (int i = 0; i < t->nopex; i++)
        if (!strcmp(t->opex[i].name, line)) return t->opex[i].cost / t->production_t;
    return NAN;
}

/* Expected figures of the reference, in order: current (A), area (m2), electrolyzer power
 * (W), electrolyzer energy (GJ/t), CO2 consumed (t/day), PSA throughput (m3/h), PSA capital
 * ($), electrolyzer + BOP capital ($); levelized $/t: capital, electrolyzer electricity, PSA
 * electricity, CO2, maintenance, total. */
static void
check(const char *file, const char *product, const double *x)
{
    struct priced p;
    price(file, &p);
    const tdm_results *r = p.sim.results;
    const tdm_tea *t = p.tea;
    double I = unit_value(r, "cell", "current");
    assert_close(I, x[0], 5e-3);
    assert_close(unit_value(r, "cell", "area"), x[1], 5e-3);
    assert_close(unit_value(r, "cell", "power"), x[2], 5e-3);
    assert_close(unit_value(r, "cell", "power") / r->summary.product_kg_s / 1e6, x[3], 5e-3);
    assert_close(stream_flow(r, "fresh_co2", "CO2") * 0.044009 * 86400 / 1000, x[4], 5e-3);
    assert_close(unit_value(r, "psa", "gas_treated") * 3600, x[5], 5e-3);
    assert_close(capex(t, "psa_jouny2018"), x[6], 1e-2);
    assert_close(capex(t, "electrolyzer_jouny2018") + capex(t, "electrolyzer_bop_jouny2018"), x[7],
                 1e-2);
    assert_close(t->lcop_capital, x[8], 1e-2);
    assert_close(per_t(t, "electricity: electrolyzers"), x[9], 1e-2);
    assert_close(per_t(t, "electricity: separators"), x[10], 1e-2);
    assert_close(per_t(t, "CO2"), x[11], 1e-2);
    assert_close(per_t(t, "maintenance"), x[12], 1e-2);
    assert_close(t->lcop, x[13], 1e-2);
    /* The capital recovery convention has nothing beyond capital and operating lines. */
    assert_close(t->lcop_rest, 0, 1e-9);
    (void)product;
    release(&p);
}

static void
test_co_plant(void **state)
{
    (void)state;
    const double x[] = {8.863e6, 4431, 20.38e6, 17.61, 157.1, 7357, 8.04e6,
                        6.27e6,  48.0, 146.8,   13.2,  62.9,  2.9,  273.8};
    check("jouny2018_co.ini", "CO", x);
}

static void
test_a_price_changed_from_the_command_line(void **state)
{
    (void)state;
    /* Doubling the electricity price to 0.06 $/kWh doubles both electricity lines of the CO
     * plant: 273.8 + 146.8 + 13.2 = 433.8 $/t (reference figures, 1 %). */
    struct priced p;
    price("jouny2018_co.ini", &p);
    tdm_error err;
    assert_int_equal(tdm_scenario_set(p.sc, "prices.electricity", "0.06 $/kWh", &err), 0);
    assert_int_equal(tdm_tea_evaluate(p.sim.results, p.sc, p.tea, &err), 0);
    assert_close(p.tea->lcop, 273.8 + 146.8 + 13.2, 1e-2);
    /* An unknown key is refused with its name. */
    assert_int_equal(tdm_scenario_set(p.sc, "discount", "5 %", &err), -1);
    assert_non_null(strstr(err.msg, "unknown key `discount`"));
    /* The same price as a number (a Monte Carlo sample): changed in place now that
     * [prices] gives it in $/kWh; 0.03 $/kWh brings back the reference 273.8 $/t. */
    double si = 0.03 / 3.6e6; /* $/kWh -> $/J */
    assert_int_equal(tdm_scenario_set_number(p.sc, "prices.electricity", si, "$/kWh", NULL, &err),
                     0);
    assert_int_equal(tdm_tea_evaluate(p.sim.results, p.sc, p.tea, &err), 0);
    assert_close(p.tea->lcop, 273.8, 1e-2);
    /* a text change of another key reads the scenario again: the price set as a number
     * must survive as its text, 0.03 $/kWh */
    assert_int_equal(tdm_scenario_set(p.sc, "discount_rate", "10 %", &err), 0);
    assert_close(tdm_scenario_price(p.sc, "electricity")->value, si, 1e-15);
    assert_close(tdm_scenario_price(p.sc, "electricity")->shown, 0.03, 1e-15);
    release(&p);
}

static void
test_c2h4_plant(void **state)
{
    (void)state;
    const double x[] = {5.318e7, 26589, 122.31e6, 105.67, 314.3, 12514, 11.66e6,
                        37.63e6, 165.4, 880.6,    22.5,   125.7, 17.5,  1211.8};
    check("jouny2018_c2h4.ini", "C2H4", x);
}

int
main(void)
{
    if (!getenv("TANDEM_SOURCE_ROOT")) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_co_plant),
        cmocka_unit_test(test_c2h4_plant),
        cmocka_unit_test(test_a_price_changed_from_the_command_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
