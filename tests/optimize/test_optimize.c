/* The optimizer on small problems whose optimum is worked out by hand.
 *
 * The cell: 10 mol/s CO2 fed (unless released), FE(CO) 0.9 and H2 the rest, single-pass
 * conversion 0.5, carbonate crossover 0.25 mol CO2 per mol e-, 3 V. Per mol/s of CO2 fed
 * at conversion X: CO made 10 X ... in general n_CO = X F_CO2, electrons e = 2 n_CO / 0.9,
 * power P = 3 V x e x F (F = 96485.33212 C/mol). M(CO) = 28.010 g/mol. The cell's voltage and
 * FE are the fixed numbers these hand cases need: it says `fixed_performance = yes`, so that
 * its conversion may be released (a cell with its model is test_one_mea_cell_stops_short_...). */
#include <unistd.h>

#include <ctype.h>

#include "../support.h"
#include "tandem/figures.h"
#include "tandem/optimize.h"
#include "tandem/quantity.h"
#include "tandem/report.h"
#include "tandem/tea.h"

static const double F = 96485.33212, M_CO = 0.028010; /* CRC Handbook */

#define CELL(feed, cell, optimize)                                                                 \
    "[flowsheet]\nmain_product = CO\n"                                                             \
    "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n" feed                                      \
    "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"                        \
    "key_reactant = CO2\nfe.CO = 0.9\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"                \
    "cell_voltage = 3 V\ncarbonate_crossover = 0.25\nfixed_performance = yes\n" cell               \
    "[gas]\nkind = product\nin = c\n"                                                              \
    "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n"                                 \
    "[optimize]\n" optimize

struct run {
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_opt_problem p;
    tdm_optimum o;
    tdm_error err;
    int rc;
};

/* Loads and optimizes; rc holds the outcome (the load must succeed). */
static void
optimize_text(struct run *r, const char *text)
{
    memset(r, 0, sizeof *r);
    if (tdm_flowsheet_load_string(text, strlen(text), "test.ini", &r->fs, &r->err)) {
        print_error("load failed: %s\n", r->err.msg);
        fail();
    }
    tdm_simulation_init(&r->sim, r->fs);
    r->rc = tdm_opt_read(&r->p, r->fs, tdm_flowsheet_optimize_section(r->fs), NULL, 0, &r->err);
    if (r->rc == 0) r->rc = tdm_optimize(&r->sim, &r->p, NULL, &r->o, &r->err);
}

static void
run_free(struct run *r)
{
    tdm_simulation_free(&r->sim);
    tdm_flowsheet_free(r->fs);
}

/* The shipped base cost scenario, costs/base2023.ini. */
static tdm_scenario *
base_scenario(void)
{
    char path[600];
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/costs/base2023.ini", root ? root : ".");
    tdm_scenario *sc = NULL;
    tdm_error err;
    if (tdm_scenario_load(path, &sc, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
    return sc;
}

static void
test_with_everything_fixed_the_optimum_is_the_simulation(void **state)
{
    (void)state;
    struct run r;
    optimize_text(&r, CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n", ""));
    assert_int_equal(r.rc, 0);
    /* n_CO = 5 mol/s, e = 11.111 mol/s, P = 3 e F = 3.2162 MW; the cell only rejects heat,
     * so the energy is the electricity: 3.2162e6 / (5 x 0.028010) = 22.964 MJ/kg. */
    double e = 5 * 2 / 0.9, J = 3 * e * F / (5 * M_CO) / 1e6;
    assert_close(r.o.start, J, 1e-6);
    assert_close(r.o.value, J, 1e-6);
    assert_close(stream_flow(r.sim.results, "c", "CO"), 5.0, 1e-9);
    assert_true(r.sim.results->summary.closed);
    /* Energy per tonne does not depend on the scale: one more mol/s of CO2 is worth
     * nothing; nor does the conversion (the energy is all Faradaic). */
    assert_int_equal(r.o.nmarginals, 2);
    for (int i = 0; i < r.o.nmarginals; i++)
        assert_true(fabs(r.o.marginal[i].per_unit) < 1e-6 * J);
    run_free(&r);
}

static void
test_a_released_conversion_stops_where_the_cathode_runs_out_of_co2(void **state)
{
    (void)state;
    struct run r;
    optimize_text(&r, CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n",
                           "objective = max_product\n"
                           "vary.cell.single_pass_conversion = 0.1 .. 0.9\n"));
    assert_int_equal(r.rc, 0);
    /* CO2 at the cathode outlet: 10 - 10 X - 0.25 e with e = 2 (10 X) / 0.9, so
     * 10 - 10 X - 5.5556 X >= 0 and X <= 10 / 15.5556 = 9/14 = 0.642857. The product
     * grows with X, so X* = 9/14: CO = 6.42857 mol/s = 15.557 t/day. The conversion is a
     * coefficient of the cell's rows: found by successive linearization. */
    assert_true(r.p.var[0].coefficient);
    assert_close(r.p.var[0].value, 9.0 / 14, 1e-7);
    assert_int_equal(r.p.var[0].at_bound, 0);
    assert_non_null(r.p.var[0].held_by);
    assert_non_null(strstr(r.p.var[0].held_by, "CO2 in stream `c`"));
    assert_close(r.o.value, 10 * 9.0 / 14 * M_CO * 86400 / 1000, 1e-7);
    assert_true(r.o.converged);
    run_free(&r);
}

static void
test_a_power_budget_limits_the_product_and_has_a_shadow_price(void **state)
{
    (void)state;
    struct run r;
    optimize_text(&r, CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n",
                           "objective = max_product\n"
                           "vary.co2.flow = 1 .. 100 mol/s\n"
                           "max.electricity = 2 MW\n"));
    assert_int_equal(r.rc, 0);
    /* Per mol/s of CO2: n_CO = 0.5, e = 1/0.9, P = 3 F / 0.9 = 321,617.8 W. The budget
     * allows 2e6 / 321617.8 = 6.2186 mol/s: CO 3.1093 mol/s = 7.5249 t/day. Everything is
     * proportional, so each MW more is worth 7.5249 / 2 t/day. */
    double feed = 2e6 / (3 * F / 0.9), co = 0.5 * feed * M_CO * 86.4;
    assert_false(r.p.var[0].coefficient);
    assert_close(r.p.var[0].value, feed, 1e-9);
    assert_close(r.o.value, co, 1e-9);
    assert_true(r.p.limit[0].binding);
    assert_close(r.p.limit[0].value, 2e6, 1e-9);
    assert_close(r.p.limit[0].shadow, co / 2, 1e-6);
    /* the feed rate is exact (a right-hand side): one iteration finds it, one confirms */
    assert_true(r.o.iterations <= 2);
    run_free(&r);
}

static void
test_co2_available_and_a_purity_limit_bind_where_worked_out(void **state)
{
    (void)state;
    struct run r;
    /* CO2 available: 20 t/day = 20e3 / 86400 / 0.044009 kg/mol = 5.2598 mol/s; at X = 0.5
     * half of it becomes CO. (M(CO2) = 44.009 g/mol, CRC.) */
    optimize_text(&r, CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n",
                           "objective = max_product\nvary.co2.flow = 1 .. 100 mol/s\n"
                           "max.feed.CO2 = 20 t/day\n"));
    assert_int_equal(r.rc, 0);
    double feed = 20e3 / 86400 / 0.044009;
    assert_close(r.p.var[0].value, feed, 1e-6);
    assert_close(r.o.value, 0.5 * feed * M_CO * 86.4, 1e-6);
    assert_true(r.p.limit[0].binding);
    run_free(&r);
    /* Purity: the cathode gas at conversion X holds CO 10 X, H2 0.1 e/2 = 1.1111 X and CO2
     * 10 - 10 X - 0.25 e = 10 - 15.5556 X (e = 22.222 X), in all 10 - 4.4444 X mol/s. At
     * least 20 % CO2 (a recycle that needs it): 10 - 15.5556 X >= 0.2 (10 - 4.4444 X), so
     * X <= 8 / 14.6667 = 6/11; the most CO is made there. */
    optimize_text(&r, CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n",
                           "objective = max_product\n"
                           "vary.cell.single_pass_conversion = 0.1 .. 0.9\n"
                           "min.purity.c.CO2 = 0.2\n"));
    if (r.rc) print_error("%s\n", r.err.msg);
    assert_int_equal(r.rc, 0);
    assert_close(r.p.var[0].value, 6.0 / 11, 1e-6);
    assert_close(r.p.limit[0].value, 0.2, 1e-6);
    assert_true(r.p.limit[0].binding);
    run_free(&r);
}

static void
test_the_worth_of_a_fixed_feed_is_its_product_yield(void **state)
{
    (void)state;
    struct run r;
    optimize_text(&r, CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n",
                           "objective = max_product\n"));
    assert_int_equal(r.rc, 0);
    /* d(CO)/d(feed) = X M_CO = 0.5 x 28.010 g/mol x 86.4 = 1.21004 t/day per mol/s;
     * d(CO)/dX = 10 mol/s x M_CO = 24.2007 t/day per unit of conversion. */
    int seen = 0;
    for (int i = 0; i < r.o.nmarginals; i++) {
        const tdm_opt_marginal *g = &r.o.marginal[i];
        if (!strcmp(g->key, "flow")) {
            assert_close(g->per_unit, 0.5 * M_CO * 86.4, 1e-6);
            seen++;
        }
        if (!strcmp(g->key, "single_pass_conversion")) {
            assert_close(g->per_unit, 10 * M_CO * 86.4, 1e-6);
            seen++;
        }
    }
    assert_int_equal(seen, 2);
    run_free(&r);
}

static void
test_explain_reoptimizes_after_a_step(void **state)
{
    (void)state;
    struct run r;
    optimize_text(&r, CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n",
                           "explain.cell.cell_voltage = 0.1 V\n"));
    assert_int_equal(r.rc, 0);
    /* 0.1 V more on e F / n_CO = 2 F / 0.9 C per mol CO: 0.1 x 2 x 96485.33 / 0.9 /
     * 0.028010 = 0.76550 MJ/kg = 0.76550 GJ/t more energy. */
    assert_null(r.p.explain[0].failed);
    assert_close(r.p.explain[0].objective - r.o.value, 0.1 * 2 * F / 0.9 / M_CO / 1e6, 1e-6);
    assert_string_equal(r.p.explain[0].after, "3.1 V");
    /* and the flowsheet is back at 3 V */
    assert_close(unit_value(r.sim.results, "cell", "cell_voltage"), 3.0, 1e-12);
    run_free(&r);
    /* a step in C is a difference: 40 C and 5 C more is 45 C (it once added 278.15 K) */
    optimize_text(&r,
                  CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\ntemperature = 40 C\n",
                       "explain.cell.temperature = 5 C\n"));
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.p.explain[0].after, "45 C");
    run_free(&r);
}

static void
test_an_impossible_limit_is_named_with_what_is_possible(void **state)
{
    (void)state;
    struct run r;
    optimize_text(&r, CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n",
                           "max.electricity = 1 MW\n"));
    /* the fixed plant needs 3 e F = 3.2162 MW */
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.cls, TDM_ESOLVE);
    assert_non_null(strstr(r.err.msg, "test.ini:30:"));
    assert_non_null(strstr(r.err.msg, "`max.electricity` cannot hold"));
    assert_non_null(strstr(r.err.msg, "least is 3.216 MW"));
    run_free(&r);
}

static void
test_an_unbounded_objective_names_what_runs_away(void **state)
{
    (void)state;
    struct run r;
    optimize_text(&r, CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n",
                           "objective = max_product\nvary.co2.flow = 1 .. inf mol/s\n"));
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.cls, TDM_ESOLVE);
    assert_non_null(strstr(r.err.msg, "unbounded"));
    assert_non_null(strstr(r.err.msg, "test.ini:30:"));
    run_free(&r);
    /* held by a limit instead, the unbounded range is reported as such, never as `inf`: the
     * feed rises until the electricity reaches 1 MW */
    optimize_text(&r, CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n",
                           "objective = max_product\nvary.co2.flow = 1 .. inf mol/s\n"
                           "max.electricity = 1 MW\n"));
    assert_int_equal(r.rc, 0);
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    for (int fmt = TDM_FMT_TEXT; fmt <= TDM_FMT_JSON; fmt++)
        tdm_report_optimize(f, (enum tdm_format)fmt, &r.p, &r.o, r.sim.results);
    fclose(f);
    assert_non_null(strstr(text, "from 1.000 mol/s"));
    for (const char *q = text; (q = strstr(q, "inf")); q++)
        assert_true(q > text && isalpha((unsigned char)q[-1])); /* "information", never a word */
    free(text);
    run_free(&r);
}

static void
test_bad_optimize_keys_name_their_line(void **state)
{
    (void)state;
    static const struct {
        const char *section, *expect;
    } cases[] = {
        {"objective = fastest\n", "test.ini:30: [optimize] unknown objective `fastest`"},
        {"vary.nocell.current = 1 .. 2 A\n", "test.ini:30: [optimize] `vary.nocell.current`"},
        {"vary.cell.area = 1 .. 2 m2\n", "does not set `area`"},
        {"vary.co2.flow = 5 mol/s\n", "write the range as `LO .. HI unit`"},
        {"vary.co2.flow = 5 .. 1 mol/s\n", "lower bound must be below the upper"},
        /* 70 characters of lower bound were cut to 63 without a word (here to 0.000...) */
        {"vary.co2.flow = 0.00000000000000000000000000000000000000000000000000000000000000000000"
         "5 .. 1 mol/s\n",
         "`vary.co2.flow`: the lower bound is longer than 63 characters"},
        {"max.electricity = 5 t/day\n", "wrong unit; give a power"},
        {"min.electricity = 5 MW\n", "only be limited from above"},
        {"max.feed.N2 = 5 t/day\n", "no species `N2`"},
        {"min.purity.nostream.CO = 0.9\n", "no stream `nostream`"},
        {"max.speed = 1\n", "unknown limit `max.speed`"},
        /* one message for an unknown key in every section: the near key, else those taken */
        {"colour = red\n", "unknown key `colour` (accepted: objective, iterations, vary.UNIT.KEY"},
        {"objectve = min_cost\n", "unknown key `objectve`; did you mean `objective`?"},
        {"vary.co2.flow = 5 .. 1e999 mol/s\n", "`vary.co2.flow`: upper bound `1e999 mol/s`: "},
        {"max.purity.c.CO = 0.9\n", "purity is a lower limit (min.purity.STREAM.X)"},
        {"min.purity.c = 0.9\n", "`min.purity.c`: write min.purity.STREAM.SPECIES"},
        {"min.purity.c.XX = 0.9\n", "the flowsheet has no species `XX`"},
        {"max.electricity = lots\n", "`max.electricity = lots`: `lots` does not start with a "
                                     "number"},
        {"explain.nounit.key = 1\n", "`explain.nounit.key`: no unit of the flowsheet"},
        {"explain.cell.area = 1 m2\n", "`explain.cell.area`: [cell] does not set `area`"},
        {"explain.cell.cell_voltage = 0 V\n", "give a non-zero step with its unit"},
        {"iterations = 0\n", "`iterations` takes a whole number from 1 to 1000"},
        {"iterations = many\n", "`iterations` takes a whole number from 1 to 1000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[2000];
        snprintf(text, sizeof text, "%s",
                 CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n", ""));
        strcat(text, cases[i].section);
        struct run r;
        optimize_text(&r, text);
        if (r.rc == 0 || !strstr(r.err.msg, cases[i].expect)) {
            print_error("case %zu: rc %d, message `%s`, expected `%s`\n", i, r.rc, r.err.msg,
                        cases[i].expect);
            fail();
        }
        assert_int_equal(r.err.cls, TDM_EINPUT);
        run_free(&r);
    }
}

static void
test_a_bound_the_key_cannot_take_is_refused_with_the_line(void **state)
{
    (void)state;
    struct run r;
    /* a conversion of 1.5 is no fraction: the electrolyzer refuses it */
    optimize_text(&r, CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n",
                           "vary.cell.single_pass_conversion = 0.1 .. 1.5\n"));
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.err.cls, TDM_EINPUT);
    assert_non_null(strstr(r.err.msg, "test.ini:30: [optimize] `vary.cell.single_pass_conversion`"
                                      ": the upper bound"));
    run_free(&r);
}

/* The best of a grid of plain simulations of a shipped flowsheet: unit.key at n values from
 * lo to hi, each solved afresh; points where the plant cannot run (a cathode out of its
 * reactant) are left out. The energy per tonne (GJ/t), or the levelized cost when sc is given;
 * *at gets the value where the best lies and *failed how many points could not run. */
static double
grid_best(const char *name, const char *unit, const char *key, double lo, double hi, int n,
          const tdm_scenario *sc, double *at, int *failed)
{
    char path[1024];
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/flowsheets/%s", root ? root : ".", name);
    tdm_flowsheet *fs;
    tdm_error err;
    assert_int_equal(tdm_flowsheet_load(path, &fs, &err), 0);
    tdm_simulation sim;
    tdm_simulation_init(&sim, fs);
    tdm_tea *t = calloc(1, sizeof *t);
    assert_non_null(t);
    double best = HUGE_VAL;
    *failed = 0;
    for (int i = 0; i < n; i++) {
        double v = lo + (hi - lo) * i / (n - 1);
        char text[64];
        snprintf(text, sizeof text, "%.17g", v);
        if (tdm_flowsheet_set(fs, sim.model, unit, key, text, &err) || tdm_simulate(&sim, &err)) {
            assert_int_equal(err.cls, TDM_ESOLVE); /* the plant cannot run there: no number */
            (*failed)++;
            continue;
        }
        assert_true(sim.results->summary.closed);
        double J = sim.results->summary.energy_j_per_kg / 1e6;
        if (sc) {
            assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
            J = t->lcop;
        }
        if (J < best) {
            best = J;
            *at = v;
        }
    }
    free(t);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    return best;
}

/* Optimizes a shipped flowsheet with its own [optimize] section and the extra lines. */
static void
optimize_file(struct run *r, const char *name, tdm_kv *extra, int nextra, const tdm_scenario *sc)
{
    char path[1024];
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/flowsheets/%s", root ? root : ".", name);
    memset(r, 0, sizeof *r);
    assert_int_equal(tdm_flowsheet_load(path, &r->fs, &r->err), 0);
    tdm_simulation_init(&r->sim, r->fs);
    r->rc =
        tdm_opt_read(&r->p, r->fs, tdm_flowsheet_optimize_section(r->fs), extra, nextra, &r->err);
    if (r->rc == 0) r->rc = tdm_optimize(&r->sim, &r->p, sc, &r->o, &r->err);
    if (r->rc) print_error("%s\n", r->err.msg);
    assert_int_equal(r->rc, 0);
}

/* The share s of a CO2 reduction current kept from mass transfer (docs/equations.md, "The
 * terms of a cell's voltage"), worked out here apart from the program: a = j sum FE0 /
 * j_lim0, k(c) = 1 / (1 + a / c), the channel's mean c_mean(Xc) = Xc / -ln(1 - Xc) (pure
 * reactant at the inlet), Xc = X (1 + r / s) with r the crossover per mol of reactant in the
 * products, s = k(c_mean(Xc)) / k(1) by fixed point from s = 1. */
static double
kept_share(double a, double X, double r)
{
    double s = 1;
    for (int i = 0; i < 500; i++) {
        double Xc = X * (1 + r / s), c = Xc / -log1p(-Xc);
        s = (1 + a) / (1 + a / c);
    }
    return s;
}

static void
test_one_mea_cell_stops_short_of_running_out_of_co2(void **state)
{
    (void)state;
    /* flowsheets/one_cell_mea.ini, its [optimize] section: the single-pass conversion free in
     * 0.01 .. 0.25, least energy per tonne. With FE and voltage fixed the optimizer ran to
     * X = 3/13, where the cathode gas held no CO2 at full FE. With the cell's model the FE
     * falls as the channel runs short of CO2 (a = 2000 x 0.80 / 13880, crossover 0.5 mol per
     * mol e- against 0.70 x 2/12 + 0.10 / 2 = 1/6 mol CO2 in the products: r = 3), and past
     * Xc = 1 there is no operating point. The optimum must beat or tie the best of 50
     * simulations over the range (some of which cannot run) to within the energy the grid's
     * spacing can miss, and lie within two steps of it; its cathode gas still holds CO2, and
     * its FE is the model's at the X it chose. */
    struct run r;
    optimize_file(&r, "one_cell_mea.ini", NULL, 0, NULL);
    double at = NAN, X = r.p.var[0].value;
    int failed = 0;
    double best = grid_best("one_cell_mea.ini", "cell", "single_pass_conversion", 0.01, 0.25, 50,
                            NULL, &at, &failed);
    assert_true(failed > 0 && failed < 25); /* the top of the range starves the cathode */
    assert_true(r.o.value <= best * (1 + 1e-6));
    assert_true(fabs(X - at) <= 2 * 0.24 / 49);
    assert_true(X < 0.2 && X > 0.05);
    assert_true(stream_flow(r.sim.results, "cathode_gas", "CO2") >
                0.1 * stream_flow(r.sim.results, "cell_feed", "CO2"));
    double s = kept_share(2000 * 0.80 / 13880, X, 3);
    assert_close(unit_value(r.sim.results, "cell", "reduction_share"), s, 1e-7);
    /* the C2H4 made per electron: FE 0.70 s over 12 */
    double e = unit_value(r.sim.results, "cell", "current") / F;
    assert_close(stream_flow(r.sim.results, "cathode_gas", "C2H4") -
                     stream_flow(r.sim.results, "cell_feed", "C2H4"),
                 0.70 * s * e / 12, 1e-6);
    assert_true(r.sim.results->summary.closed);
    run_free(&r);
}

static void
test_the_ee4_mea_optimum_keeps_co_in_its_channel(void **state)
{
    (void)state;
    /* The CO-fed MEA of seed/ee4: its CO conversion free in 0.05 .. 0.95 for the least
     * energy per tonne. No crossover (r = 0); a = 1500 x 0.90 / (11570 x 3.5122 / 4) (its
     * C2H4 and liquids, 0.90 of the current at zero conversion, at their mean 3.5122
     * electrons per CO: test_flowsheets.c) with the inlet's CO fraction y dividing it (the
     * CO recycle brings some H2 and C2H4). The CO lost unconverted
     * to the off-gas falls as X rises and the FE falls with it: the optimum lies inside the
     * range, and no dearer than the best of 50 simulations. */
    struct run r;
    tdm_kv vary[] = {{.key = "vary.mea.single_pass_conversion", .value = "0.05 .. 0.95"},
                     {.key = "objective", .value = "min_energy"}};
    optimize_file(&r, "seed/ee4_soec_mea_ozden2021.ini", vary, 2, NULL);
    double at = NAN, X = r.p.var[0].value;
    int failed = 0;
    double best = grid_best("seed/ee4_soec_mea_ozden2021.ini", "mea", "single_pass_conversion",
                            0.05, 0.95, 50, NULL, &at, &failed);
    assert_true(r.o.value <= best * (1 + 1e-6));
    assert_true(fabs(X - at) <= 2 * 0.90 / 49);
    assert_true(X > 0.05 && X < 0.95);
    assert_true(stream_flow(r.sim.results, "mea_gas", "CO") > 0);
    double tot = 0;
    for (int k = 0; k < tdm_flowsheet_nspecies(r.fs); k++)
        tot += stream_flow(r.sim.results, "mea_feed", tdm_flowsheet_species_at(r.fs, k)->name);
    double y = stream_flow(r.sim.results, "mea_feed", "CO") / tot;
    double a = 1500 * 0.90 / (11570 * (0.90 / 0.25625) / 4), c = X / -log1p(-X);
    double s = (1 + a) / (1 + a / (y * c));
    assert_close(unit_value(r.sim.results, "mea", "reduction_share"), s, 1e-7);
    run_free(&r);
}

/* A CO2 -> CO cell whose voltage follows its current density, the FE held (it says so):
 * the cathode by Tafel, 0.44 V at 10 mA/cm2 and 230 mV/dec, the anode 0.247 V and
 * 41 mV/dec, 1 ohm cm2, no crossover (acidic). 100 t/day of CO, priced in costs/base2023.ini. */
#define TAFEL_CELL                                                                                 \
    "[flowsheet]\nmain_product = CO\n"                                                             \
    "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n"                                           \
    "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\nkey_reactant = CO2\n"    \
    "fe.CO = 0.95\nfe.H2 = rest\ncurrent_density = 300 mA/cm2\nsingle_pass_conversion = 0.5\n"     \
    "cathode_tafel_slope = 230 mV/dec\ncathode_overpotential = 0.44 V\n"                           \
    "anode_overpotential = 0.247 V\nanode_tafel_slope = 41 mV/dec\n"                               \
    "area_resistance = 1 ohm cm2\nelectrolyte = acidic\nfixed_performance = yes\n"                 \
    "[gas]\nkind = product\nin = c\nrate = 100 t/day\n"                                            \
    "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n"                                 \
    "[optimize]\nobjective = min_cost\nvary.cell.current_density = 100 .. 1000 mA/cm2\n"

/* The Tafel cell loaded, not yet solved. */
static void
tafel_load(struct run *r)
{
    memset(r, 0, sizeof *r);
    const char *text = TAFEL_CELL;
    assert_int_equal(tdm_flowsheet_load_string(text, strlen(text), "test.ini", &r->fs, &r->err), 0);
    tdm_simulation_init(&r->sim, r->fs);
}

/* The Tafel cell solved and priced at j A/m2; dV(j) = 0.271 log10(j) + 1e-4 j, its voltage
 * less what does not move with j. */
static double
tafel_priced_at(struct run *r, double j, const tdm_scenario *sc, tdm_tea *t)
{
    char v[64];
    tdm_error err;
    snprintf(v, sizeof v, "%.17g A/m2", j);
    assert_int_equal(tdm_flowsheet_set(r->fs, r->sim.model, "cell", "current_density", v, &err), 0);
    assert_int_equal(tdm_simulate(&r->sim, &err), 0);
    assert_int_equal(tdm_tea_evaluate(r->sim.results, sc, t, &err), 0);
    return 0.271 * log10(j) + 1e-4 * j;
}

static void
test_the_least_cost_current_density_of_a_tafel_cell_is_where_worked_out(void **state)
{
    (void)state;
    /* With the flows fixed (the FE and the conversion held, the rate fixed), the current I is
     * fixed and only the area A = I / j and the voltage V(j) move with j. The stack and its
     * balance of plant are priced linearly in area, and every cost that follows them
     * (installation, contingency, working capital, maintenance, insurance, replacements,
     * the DCF's taxes) is linear in them, so the levelized cost is
     *   L(j) = K / j + P V(j) + C,
     *   V(j) = V0 + (0.230 + 0.041) log10(j) + 1e-4 j      (j in A/m2, 1 ohm cm2 = 1e-4 ohm m2;
     *                                                        the Nernst term does not move),
     * K the area's cost per tonne times j, P the electricity per volt. K, P and C come from
     * three priced plants (j = 1000, 3000, 9000 A/m2) and must predict a fourth (5000 A/m2).
     * dL/dj = 0 where K / j^2 = P (0.271 / (j ln 10) + 1e-4): the d(capital)/dj of the area
     * balances the d(electricity)/dj of the voltage, the root of
     *   1e-4 P j^2 + (0.271 / ln 10) P j - K = 0. */
    tdm_scenario *sc = base_scenario();
    tdm_error err;
    tdm_tea *t = calloc(1, sizeof *t);
    struct run r;
    tafel_load(&r);
    static const double js[4] = {1000, 3000, 9000, 5000};
    double L[4], dV[4];
    for (int i = 0; i < 4; i++) {
        dV[i] = tafel_priced_at(&r, js[i], sc, t);
        L[i] = t->lcop;
        /* the voltage's terms by hand: the cathode and anode Tafel lines and the ohmic drop */
        assert_close(unit_value(r.sim.results, "cell", "cathode_overpotential"),
                     0.44 + 0.230 * log10(js[i] / 100), 1e-12);
        assert_close(unit_value(r.sim.results, "cell", "ohmic_drop"), 1e-4 * js[i], 1e-12);
    }
    /* L_i = K / j_i + P dV_i + C for i = 0, 1, 2, by Cramer's rule */
    double a[3][3], det = 0, sol[3];
    for (int i = 0; i < 3; i++) {
        a[i][0] = 1 / js[i];
        a[i][1] = dV[i];
        a[i][2] = 1;
    }
#define DET3(m)                                                                                    \
    ((m)[0][0] * ((m)[1][1] * (m)[2][2] - (m)[1][2] * (m)[2][1]) -                                 \
     (m)[0][1] * ((m)[1][0] * (m)[2][2] - (m)[1][2] * (m)[2][0]) +                                 \
     (m)[0][2] * ((m)[1][0] * (m)[2][1] - (m)[1][1] * (m)[2][0]))
    det = DET3(a);
    for (int c = 0; c < 3; c++) {
        double b[3][3];
        memcpy(b, a, sizeof b);
        for (int i = 0; i < 3; i++)
            b[i][c] = L[i];
        sol[c] = DET3(b) / det;
    }
#undef DET3
    double K = sol[0], P = sol[1], C = sol[2];
    assert_true(K > 0 && P > 0);
    assert_close(K / js[3] + P * dV[3] + C, L[3], 1e-9); /* the form holds */
    double qa = 1e-4 * P, qb = 0.271 / log(10) * P;
    double jstar = (-qb + sqrt(qb * qb + 4 * qa * K)) / (2 * qa);
    double Lstar = K / jstar + P * (0.271 * log10(jstar) + 1e-4 * jstar) + C;
    assert_true(jstar > 1000 && jstar < 10000);
    /* the optimizer, from 300 mA/cm2 */
    assert_int_equal(
        tdm_flowsheet_set(r.fs, r.sim.model, "cell", "current_density", "300 mA/cm2", &err), 0);
    assert_int_equal(tdm_opt_read(&r.p, r.fs, tdm_flowsheet_optimize_section(r.fs), NULL, 0, &err),
                     0);
    int rc = tdm_optimize(&r.sim, &r.p, sc, &r.o, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_close(r.p.var[0].value, jstar, 1e-3);
    assert_close(r.o.value, Lstar, 1e-7);
    assert_true(r.o.value <= Lstar * (1 + 1e-9));
    free(t);
    tdm_scenario_free(sc);
    run_free(&r);
}

static void
test_the_most_product_under_a_power_cap_is_the_cap_over_the_least_energy(void **state)
{
    (void)state;
    /* one_cell_mea, its conversion free and its rate released under 200 MW: at a fixed
     * conversion every flow and power scales with the rate, so the most product is
     * 200 MW / e(X*), e(X*) the least electricity per tonne over X, which min_electricity
     * finds (and test_one_mea_cell_stops_short_of_running_out_of_co2 checks against a
     * grid). The conversion then sits where e is least, inside its range. This run once
     * crept along the cap for all 50 iterations, its steps only halved. */
    struct run a, b;
    tdm_kv least[] = {{.key = "objective", .value = "min_electricity"}};
    optimize_file(&a, "one_cell_mea.ini", least, 1, NULL);
    double e = a.sim.results->summary.electric_j_per_kg, X = a.p.var[0].value;
    tdm_kv most[] = {{.key = "objective", .value = "max_product"},
                     {.key = "vary.ethylene.rate", .value = "10 .. 200 t/day"},
                     {.key = "max.electricity", .value = "200 MW"}};
    optimize_file(&b, "one_cell_mea.ini", most, 3, NULL);
    assert_true(b.o.converged);
    assert_true(b.o.iterations < 40);
    assert_close(b.sim.results->summary.product_kg_s, 200e6 / e, 1e-6);
    assert_close(b.p.var[0].value, X, 2e-3);
    run_free(&a);
    run_free(&b);
}

static void
test_current_density_and_conversion_together_beat_a_grid(void **state)
{
    (void)state;
    /* flowsheets/co_cell_model.ini with both its current density and its conversion released,
     * for the least levelized cost. Its optimizer once stopped at 1057 $/t, short of a grid's
     * 1052.7 (its H2 then credited as pure), its step halved until it gave up. No hand formula: the
     * answer must be no dearer than the best of a 7 x 7 grid of priced simulations around it, and
     * what the cost model says at its own point. */
    tdm_scenario *sc = base_scenario();
    tdm_error err;
    tdm_kv vary[] = {{.key = "objective", .value = "min_cost"},
                     {.key = "vary.cell.current_density", .value = "100 .. 1000 mA/cm2"},
                     {.key = "vary.cell.single_pass_conversion", .value = "0.02 .. 0.5"}};
    struct run r;
    optimize_file(&r, "co_cell_model.ini", vary, 3, sc);
    tdm_tea *t = calloc(1, sizeof *t);
    assert_int_equal(tdm_tea_evaluate(r.sim.results, sc, t, &err), 0);
    assert_close(r.o.value, t->lcop, 1e-9);
    double best = HUGE_VAL;
    for (int a = 0; a < 7; a++)
        for (int b = 0; b < 7; b++) {
            char j[64], X[64];
            snprintf(j, sizeof j, "%.6g mA/cm2", 300 + 50.0 * a);
            snprintf(X, sizeof X, "%.6g", 0.14 + 0.03 * b);
            if (tdm_flowsheet_set(r.fs, r.sim.model, "cell", "current_density", j, &err) ||
                tdm_flowsheet_set(r.fs, r.sim.model, "cell", "single_pass_conversion", X, &err) ||
                tdm_simulate(&r.sim, &err)) {
                assert_int_equal(err.cls, TDM_ESOLVE); /* a starved cathode */
                continue;
            }
            assert_int_equal(tdm_tea_evaluate(r.sim.results, sc, t, &err), 0);
            best = fmin(best, t->lcop);
        }
    assert_true(isfinite(best));
    assert_true(r.o.value <= best * (1 + 1e-9));
    free(t);
    tdm_scenario_free(sc);
    run_free(&r);
}

/* A performance map for a CO2 -> CO cell, written for the test: 100 mA/cm2 at 2.8 V with
 * FE(CO) 0.95, 300 mA/cm2 at 3.4 V with FE(CO) 0.85 (numbers made up for the hand case). */
static const char *map_csv = "point,current_density,cell_voltage,fe.CO,fe.H2,source\n"
                             "low,100 mA/cm2,2.8 V,0.95,rest,test case\n"
                             "high,300 mA/cm2,3.4 V,0.85,rest,test case\n";

static void
write_map(char *path, size_t n)
{
    snprintf(path, n, "/tmp/tandem-map-%d.csv", (int)getpid());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(map_csv, f);
    fclose(f);
}

#define MAP_CELL(map, shares, optimize)                                                            \
    "[flowsheet]\nmain_product = CO\n"                                                             \
    "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\nflow = 10 mol/s\n"                          \
    "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\nkey_reactant = CO2\n"    \
    "area = 100 m2\noperating_points = " map "\n" shares "[gas]\nkind = product\nin = c\n"         \
    "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n"                                 \
    "[optimize]\n" optimize

static void
test_operating_points_share_the_area(void **state)
{
    (void)state;
    char map[128], text[2000];
    write_map(map, sizeof map);
    snprintf(text, sizeof text, MAP_CELL("%s", "share.low = rest\nshare.high = 0.5\n", ""), map);
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    /* 50 m2 at 1000 A/m2 = 50 kA and 50 m2 at 3000 A/m2 = 150 kA: I = 200 kA;
     * CO = (0.95 x 50 kA + 0.85 x 150 kA) / 2F = 175 kA / 192970.66 = 0.906872 mol/s;
     * power = 2.8 x 50 kA + 3.4 x 150 kA = 650 kW. */
    const tdm_results *r = sim.results;
    assert_close(unit_value(r, "cell", "current"), 200e3, 1e-9);
    assert_close(unit_value(r, "cell", "area"), 100, 1e-9);
    assert_close(unit_value(r, "cell", "power"), 650e3, 1e-9);
    assert_close(unit_value(r, "cell", "cell_voltage"), 650e3 / 200e3, 1e-9);
    assert_close(unit_value(r, "cell", "current_density"), 2000, 1e-9);
    assert_close(unit_value(r, "cell", "share.high"), 0.5, 1e-9);
    assert_close(stream_flow(r, "c", "CO"), 175e3 / (2 * F), 1e-9);
    assert_true(r->summary.closed);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    unlink(map);
}

static void
test_a_performance_map_refuses_what_it_cannot_use(void **state)
{
    (void)state;
    static const char *const head = "point,current_density,cell_voltage,fe.CO,fe.H2,source\n";
    static const char *const two = "low,100 mA/cm2,2.8 V,0.95,rest,x\nhigh,300 mA/cm2,3.4 V,0.85,"
                                   "rest,x\n";
    static const struct {
        const char *head, *rows, *shares, *expect;
    } cases[] = {
        {"low,100 mA/cm2,2.8 V,0.95,rest,x\n", "", "",
         ".csv:1: a performance map needs the columns point, current_density, cell_voltage, "
         "fe.SPECIES... and source"},
        {"point,current_density,cell_voltage,fe.CO2,fe.H2,source\n",
         "low,100 mA/cm2,2.8 V,0.95,rest,x\n", "", ".csv:1: CO2 is a reactant, not a product"},
        {"point,current_density,cell_voltage,fe.XYZ,fe.H2,source\n",
         "low,100 mA/cm2,2.8 V,0.95,rest,x\n", "",
         ".csv:1: column `fe.XYZ`: unknown species `XYZ`"},
        {"point,current_density,cell_voltage,source\n", "low,100 mA/cm2,2.8 V,x\n", "",
         ".csv:1: a performance map needs Faradaic efficiencies: columns fe.SPECIES"},
        {head, "low,100 mA/cm2,2.8 V,0.95,rest,x\nlow,300 mA/cm2,3.4 V,0.85,rest,x\n", "",
         ".csv:3: point `low` appears twice"},
        {head, "low,100 mA/cm2,2.8 V,0.95,rest,\n", "",
         ".csv:2: point `low` has no source: every measured point names where it is from"},
        {head, "low,100 kg,2.8 V,0.95,rest,x\n", "",
         ".csv:2: current_density `100 kg` is not a current density (mA/cm2, A/cm2, A/m2)"},
        {head, "low,100 mA/cm2,28 V,0.95,rest,x\n", "",
         ".csv:2: cell_voltage `28 V` is out of range (0.001 to 20 V)"},
        {head, "low,100 mA/cm2,2.8 V,0.95,0.2,x\n", "",
         ".csv:2: point `low`: Faradaic efficiencies sum to 1.15 (they must sum to 1, or mark "
         "one `rest`)"},
        {head, two, "share.mid = 0.5\n", "test.ini:16: [cell] `share.mid`: "},
        {head, two, "share.low = rest\nshare.high = rest\n",
         "test.ini:17: [cell] only one share may be `rest`"},
        {head, two, "share.low = 0.7\nshare.high = 0.6\n",
         "test.ini:15: [cell] the shares of the area sum to 1.3 (they must sum to 1, or mark one "
         "`rest`)"},
        {head, two, "fe.CO = 0.9\n",
         "test.ini:16: [cell] `fe.CO` comes from the operating "
         "points of `"},
    };
    char map[128], text[3000];
    snprintf(map, sizeof map, "/tmp/tandem-badmap-%d.csv", (int)getpid());
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        FILE *f = fopen(map, "w");
        assert_non_null(f);
        fprintf(f, "%s%s", cases[i].head, cases[i].rows);
        fclose(f);
        snprintf(text, sizeof text, MAP_CELL("%s", "%s", ""), map, cases[i].shares);
        tdm_error err = fail_text(text);
        if (err.cls != TDM_EINPUT || !strstr(err.msg, cases[i].expect)) {
            print_error("case %zu: `%s`, expected `%s`\n", i, err.msg, cases[i].expect);
            fail();
        }
    }
    unlink(map);
    /* a map that is not there is the flowsheet line's fault */
    snprintf(text, sizeof text, MAP_CELL("%s", "", ""), map);
    tdm_error err = fail_text(text);
    assert_non_null(strstr(err.msg, "test.ini:15: [cell] cannot read the performance map: "));
}

static void
test_a_map_with_conversions_sets_the_feed_each_point_needs(void **state)
{
    (void)state;
    /* Each point with its own single-pass conversion: the cells at a point take the CO2 they
     * react over their X. 100 m2, half at each point; F = 96485.33212 C/mol:
     *   low:  50 m2 x 1000 A/m2 = 50 kA, e = 0.518213 mol/s, reacts 0.95/2 e = 0.246151,
     *         X 0.4: takes 0.615377 mol/s;
     *   high: 50 m2 x 3000 A/m2 = 150 kA, e = 1.554640, reacts 0.85/2 e = 0.660722, X 0.3:
     *         takes 2.202409 mol/s.
     * The feed is their sum, 2.817786 mol/s; CO made 0.906874 mol/s; unconverted CO2
     * 1.910912 mol/s. No feed flow is given: the map's conversions set it. */
    char map[128], text[2000];
    snprintf(map, sizeof map, "/tmp/tandem-xmap-%d.csv", (int)getpid());
    FILE *f = fopen(map, "w");
    assert_non_null(f);
    fputs("point,current_density,cell_voltage,fe.CO,fe.H2,single_pass_conversion,source\n"
          "low,100 mA/cm2,2.8 V,0.95,rest,0.4,test case\n"
          "high,300 mA/cm2,3.4 V,0.85,rest,0.3,test case\n",
          f);
    fclose(f);
    snprintf(text, sizeof text,
             "[flowsheet]\nmain_product = CO\n"
             "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n"
             "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"
             "key_reactant = CO2\narea = 100 m2\noperating_points = %s\nshare.low = 0.5\n"
             "share.high = rest\n[gas]\nkind = product\nin = c\n"
             "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n",
             map);
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_close(stream_flow(sim.results, "f", "CO2"), 2.817785812892945, 1e-9);
    assert_close(stream_flow(sim.results, "c", "CO"), 0.9068735949540512, 1e-9);
    assert_close(stream_flow(sim.results, "c", "CO2"), 1.910912217938894, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    unlink(map);
}

static void
test_a_power_budget_picks_a_mix_of_operating_points(void **state)
{
    (void)state;
    char map[128], text[2000];
    write_map(map, sizeof map);
    snprintf(text, sizeof text,
             MAP_CELL("%s", "share.low = rest\nshare.high = 0.5\n",
                      "objective = max_product\nvary.cell.share.high = 0 .. 1\n"
                      "max.electricity = 300 kW\n"),
             map);
    struct run r;
    optimize_text(&r, text);
    if (r.rc) print_error("%s\n", r.err.msg);
    assert_int_equal(r.rc, 0);
    /* 100 m2 with a share s at the high point: power = 100 (2800 (1 - s) + 10200 s) W
     * <= 300 kW gives s <= 20000 / 740000 = 1/37; CO = 100 (950 (1 - s) + 2550 s) / 2F
     * grows with s, so s* = 1/37 and CO = (95000 + 160000/37) / 2F = 0.514702 mol/s
     * = 1.24562 t/day; each extra kW buys (160000/740000) A... d(CO)/dP = 1600/(7400 x 2F)
     * mol/s per W. */
    assert_close(r.p.var[0].value, 1.0 / 37, 1e-6);
    double co = (95000 + 160000.0 / 37) / (2 * F);
    assert_close(r.o.value, co * M_CO * 86.4, 1e-6);
    assert_true(r.p.limit[0].binding);
    assert_close(r.p.limit[0].shadow, 1600.0 / 7400 / (2 * F) * 1e3 * M_CO * 86.4, 1e-4);
    run_free(&r);
    unlink(map);
}

static void
test_the_pareto_front_of_energy_against_product(void **state)
{
    (void)state;
    char map[128], text[2000];
    write_map(map, sizeof map);
    snprintf(
        text, sizeof text,
        MAP_CELL("%s", "share.low = rest\nshare.high = 0.5\n", "vary.cell.share.high = 0 .. 1\n"),
        map);
    tdm_flowsheet *fs;
    tdm_error err;
    assert_int_equal(tdm_flowsheet_load_string(text, strlen(text), "test.ini", &fs, &err), 0);
    tdm_simulation sim;
    tdm_simulation_init(&sim, fs);
    tdm_opt_problem p;
    assert_int_equal(tdm_opt_read(&p, fs, tdm_flowsheet_optimize_section(fs), NULL, 0, &err), 0);
    tdm_pareto *front = calloc(1, sizeof *front);
    int rc = tdm_pareto_front(&sim, &p, NULL, 3, front, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    /* 100 m2 with a share s at the high point: CO = 100 (950 + 1600 s) / 2F mol/s and power
     * 100 (2800 + 7400 s) W. Energy per tonne grows with s, so the least energy at a product
     * of at least eps takes the least s that makes eps; the product ends are s = 0 and 1 and
     * the middle point s = 0.5:
     *   s = 0:   2800 / (950 / 2F) / M_CO = 20.305 GJ/t at 95000/2F mol/s
     *   s = 0.5: 6500 / (1750 / 2F) / M_CO = 25.588 GJ/t
     *   s = 1:   10200 / (2550 / 2F) / M_CO = 27.557 GJ/t */
    assert_int_equal(front->n, 3);
    const double s_[3] = {0, 0.5, 1};
    for (int i = 0; i < 3; i++) {
        double co = 100 * (950 + 1600 * s_[i]) / (2 * F), w = 100 * (2800 + 7400 * s_[i]);
        assert_null(front->pt[i].failed);
        assert_close(front->pt[i].product, co * M_CO * 86.4, 1e-6);
        assert_close(front->pt[i].objective, w / (co * M_CO) / 1e6, 1e-6);
        assert_close(front->pt[i].value[0], s_[i], 1e-6);
    }
    free(front);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    unlink(map);
}

static void
test_the_least_cost_mix_beats_every_point_of_a_grid(void **state)
{
    (void)state;
    /* No hand formula here: the levelized cost is the cash-flow model of docs/economics.md.
     * The check is independent of the optimizer: price the plant with `tdm_tea_evaluate` at
     * 21 shares from 0 to 1 and require the optimum to be no dearer than the best of them,
     * and the optimizer's own figure to be what the cost model says at its answer. */
    char map[128], text[2000];
    write_map(map, sizeof map);
    snprintf(text, sizeof text,
             MAP_CELL("%s", "share.low = rest\nshare.high = 0.5\n",
                      "objective = min_cost\nvary.cell.share.high = 0 .. 1\n"),
             map);
    tdm_scenario *sc = base_scenario();
    tdm_error err;
    tdm_tea *t = calloc(1, sizeof *t);
    struct run r;
    memset(&r, 0, sizeof r);
    assert_int_equal(tdm_flowsheet_load_string(text, strlen(text), "test.ini", &r.fs, &r.err), 0);
    tdm_simulation_init(&r.sim, r.fs);
    double grid_best = HUGE_VAL;
    for (int i = 0; i <= 20; i++) {
        char v[32];
        snprintf(v, sizeof v, "%.4f", i / 20.0);
        assert_int_equal(tdm_flowsheet_set(r.fs, r.sim.model, "cell", "share.high", v, &err), 0);
        assert_int_equal(tdm_simulate(&r.sim, &err), 0);
        assert_int_equal(tdm_tea_evaluate(r.sim.results, sc, t, &err), 0);
        grid_best = fmin(grid_best, t->lcop);
    }
    assert_int_equal(tdm_flowsheet_set(r.fs, r.sim.model, "cell", "share.high", "0.5", &err), 0);
    assert_int_equal(tdm_opt_read(&r.p, r.fs, tdm_flowsheet_optimize_section(r.fs), NULL, 0, &err),
                     0);
    int rc = tdm_optimize(&r.sim, &r.p, sc, &r.o, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_true(r.o.value <= grid_best * (1 + 1e-9));
    assert_int_equal(tdm_tea_evaluate(r.sim.results, sc, t, &err), 0);
    assert_close(r.o.value, t->lcop, 1e-9);
    free(t);
    tdm_scenario_free(sc);
    run_free(&r);
    unlink(map);
}

static void
test_a_bad_performance_map_names_its_line(void **state)
{
    (void)state;
    static const struct {
        const char *csv, *expect;
    } cases[] = {
        {"point,current_density,cell_voltage,fe.CO,fe.H2,source\n"
         "low,100 mA/cm2,2.8 V,0.95,rest,\n",
         ":2: point `low` has no source"},
        {"point,current_density,cell_voltage,fe.CO,fe.H2,source\n"
         "low,100 mA/cm2,2.8 A,0.95,rest,x\n",
         ":2: cell_voltage `2.8 A` is not a voltage"},
        {"point,current_density,cell_voltage,fe.CO,fe.H2,source\n"
         "low,100 mA/cm2,2.8 V,0.95,0.2,x\n",
         ":2: point `low`: Faradaic efficiencies sum to 1.15"},
        {"point,current_density,cell_voltage,fe.CO,fe.H2,source\n"
         "low,100 mA/cm2,0.5 V,0.95,rest,x\n",
         ":2: point `low`: cell voltage 0.500 V is below the reversible voltage"},
        {"point,current_density,fe.CO,source\nlow,100 mA/cm2,1,x\n",
         ":1: a performance map needs the columns"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char map[128], text[2000];
        snprintf(map, sizeof map, "/tmp/tandem-badmap-%d.csv", (int)getpid());
        FILE *f = fopen(map, "w");
        fputs(cases[i].csv, f);
        fclose(f);
        snprintf(text, sizeof text, MAP_CELL("%s", "share.low = rest\n", ""), map);
        tdm_error err = fail_text(text);
        if (err.cls != TDM_EINPUT || !strstr(err.msg, cases[i].expect) || !strstr(err.msg, map)) {
            print_error("case %zu: `%s`, expected `%s`\n", i, err.msg, cases[i].expect);
            fail();
        }
        unlink(map);
    }
    /* a share for a point the map does not have */
    char map[128], text[2000];
    write_map(map, sizeof map);
    snprintf(text, sizeof text, MAP_CELL("%s", "share.hig = rest\n", ""), map);
    tdm_error err = fail_text(text);
    assert_non_null(strstr(err.msg, "test.ini:16: [cell] `share.hig`"));
    assert_non_null(strstr(err.msg, "did you mean `high`?"));
    snprintf(text, sizeof text, MAP_CELL("%s", "share.low = rest\nfe.CO = 0.9\n", ""), map);
    err = fail_text(text);
    assert_non_null(strstr(err.msg, "`fe.CO` comes from the operating points"));
    unlink(map);
}

/* Two cells that can each be left out, fed by a splitter whose fraction is released. */
#define TWO_CELLS(optimize)                                                                        \
    "[flowsheet]\nmain_product = CO\n"                                                             \
    "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\nflow = 10 mol/s\n"                          \
    "[route]\nkind = splitter\nin = f\nout = fa, fb\nfractions = 0.5, rest\n"                      \
    "[cellA]\nkind = electrolyzer\nin = fa\ncathode_out = ca\nanode_out = aa\n"                    \
    "key_reactant = CO2\nfe.CO = 0.9\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"                \
    "cell_voltage = 3 V\nsingle_pass_conversion = 0.5\noptional = yes\n"                           \
    "[cellB]\nkind = electrolyzer\nin = fb\ncathode_out = cb\nanode_out = ab\n"                    \
    "key_reactant = CO2\nfe.CO = 0.8\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"                \
    "cell_voltage = 2.5 V\nsingle_pass_conversion = 0.5\noptional = yes\n"                         \
    "[mix]\nkind = mixer\nin = ca, cb\nout = g\n"                                                  \
    "[gas]\nkind = product\nin = g\n"                                                              \
    "[ventA]\nkind = product\nrole = vent\nspecies = O2\nin = aa\n"                                \
    "[ventB]\nkind = product\nrole = vent\nspecies = O2\nin = ab\n"                                \
    "[optimize]\n" optimize

static void
test_the_layout_with_the_cheaper_electrons_wins(void **state)
{
    (void)state;
    struct run r;
    optimize_text(&r, TWO_CELLS("vary.route.fractions = 0 .. 1\n"));
    if (r.rc) print_error("%s\n", r.err.msg);
    assert_int_equal(r.rc, 0);
    /* Electricity per mole of CO: V x 2F / FE. Cell A: 3 V / 0.9 = 3.333 V; cell B:
     * 2.5 V / 0.8 = 3.125 V. Both make CO from the same CO2 at the same conversion and
     * reject heat, so energy per tonne is the electricity: all CO2 to B, A left out;
     * 2.5 x 2 x 96485.33 / 0.8 / 0.028010 = 21.529 GJ/t. A alone: 22.964 GJ/t; neither
     * cannot take the 10 mol/s of CO2. */
    double JB = 2.5 * 2 * F / 0.8 / M_CO / 1e6, JA = 3.0 * 2 * F / 0.9 / M_CO / 1e6;
    assert_int_equal(r.o.noptional, 2);
    assert_string_equal(r.o.optional[0], "cellA");
    assert_int_equal(r.o.nlayouts, 4);
    assert_int_equal(r.o.layout[r.o.chosen].on, 2u); /* B only */
    assert_int_equal(r.o.milp_on, 2u);
    assert_close(r.o.value, JB, 1e-6);
    assert_close(r.p.var[0].value, 0.0, 1e-9);
    assert_close(r.o.layout[1].objective, JA, 1e-6); /* A only */
    assert_close(r.o.layout[3].objective, JB, 1e-6); /* both, all CO2 to B */
    assert_non_null(r.o.layout[0].failed);           /* neither */
    assert_close(stream_flow(r.sim.results, "fa", "CO2"), 0.0, 1e-9);
    /* The runner-up is A; it wins when its voltage falls to 3 (1 - c) with
     * 3 (1 - c) / 0.9 = 2.5 / 0.8, c = 1 - 0.9375 = 0.0625. */
    assert_int_equal(r.o.layout[r.o.runner_up].used, 1u);
    assert_close(r.o.voltage_cut, 0.0625, 1e-6);
    run_free(&r);
}

/* Energy per tonne of a shipped flowsheet by simulation, and its levelized cost when sc is
 * given. */
static double
simulated_figure(const char *name, const tdm_scenario *sc)
{
    char path[1024];
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/flowsheets/%s", root ? root : ".", name);
    tdm_flowsheet *fs;
    tdm_error err;
    if (tdm_flowsheet_load(path, &fs, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
    tdm_simulation sim;
    tdm_simulation_init(&sim, fs);
    if (tdm_simulate(&sim, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
    double J = sim.results->summary.energy_j_per_kg / 1e6;
    if (sc) {
        tdm_tea *t = calloc(1, sizeof *t);
        assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
        J = t->lcop;
        free(t);
    }
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    return J;
}

/* A power cap on a two-cell plant whose rate is released (tests/data/two_cells_fixed.ini, the
 * tutorial's two cells with cell 2's voltage and FE fixed, its conversion free in 0.10 ..
 * 0.60). At a fixed conversion every flow and power scales
 * with the rate, so the electricity per tonne e(X) does not depend on it: the most product
 * under a cap P is P / min e(X), at the conversion of least electricity per tonne. That
 * conversion is the range's top, 0.60 (the min_electricity optimum, checked below), and e(0.60)
 * comes from a plain simulation at X = 0.60. These once ran 50 iterations without converging,
 * called the binding cap slack, and stopped a Pareto front short of its end with "`min.product`
 * cannot hold". */
/* tests/data/two_cells_fixed.ini, loaded afresh: each optimization starts from the file's own
 * settings, as the command does */
static tdm_flowsheet *
two_cells(tdm_simulation *sim)
{
    char path[1024];
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/tests/data/two_cells_fixed.ini", root ? root : ".");
    tdm_flowsheet *fs;
    tdm_error err;
    assert_int_equal(tdm_flowsheet_load(path, &fs, &err), 0);
    tdm_simulation_init(sim, fs);
    return fs;
}

static void
test_a_power_cap_on_a_two_cell_plant_binds_where_worked_out(void **state)
{
    (void)state;
    tdm_error err;
    tdm_simulation sim;
    tdm_flowsheet *fs = two_cells(&sim);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "cell2", "single_pass_conversion", "0.6", &err), 0);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    double e06 = sim.results->summary.electric_j_per_kg; /* J/kg at X = 0.60 */
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    tdm_opt_problem *p = malloc(sizeof *p);
    tdm_optimum *o = malloc(sizeof *o);
    tdm_pareto *front = calloc(1, sizeof *front);
    /* the premise: the least electricity per tonne is at X = 0.60 */
    fs = two_cells(&sim);
    tdm_kv least[] = {{.key = "objective", .value = "min_electricity"}};
    assert_int_equal(tdm_opt_read(p, fs, tdm_flowsheet_optimize_section(fs), least, 1, &err), 0);
    assert_int_equal(tdm_optimize(&sim, p, NULL, o, &err), 0);
    assert_close(p->var[0].value, 0.6, 1e-9);
    assert_close(o->value, e06 / 3.6e6, 1e-6);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* the most product under 300 MW: 300e6 / e06 kg/s */
    fs = two_cells(&sim);
    tdm_kv most[] = {{.key = "objective", .value = "max_product"},
                     {.key = "vary.ethylene.rate", .value = "50 .. 150 t/day"},
                     {.key = "max.electricity", .value = "300 MW"}};
    assert_int_equal(tdm_opt_read(p, fs, tdm_flowsheet_optimize_section(fs), most, 3, &err), 0);
    int rc = tdm_optimize(&sim, p, NULL, o, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_true(o->converged);
    assert_close(o->value, 300e6 / e06 * 86.4, 1e-6); /* kg/s -> t/day */
    assert_true(p->limit[0].binding);
    assert_close(p->limit[0].value, 300e6, 1e-6);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* the least cost under 250 MW: bigger is cheaper per tonne here, so the cap binds too,
     * at X = 0.60 and 250e6 / e06 kg/s, with a worth per MW */
    fs = two_cells(&sim);
    tdm_scenario *sc = base_scenario();
    tdm_kv cheap[] = {{.key = "objective", .value = "min_cost"},
                      {.key = "vary.ethylene.rate", .value = "50 .. 150 t/day"},
                      {.key = "max.electricity", .value = "250 MW"}};
    assert_int_equal(tdm_opt_read(p, fs, tdm_flowsheet_optimize_section(fs), cheap, 3, &err), 0);
    rc = tdm_optimize(&sim, p, sc, o, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_true(o->converged);
    assert_true(p->limit[0].binding);
    assert_close(p->limit[0].value, 250e6, 1e-6);
    assert_true(p->limit[0].shadow < 0); /* each MW more lowers the cost */
    assert_close(p->var[0].value, 0.6, 1e-9);
    assert_close(sim.results->summary.product_kg_s, 250e6 / e06, 1e-6);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* the front of energy against product under 300 MW runs to that end, every point an
     * answer, at the least energy per tonne, which the rate does not change */
    fs = two_cells(&sim);
    tdm_kv cap[] = {{.key = "vary.ethylene.rate", .value = "50 .. 150 t/day"},
                    {.key = "max.electricity", .value = "300 MW"}};
    assert_int_equal(tdm_opt_read(p, fs, tdm_flowsheet_optimize_section(fs), cap, 2, &err), 0);
    rc = tdm_pareto_front(&sim, p, NULL, 5, front, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_int_equal(front->n, 5);
    assert_null(front->single);
    for (int i = 0; i < 5; i++) {
        if (front->pt[i].failed) print_error("%s\n", front->pt[i].failed);
        assert_null(front->pt[i].failed);
        assert_close(front->pt[i].objective, front->pt[0].objective, 1e-6);
    }
    assert_close(front->pt[4].product, 300e6 / e06 * 86.4, 1e-6);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* with nothing released the front is one point, and says why */
    fs = two_cells(&sim);
    assert_int_equal(tdm_opt_read(p, fs, NULL, NULL, 0, &err), 0);
    assert_int_equal(tdm_pareto_front(&sim, p, NULL, 5, front, &err), 0);
    assert_int_equal(front->n, 1);
    assert_non_null(front->single);
    assert_non_null(strstr(front->single, "nothing is released"));
    free(front);
    free(p);
    free(o);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_each_layout_of_the_superstructure_is_its_own_flowsheet(void **state)
{
    (void)state;
    /* flowsheets/superstructure_c2h4.ini holds copies of three shipped flowsheets behind two
     * splitters. Optimized for energy per tonne, each layout must give what its own file
     * gives by plain simulation: route A one_cell_mea.ini, route B the SOEC + MEA of
     * seed/ee4, route C the two low-temperature cells of seed/ee1. The least is route B. */
    char path[1024];
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/flowsheets/superstructure_c2h4.ini", root ? root : ".");
    tdm_flowsheet *fs;
    tdm_error err;
    assert_int_equal(tdm_flowsheet_load(path, &fs, &err), 0);
    tdm_kv extra[] = {{.key = "objective", .value = "min_energy"}};
    tdm_opt_problem *p = malloc(sizeof *p);
    tdm_optimum *o = malloc(sizeof *o);
    tdm_simulation sim;
    tdm_simulation_init(&sim, fs);
    assert_int_equal(tdm_opt_read(p, fs, tdm_flowsheet_optimize_section(fs), extra, 1, &err), 0);
    int rc = tdm_optimize(&sim, p, NULL, o, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    const struct {
        unsigned used;
        const char *file;
    } routes[] = {{1u, "one_cell_mea.ini"},
                  {2u | 4u, "seed/ee4_soec_mea_ozden2021.ini"},
                  {8u | 16u, "seed/ee1_nin_cu_moller2023.ini"}};
    assert_string_equal(o->optional[0], "a_cell");
    assert_string_equal(o->optional[4], "c_cell2");
    for (size_t k = 0; k < 3; k++) {
        double best = HUGE_VAL;
        for (int i = 0; i < o->nlayouts; i++)
            if (!o->layout[i].failed && o->layout[i].used == routes[k].used)
                best = fmin(best, o->layout[i].objective);
        assert_close(best, simulated_figure(routes[k].file, NULL), 1e-6);
    }
    assert_int_equal(o->layout[o->chosen].used, 2u | 4u);
    assert_close(o->value, simulated_figure("seed/ee4_soec_mea_ozden2021.ini", NULL), 1e-6);
    /* The report names a layout that cannot run by what it keeps and leaves out (it once
     * read "e.g. (none): ...", which named no layout at all). Layout 0 has no optional unit:
     * nothing makes the product. */
    assert_non_null(o->layout[0].failed);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_int_equal(tdm_report_optimize(f, TDM_FMT_TEXT, p, o, sim.results), 0);
    fclose(f);
    assert_non_null(strstr(text, " layouts cannot run, e.g. the one without any optional unit "
                                 "(a_cell, b_soec, b_mea, c_cell1, c_cell2 left out): "));
    assert_null(strstr(text, "(none):"));
    free(text);
    /* The file's own objective, the levelized cost: again each layout is its own file priced
     * by `tandem cost` (costs/base2023.ini). */
    tdm_scenario *sc = base_scenario();
    assert_int_equal(tdm_opt_read(p, fs, tdm_flowsheet_optimize_section(fs), NULL, 0, &err), 0);
    rc = tdm_optimize(&sim, p, sc, o, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    for (size_t k = 0; k < 3; k++) {
        double best = HUGE_VAL;
        for (int i = 0; i < o->nlayouts; i++)
            if (!o->layout[i].failed && o->layout[i].used == routes[k].used)
                best = fmin(best, o->layout[i].objective);
        assert_close(best, simulated_figure(routes[k].file, sc), 1e-6);
    }
    /* The runner-up is the one cell (route C pays for the CO its liquids take, seed/ee1
     * [L]); it needs more electricity than route B and more of everything else, so no
     * electricity price makes it win. */
    assert_int_equal(o->layout[o->runner_up].used, 1u);
    assert_false(o->price_even > 0);
    /* Without route B (its share of the CO2 held at 0 .. 1e-9), route C is the runner-up
     * and would win below some electricity price, as it needs more electricity and less
     * else than route A: at that price the two files priced on their own cost the same. */
    tdm_kv no_b[] = {{.key = "vary.choose_bc.fractions", .value = "0 .. 1e-9"}};
    assert_int_equal(tdm_opt_read(p, fs, tdm_flowsheet_optimize_section(fs), no_b, 1, &err), 0);
    rc = tdm_optimize(&sim, p, sc, o, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_int_equal(o->layout[o->chosen].used, 1u);
    assert_int_equal(o->layout[o->runner_up].used, 8u | 16u);
    assert_true(o->price_even > 0 && o->price_even < o->price_now);
    char price[64];
    snprintf(price, sizeof price, "%.15g $/kWh", o->price_even);
    assert_int_equal(tdm_scenario_set(sc, "prices.electricity", price, &err), 0);
    assert_close(simulated_figure("seed/ee1_nin_cu_moller2023.ini", sc),
                 simulated_figure("one_cell_mea.ini", sc), 1e-9);
    tdm_scenario_free(sc);
    free(p);
    free(o);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

/* The objectives' table: every objective a row, found by its word and by its id, the
 * per-tonne ones shown in a unit per tonne and the rate in t/day. */
static void
test_every_objective_is_one_row(void **state)
{
    (void)state;
    int n = 0;
    for (int i = 0; tdm_objective_at(i); i++, n++) {
        const tdm_objective_info *ob = tdm_objective_at(i);
        assert_ptr_equal(tdm_objective_find(ob->key), ob);
        assert_ptr_equal(tdm_objective_get(ob->id), ob);
        assert_string_equal(tdm_objective_name(ob->id), ob->name);
        assert_true(ob->si_per_shown > 0);
        if (ob->per_tonne)
            assert_non_null(strstr(ob->unit, "/t"));
        else
            assert_string_equal(ob->unit, "t/day");
        /* the cost model prices the plant and counts its carbon */
        assert_int_equal(ob->needs_cost,
                         ob->figure == TDM_OBJF_COST || ob->figure == TDM_OBJF_EMISSIONS);
    }
    assert_int_equal(n, 5);
    assert_null(tdm_objective_find("min_nothing"));
}

/* An objective is one of the plant's figures (tandem/figures.h), named in its row: at the
 * optimum of the one-cell MEA plant under each objective, the objective reported and that
 * figure of the plant there, read through the figures table (priced for the levelized
 * cost), are one number, each brought to SI by the objective's display unit. */
static void
test_each_objective_is_its_plant_figure_at_the_optimum(void **state)
{
    (void)state;
    char path[700];
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    snprintf(path, sizeof path, "%s/flowsheets/one_cell_mea.ini", root ? root : ".");
    tdm_scenario *sc = base_scenario();
    for (int i = 0; tdm_objective_at(i); i++) {
        const tdm_objective_info *ob = tdm_objective_at(i);
        const tdm_figure *fig = tdm_figure_find(ob->plant_figure);
        assert_non_null(fig);
        assert_int_equal(fig->needs_cost, ob->needs_cost);
        tdm_flowsheet *fs;
        tdm_error err;
        assert_int_equal(tdm_flowsheet_load(path, &fs, &err), 0);
        tdm_simulation sim;
        tdm_simulation_init(&sim, fs);
        tdm_opt_problem *p = calloc(1, sizeof *p);
        tdm_optimum *o = calloc(1, sizeof *o);
        tdm_tea *t = calloc(1, sizeof *t);
        assert_true(p && o && t);
        tdm_kv obj = {.key = "objective", .value = ob->key};
        if (tdm_opt_read(p, fs, tdm_flowsheet_optimize_section(fs), &obj, 1, &err) ||
            tdm_optimize(&sim, p, sc, o, &err)) {
            print_error("%s: %s\n", ob->key, err.msg);
            fail();
        }
        if (fig->needs_cost) assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
        double f, one;
        tdm_dim d;
        assert_int_equal(tdm_unit_parse(ob->unit, &f, &d, NULL, 0), 0);
        one = fig->get(sim.results, fig->needs_cost ? t : NULL);
        if (fabs(o->value * f - one) > 1e-9 * fabs(one))
            print_error("%s: objective %.12g %s, figure %s %.12g (SI)\n", ob->key, o->value,
                        ob->unit, ob->plant_figure, one);
        assert_true(fabs(o->value * f - one) <= 1e-9 * fabs(one));
        free(p);
        free(o);
        free(t);
        tdm_simulation_free(&sim);
        tdm_flowsheet_free(fs);
    }
    tdm_scenario_free(sc);
}

/* ---- emissions (docs/carbon.md) ------------------------------------------------------ */

/* A CO2 -> CO cell at 3 V and FE 1, no carbonate, no recycle: 10 t/day of CO, the CO2 left
 * vented; the base scenario's carbon intensities with cooling water taken as free of carbon
 * (its pump electricity is no hand number). */
#define CO_CELL(optimize)                                                                          \
    "[flowsheet]\nmain_product = CO\n"                                                             \
    "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n"                                           \
    "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"                        \
    "key_reactant = CO2\nfe.CO = 1\ncurrent_density = 200 mA/cm2\ncell_voltage = 3 V\n"            \
    "single_pass_conversion = 0.5\nelectrolyte = acidic\nfixed_performance = yes\n"                \
    "[sep]\nkind = separator\nin = c\nout = co_out, co2_out\n"                                     \
    "recovery.CO2 = 0, rest\nrecovery.CO = 1, rest\nspecific_energy = 0 kWh/m3\n"                  \
    "[product]\nkind = product\nin = co_out\nrate = 10 t/day\n"                                    \
    "[co2_vent]\nkind = product\nrole = vent\nspecies = CO2\nin = co2_out\n"                       \
    "[vent]\nkind = product\nrole = vent\nspecies = O2\nin = a\n"                                  \
    "[optimize]\n" optimize

/* Emissions per kg of CO at conversion X, by hand: electricity 2 F 3 V / M_CO at 0.4141
 * kg/kWh (costs/carbon.csv, US grid); the CO2 fed, m / X with m = M_CO2 / M_CO, captured with
 * 3.35 GJ/t of low-pressure steam at 85.0 kg/GJ and credited -1 kg/kg; the CO2 left, m / X -
 * m, vented. E(X) = 0.4141 kWh + 0.28475 m / X - m. */
static double
co_cell_emissions(double X)
{
    double m = 0.044009 / M_CO, kwh = 2 * F * 3 / M_CO / 3.6e6;
    return 0.4141 * kwh + 3.35 * 0.0850 * m / X - m;
}

static void
optimize_co_cell(struct run *r, const char *text, const tdm_kv *extra, int nextra, tdm_scenario *sc)
{
    memset(r, 0, sizeof *r);
    assert_int_equal(tdm_flowsheet_load_string(text, strlen(text), "co.ini", &r->fs, &r->err), 0);
    tdm_simulation_init(&r->sim, r->fs);
    r->rc =
        tdm_opt_read(&r->p, r->fs, tdm_flowsheet_optimize_section(r->fs), extra, nextra, &r->err);
    if (r->rc == 0) r->rc = tdm_optimize(&r->sim, &r->p, sc, &r->o, &r->err);
}

static void
test_min_emissions_converts_as_much_co2_as_it_may(void **state)
{
    (void)state;
    tdm_scenario *sc = base_scenario();
    tdm_error err;
    assert_int_equal(tdm_scenario_set(sc, "carbon.cooling", "0 kg/GJ", &err), 0);
    struct run r;
    optimize_co_cell(&r,
                     CO_CELL("objective = min_emissions\n"
                             "vary.cell.single_pass_conversion = 0.2 .. 0.8\n"),
                     NULL, 0, sc);
    if (r.rc) print_error("%s\n", r.err.msg);
    assert_int_equal(r.rc, 0);
    /* E(X) falls as X grows (less CO2 captured per kg of CO): X* = 0.8, its upper bound */
    assert_close(r.p.var[0].value, 0.8, 1e-9);
    assert_close(r.o.start, co_cell_emissions(0.5), 1e-9);
    assert_close(r.o.value, co_cell_emissions(0.8), 1e-9);
    run_free(&r);

    /* a budget of 50 t/day of CO2e on the product's rate: at X = 0.5 each t/day of CO emits
     * E(0.5) t/day, so the most product is 50 / E(0.5), and one more t/day of budget is
     * worth 1 / E(0.5) */
    tdm_kv extra[] = {{.key = "max.emissions", .value = "50 t/day"}};
    optimize_co_cell(&r, CO_CELL("objective = max_product\nvary.product.rate = 1 .. 100 t/day\n"),
                     extra, 1, sc);
    if (r.rc) print_error("%s\n", r.err.msg);
    assert_int_equal(r.rc, 0);
    assert_close(r.o.value, 50 / co_cell_emissions(0.5), 1e-7);
    assert_true(r.p.limit[0].binding);
    assert_close(r.p.limit[0].shadow, 1 / co_cell_emissions(0.5), 1e-6);
    run_free(&r);

    /* per tonne: at most E(0.6) t/t while the least cost wants X = 0.8 (E(0.8) is lower): not
     * binding; below E(0.8), nothing in the range holds it, and the limit is named */
    char bound[64];
    snprintf(bound, sizeof bound, "%.10g t/t", co_cell_emissions(0.6));
    extra[0].value = bound;
    optimize_co_cell(&r,
                     CO_CELL("objective = min_cost\n"
                             "vary.cell.single_pass_conversion = 0.2 .. 0.8\n"),
                     extra, 1, sc);
    assert_int_equal(r.rc, 0);
    assert_close(r.p.limit[0].value, co_cell_emissions(0.8), 1e-9);
    assert_false(r.p.limit[0].binding);
    run_free(&r);
    snprintf(bound, sizeof bound, "%.10g t/t", co_cell_emissions(0.8) * 0.9);
    optimize_co_cell(&r,
                     CO_CELL("objective = min_cost\n"
                             "vary.cell.single_pass_conversion = 0.2 .. 0.8\n"),
                     extra, 1, sc);
    assert_int_not_equal(r.rc, 0);
    assert_non_null(strstr(r.err.msg, "`max.emissions` cannot hold"));
    run_free(&r);
    tdm_scenario_free(sc);

    /* without carbon intensities the objective is refused, at its line */
    char path[700];
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    char text[1400];
    snprintf(text, sizeof text,
             "[scenario]\nyear = 2023\nequipment = %s/costs/equipment.csv\n"
             "prices = %s/costs/prices.csv\nindex = %s/costs/cepci.csv\n",
             root, root, root);
    snprintf(path, sizeof path, "/nonexistent-%d/s.ini", (int)getpid());
    assert_int_equal(tdm_scenario_load_string(text, strlen(text), path, &sc, &err), 0);
    optimize_co_cell(&r,
                     CO_CELL("objective = min_emissions\n"
                             "vary.cell.single_pass_conversion = 0.2 .. 0.8\n"),
                     NULL, 0, sc);
    assert_int_not_equal(r.rc, 0);
    assert_non_null(strstr(r.err.msg, "min_emissions needs carbon intensities"));
    run_free(&r);
    tdm_scenario_free(sc);
}

static void
test_a_front_of_cost_against_emissions_trades_voltage_for_area(void **state)
{
    (void)state;
    /* The Tafel cell of the least-cost test: the emissions per tonne are linear in the
     * voltage (the electricity at the grid's intensity; the flows do not move with j), E(j) =
     * a + b dV(j), dV(j) = 0.271 log10(j) + 1e-4 j (j in A/m2), and least at the range's lower
     * end, 1000 A/m2; the cost is least at j* inside it. Each point of the front between them
     * holds its emissions at their bound, at the j where a + b dV(j) = eps, and costs more the
     * less it may emit. a and b come from two simulated plants. */
    tdm_scenario *sc = base_scenario();
    tdm_error err;
    tdm_tea *t = calloc(1, sizeof *t);
    struct run r;
    tafel_load(&r);
    double E[2], dV[2];
    static const double js[2] = {1000, 5000};
    for (int k = 0; k < 2; k++) {
        dV[k] = tafel_priced_at(&r, js[k], sc, t);
        E[k] = t->carbon.per_kg;
    }
    double b = (E[1] - E[0]) / (dV[1] - dV[0]), a = E[0] - b * dV[0];
    assert_true(b > 0);
    assert_int_equal(
        tdm_flowsheet_set(r.fs, r.sim.model, "cell", "current_density", "300 mA/cm2", &err), 0);
    assert_int_equal(tdm_opt_read(&r.p, r.fs, tdm_flowsheet_optimize_section(r.fs), NULL, 0, &err),
                     0);
    tdm_pareto *front = calloc(1, sizeof *front);
    assert_non_null(front);
    int rc = tdm_pareto_emissions(&r.sim, &r.p, sc, 5, front, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_int_equal(front->n, 5);
    assert_true(front->against_emissions);
    assert_null(front->single);
    /* the last point: the least emissions, at 1000 A/m2 */
    assert_close(front->pt[4].emissions, E[0], 1e-6);
    for (int i = 0; i < 5; i++) {
        const tdm_pareto_point *pt = &front->pt[i];
        assert_null(pt->failed);
        double j = pt->value[0]; /* A/m2 */
        assert_close(pt->emissions, a + b * (0.271 * log10(j) + 1e-4 * j), 1e-6);
        if (i > 0) {
            assert_true(pt->emissions < front->pt[i - 1].emissions);
            assert_true(pt->objective > front->pt[i - 1].objective);
        }
    }
    /* its first point is the least-cost plant */
    struct run c;
    tafel_load(&c);
    assert_int_equal(tdm_opt_read(&c.p, c.fs, tdm_flowsheet_optimize_section(c.fs), NULL, 0, &err),
                     0);
    assert_int_equal(tdm_optimize(&c.sim, &c.p, sc, &c.o, &err), 0);
    assert_close(front->pt[0].objective, c.o.value, 1e-7);
    run_free(&c);
    /* min_emissions against itself is no front */
    tdm_kv obj = {.key = "objective", .value = "min_emissions"};
    assert_int_equal(tdm_opt_read(&r.p, r.fs, tdm_flowsheet_optimize_section(r.fs), &obj, 1, &err),
                     0);
    assert_int_not_equal(tdm_pareto_emissions(&r.sim, &r.p, sc, 5, front, &err), 0);
    assert_non_null(strstr(err.msg, "not min_emissions"));
    free(front);
    free(t);
    tdm_scenario_free(sc);
    run_free(&r);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_objective_is_one_row),
        cmocka_unit_test(test_each_objective_is_its_plant_figure_at_the_optimum),
        cmocka_unit_test(test_with_everything_fixed_the_optimum_is_the_simulation),
        cmocka_unit_test(test_a_released_conversion_stops_where_the_cathode_runs_out_of_co2),
        cmocka_unit_test(test_one_mea_cell_stops_short_of_running_out_of_co2),
        cmocka_unit_test(test_the_ee4_mea_optimum_keeps_co_in_its_channel),
        cmocka_unit_test(test_the_least_cost_current_density_of_a_tafel_cell_is_where_worked_out),
        cmocka_unit_test(test_min_emissions_converts_as_much_co2_as_it_may),
        cmocka_unit_test(test_a_front_of_cost_against_emissions_trades_voltage_for_area),
        cmocka_unit_test(test_current_density_and_conversion_together_beat_a_grid),
        cmocka_unit_test(test_the_most_product_under_a_power_cap_is_the_cap_over_the_least_energy),
        cmocka_unit_test(test_a_power_budget_limits_the_product_and_has_a_shadow_price),
        cmocka_unit_test(test_the_worth_of_a_fixed_feed_is_its_product_yield),
        cmocka_unit_test(test_co2_available_and_a_purity_limit_bind_where_worked_out),
        cmocka_unit_test(test_explain_reoptimizes_after_a_step),
        cmocka_unit_test(test_an_impossible_limit_is_named_with_what_is_possible),
        cmocka_unit_test(test_an_unbounded_objective_names_what_runs_away),
        cmocka_unit_test(test_bad_optimize_keys_name_their_line),
        cmocka_unit_test(test_operating_points_share_the_area),
        cmocka_unit_test(test_a_performance_map_refuses_what_it_cannot_use),
        cmocka_unit_test(test_a_map_with_conversions_sets_the_feed_each_point_needs),
        cmocka_unit_test(test_a_power_budget_picks_a_mix_of_operating_points),
        cmocka_unit_test(test_a_bad_performance_map_names_its_line),
        cmocka_unit_test(test_the_pareto_front_of_energy_against_product),
        cmocka_unit_test(test_the_least_cost_mix_beats_every_point_of_a_grid),
        cmocka_unit_test(test_the_layout_with_the_cheaper_electrons_wins),
        cmocka_unit_test(test_each_layout_of_the_superstructure_is_its_own_flowsheet),
        cmocka_unit_test(test_a_power_cap_on_a_two_cell_plant_binds_where_worked_out),
        cmocka_unit_test(test_a_bound_the_key_cannot_take_is_refused_with_the_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
