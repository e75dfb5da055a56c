/* Sweeps, tornado and Monte Carlo against answers worked out by hand or known in closed
 * form. The cell: CO2 -> CO at FE 0.9, conversion 0.5, 3 V (as tests/optimize), fixed numbers
 * that the hand cases need, so it says `fixed_performance = yes` to let the studies vary its
 * current density and conversion. */
#include <ctype.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../run_cmd.h"
#include "../support.h"
#include "../contract.h"
#include "tandem/study.h"
#include "tandem/tea.h"

static const double F = 96485.33212, M_CO = 0.028010; /* CRC */

#define CELL(feed, extra)                                                                          \
    "[flowsheet]\nmain_product = CO\n"                                                             \
    "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n" feed                                      \
    "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"                        \
    "key_reactant = CO2\nfe.CO = 0.9\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"                \
    "cell_voltage = 3 V\ncarbonate_crossover = 0.25\nsingle_pass_conversion = 0.5\n"               \
    "fixed_performance = yes\n"                                                                    \
    "[gas]\nkind = product\nin = c\n"                                                              \
    "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n" extra

static tdm_flowsheet *
load(const char *text)
{
    tdm_flowsheet *fs;
    tdm_error err;
    if (tdm_flowsheet_load_string(text, strlen(text), "test.ini", &fs, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
    return fs;
}

static void
test_the_normal_quantile_matches_tabulated_values(void **state)
{
    (void)state;
    /* Abramowitz and Stegun, Table 26.5: z(0.975) = 1.959963984540054, z(0.95) =
     * 1.644853626951472, z(0.999) = 3.090232306167813; symmetric about 0.5. */
    assert_close(tdm_norm_quantile(0.975), 1.959963984540054, 1e-13);
    assert_close(tdm_norm_quantile(0.95), 1.644853626951472, 1e-13);
    assert_close(tdm_norm_quantile(0.999), 3.090232306167813, 1e-13);
    assert_close(tdm_norm_quantile(0.025), -1.959963984540054, 1e-13);
    assert_close(tdm_norm_quantile(0.5), 0.0, 1e-15);
    assert_close(tdm_norm_cdf(1.959963984540054), 0.975, 1e-14);
}

static void
test_distributions_invert_as_written(void **state)
{
    (void)state;
    tdm_param p = {.name = "x", .unit = "", .lo = -HUGE_VAL, .hi = HUGE_VAL};
    /* triangular 1, 2, 4: F(2) = (2-1)^2 / (3 x 1) = 1/3, so the 1/3 quantile is the mode;
     * the median solves 1 - (4-x)^2 / (3 x 2) = 1/2: x = 4 - sqrt(3) */
    p.dist = TDM_DIST_TRIANGULAR;
    p.a = 1, p.b = 2, p.c = 4;
    assert_close(tdm_param_quantile(&p, 1.0 / 3), 2.0, 1e-12);
    assert_close(tdm_param_quantile(&p, 0.5), 4 - sqrt(3.0), 1e-12);
    /* lognormal median 3, sigma 0.1: the 97.5 % point is 3 e^(0.1 x 1.96) */
    p.dist = TDM_DIST_LOGNORMAL;
    p.a = 3, p.b = 0.1;
    assert_close(tdm_param_quantile(&p, 0.975), 3 * exp(0.1 * 1.959963984540054), 1e-12);
    /* a normal truncated to [9, 11]: every quantile stays inside, and the median of the
     * symmetric truncation is the mean */
    p.dist = TDM_DIST_NORMAL;
    p.a = 10, p.b = 2, p.lo = 9, p.hi = 11;
    assert_close(tdm_param_quantile(&p, 0.5), 10, 1e-12);
    for (int i = 1; i < 100; i++) {
        double x = tdm_param_quantile(&p, i / 100.0);
        assert_true(x >= 9 && x <= 11);
    }
    /* truncated triangular 1, 2, 4 on [1.5, 3.5]: F(1.5) = 0.5^2 / 3 = 1/12, F(3.5) = 1 -
     * 0.5^2 / 6 = 23/24; the median is at p = 1/12 + (23/24 - 1/12) / 2 = 25/48, above
     * F(2) = 1/3, so x = 4 - sqrt((1 - 25/48) x 3 x 2) = 4 - sqrt(2.875) = 2.3044175 */
    p.dist = TDM_DIST_TRIANGULAR;
    p.a = 1, p.b = 2, p.c = 4, p.lo = 1.5, p.hi = 3.5;
    assert_close(tdm_param_quantile(&p, 0.5), 4 - sqrt(2.875), 1e-12);
    /* truncated lognormal median 2, sigma 0.5 on [1, 3] (Python's statistics.NormalDist):
     * F(1) = Phi(ln 0.5 / 0.5), F(3) = Phi(ln 1.5 / 0.5); the median 1.8476915 */
    p.dist = TDM_DIST_LOGNORMAL;
    p.a = 2, p.b = 0.5, p.lo = 1, p.hi = 3;
    assert_close(tdm_param_quantile(&p, 0.5), 1.8476915473049418, 1e-9);
    /* fixed: every quantile is the value */
    p.dist = TDM_DIST_FIXED;
    p.a = 5, p.lo = -HUGE_VAL, p.hi = HUGE_VAL;
    assert_close(tdm_param_quantile(&p, 0.01), 5, 1e-15);
    assert_close(tdm_param_quantile(&p, 0.99), 5, 1e-15);
    /* the generator: uniform in (0, 1), the same for the same (seed, i, j) */
    double s = 0;
    for (int i = 0; i < 100000; i++) {
        double u = tdm_uniform(7, (uint64_t)i, 3);
        assert_true(u > 0 && u < 1);
        s += u;
    }
    assert_close(s / 100000, 0.5, 0.01); /* sd of the mean 0.29/316 = 0.0009: 5 sd */
    assert_true(tdm_uniform(7, 5, 3) == tdm_uniform(7, 5, 3));
    assert_true(tdm_uniform(7, 5, 3) != tdm_uniform(8, 5, 3));
}

static void
test_spearman_counts_ranks(void **state)
{
    (void)state;
    /* monotone: +1 and -1 whatever the shape; x = 1..5 against y = 2,1,4,3,5: d = 1,1,1,1,0,
     * rho = 1 - 6 x 4 / (5 x 24) = 0.8 */
    double x[] = {1, 2, 3, 4, 5}, y1[] = {1, 8, 27, 64, 125}, y2[] = {5, 4, 3, 2, 1},
           y3[] = {2, 1, 4, 3, 5};
    assert_close(tdm_spearman(x, y1, 5), 1.0, 1e-15);
    assert_close(tdm_spearman(x, y2, 5), -1.0, 1e-15);
    assert_close(tdm_spearman(x, y3, 5), 0.8, 1e-15);
}

/* An output constant to within rounding correlates with nothing: its rho is NaN (printed
 * `-`), not the rank correlation of its last bits. */
static void
test_a_constant_output_has_no_correlation(void **state)
{
    (void)state;
    enum { N = 200 };
    double x[N], y[N * 2];
    for (int i = 0; i < N; i++) {
        x[i] = i;
        /* output 0: 100 t/day to rounding, its last bits following the input a little;
         * output 1: a real dependence */
        y[2 * i] = 100.0 + ((i * 7919) % 13 + i / 50) * 2e-14; /* 100's ulp is 1.4e-14 */
        y[2 * i + 1] = i * i;
    }
    tdm_mc mc = {.n = N, .count = N, .np = 1, .nout = 2, .x = x, .y = y};
    tdm_mc_summary s;
    assert_int_equal(tdm_mc_summarize(&mc, NAN, &s), 0);
    assert_true(s.out[0].max > s.out[0].min); /* the bits do differ, and their ranks */
    double col[N];
    for (int i = 0; i < N; i++)
        col[i] = y[2 * i];
    assert_true(tdm_spearman(x, col, N) > 0.2); /* follow the input: what was printed */
    assert_true(isnan(s.rho[0][0]));
    assert_close(s.rho[0][1], 1.0, 1e-15);
}

static void
test_ranks_sort_signs_zeros_and_ties(void **state)
{
    (void)state;
    /* sorted: -1e300 < -2.5 < -0 = 0 < 1e-300 < 3 = 3 = 3 < 7; ranks 1, 2, 3.5 (the two
     * zeros share 3 and 4), 5, 7 (the threes share 6, 7, 8), 9 */
    double x[] = {3, -0.0, 7, -2.5, 3, 1e-300, 0.0, -1e300, 3};
    double want[] = {7, 3.5, 9, 2, 7, 5, 3.5, 1, 7};
    double r[9];
    assert_int_equal(tdm_ranks(x, 9, r), 0);
    for (int i = 0; i < 9; i++)
        assert_true(r[i] == want[i]);
    /* 2,000 values in reverse order, enough for every digit pass: rank i + 1 for 2000 - i */
    double big[2000], rb[2000];
    for (int i = 0; i < 2000; i++)
        big[i] = 2000.0 - i;
    assert_int_equal(tdm_ranks(big, 2000, rb), 0);
    for (int i = 0; i < 2000; i++)
        assert_true(rb[i] == 2000.0 - i);
    /* a NaN pair is left out: the remaining four are the monotone x, y1 pairs */
    double xn[] = {1, 2, NAN, 4, 5}, yn[] = {1, 8, 27, 64, 125};
    assert_close(tdm_spearman(xn, yn, 5), 1.0, 1e-15);
}

static void
test_a_sweep_reproduces_single_solves(void **state)
{
    (void)state;
    tdm_flowsheet *fs = load(CELL("flow = 10 mol/s\n", ""));
    tdm_param p;
    tdm_error err;
    assert_int_equal(tdm_param_parse(&p, "cell.cell_voltage", fs, NULL, NULL, 0, &err), 0);
    assert_close(p.base, 3.0, 0);
    const char *outs[] = {"electric_energy", "product_rate"};
    tdm_study st;
    assert_int_equal(tdm_study_open(&st, fs, NULL, outs, 2, &err), 0);
    tdm_sweep sw = {.np = 1, .p = {&p}, .lo = {2.5}, .hi = {3.5}, .n = {5}};
    assert_int_equal(tdm_sweep_run(&st, &sw, &err), 0);
    assert_int_equal(sw.npoints, 5);
    for (int i = 0; i < 5; i++) {
        /* the same point solved from scratch, the voltage set in the text */
        char text[2000], v[32];
        snprintf(v, sizeof v, "%g V", 2.5 + 0.25 * i);
        snprintf(text, sizeof text, "%s", CELL("flow = 10 mol/s\n", ""));
        char *at = strstr(text, "3 V");
        char rest[2000];
        snprintf(rest, sizeof rest, "%s", at + 3);
        snprintf(at, sizeof text - (size_t)(at - text), "%s%s", v, rest);
        tdm_simulation sim;
        tdm_flowsheet *one = solve_text(text, &sim);
        /* electricity per tonne = V e F / (5 M_CO) with e = 11.111 mol/s */
        double J = (2.5 + 0.25 * i) * (5 * 2 / 0.9) * F / (5 * M_CO) / 1e6;
        assert_close(sim.results->summary.electric_j_per_kg / 1e6, J, 1e-9);
        assert_close(sw.y[i * 2], J, 1e-9);
        assert_close(sw.y[i * 2 + 1], sim.results->summary.product_kg_s * 86.4, 1e-12);
        tdm_simulation_free(&sim);
        tdm_flowsheet_free(one);
    }
    /* and the parameter is back where the file has it */
    assert_int_equal(tdm_study_eval(&st, sw.y, &err), 0);
    assert_close(sw.y[0], 3.0 * (5 * 2 / 0.9) * F / (5 * M_CO) / 1e6, 1e-12);
    tdm_sweep_free(&sw);
    tdm_study_close(&st);
    tdm_flowsheet_free(fs);
}

/* A unit's row asked for after a figure the study reads from the summary's list (not by its
 * getter) was never read: zeros in every sweep, tornado and Monte Carlo that asked for both
 * (`--output electric_energy_electrolyzer,cell.cell_voltage` gave a voltage of 0). */
static void
test_a_units_row_is_read_after_any_figure(void **state)
{
    (void)state;
    tdm_flowsheet *fs = load(CELL("flow = 10 mol/s\n", ""));
    tdm_param p;
    tdm_error err;
    assert_int_equal(tdm_param_parse(&p, "cell.cell_voltage", fs, NULL, NULL, 0, &err), 0);
    const char *outs[] = {"electric_energy_electrolyzer", "cell.cell_voltage", "electric_energy",
                          "cell.fe.CO"};
    tdm_study st;
    assert_int_equal(tdm_study_open(&st, fs, NULL, outs, 4, &err), 0);
    double v[4];
    assert_int_equal(tdm_study_set(&st, &p, 2.5, &err), 0);
    assert_int_equal(tdm_study_eval(&st, v, &err), 0);
    /* the cell alone draws power: both figures are V x 2 F / (0.9 M_CO) */
    double per_volt = 2 * F / (0.9 * M_CO) / 1e6;
    assert_close(v[0], 2.5 * per_volt, 1e-9);
    assert_close(v[1], 2.5, 1e-12);
    assert_close(v[2], 2.5 * per_volt, 1e-9);
    assert_close(v[3], 90, 1e-9);
    tdm_study_close(&st);
    tdm_flowsheet_free(fs);
}

/* Goal seeking on the linear cell: electricity per tonne is V x 2 F / (0.9 M_CO) = 7.6548 GJ/t
 * per volt, so 20 GJ/t is met at 20 / 7.6548 = 2.6128 V, once, rising; 100 GJ/t is met nowhere
 * in 2..4 V, where the figure runs from 2 x 7.6548 to 4 x 7.6548 GJ/t. */
static void
test_goal_seeking_finds_the_voltage_a_target_asks_for(void **state)
{
    (void)state;
    tdm_flowsheet *fs = load(CELL("flow = 10 mol/s\n", ""));
    tdm_param p;
    tdm_error err;
    assert_int_equal(tdm_param_parse(&p, "cell.cell_voltage", fs, NULL, NULL, 0, &err), 0);
    const char *outs[] = {"electric_energy", "cell.cell_voltage"};
    tdm_study st;
    assert_int_equal(tdm_study_open(&st, fs, NULL, outs, 2, &err), 0);
    double per_volt = 2 * F / (0.9 * M_CO) / 1e6;
    tdm_goal g = {.p = &p, .lo = 2, .hi = 4, .points = 5, .out = 0, .target = 20};
    assert_int_equal(tdm_goal_run(&st, &g, &err), 0);
    assert_int_equal(g.n, 1);
    assert_close(g.x[0], 20 / per_volt, 1e-9);
    assert_true(g.rising[0]);
    assert_close(g.y[0][0], 20, 1e-9);
    assert_close(g.y[0][1], 20 / per_volt, 1e-9); /* the answer simulated: its cell voltage */
    /* the scan's 5 points, Brent's few (a straight line: the secant's first step lands),
     * the answer once more */
    assert_true(g.evaluations <= 5 + 4 + 1);
    /* and the key is back at the file's 3 V */
    double v[2];
    assert_int_equal(tdm_study_eval(&st, v, &err), 0);
    assert_close(v[1], 3, 1e-12);
    /* a target met nowhere: no answer, the range of the figure */
    tdm_goal none = {.p = &p, .lo = 2, .hi = 4, .points = 5, .out = 0, .target = 100};
    assert_int_equal(tdm_goal_run(&st, &none, &err), 0);
    assert_int_equal(none.n, 0);
    assert_close(none.lowest, 2 * per_volt, 1e-9);
    assert_close(none.highest, 4 * per_volt, 1e-9);
    assert_close(none.at_highest, 4, 0);
    /* a target on a scan point is met there */
    tdm_goal on = {.p = &p, .lo = 2, .hi = 4, .points = 3, .out = 0, .target = 3 * per_volt};
    assert_int_equal(tdm_goal_run(&st, &on, &err), 0);
    assert_int_equal(on.n, 1);
    assert_close(on.x[0], 3, 1e-9);
    tdm_study_close(&st);
    tdm_flowsheet_free(fs);
}

/* The boundary across a second parameter: the linear cell's electric energy is V 2 F / (FE
 * M_CO) (GJ/t once divided by 1e6), so 20 GJ/t is met at V = 20e6 FE M_CO / (2 F): 1.7419,
 * 2.0322, 2.3225 and 2.6128 V at FE 0.6, 0.7, 0.8 and 0.9; both keys back at the file's
 * values after. */
static void
test_goal_boundary_across_a_second_parameter(void **state)
{
    (void)state;
    tdm_flowsheet *fs = load(CELL("flow = 10 mol/s\n", ""));
    tdm_param p, q;
    tdm_error err;
    assert_int_equal(tdm_param_parse(&p, "cell.cell_voltage", fs, NULL, NULL, 0, &err), 0);
    assert_int_equal(tdm_param_parse(&q, "cell.fe.CO", fs, NULL, NULL, 0, &err), 0);
    const char *outs[] = {"electric_energy"};
    tdm_study st;
    assert_int_equal(tdm_study_open(&st, fs, NULL, outs, 1, &err), 0);
    tdm_goal g = {.p = &p, .lo = 1.5, .hi = 4, .points = 7, .out = 0, .target = 20};
    tdm_goal_boundary b = {.q = &q, .lo = 0.6, .hi = 0.9, .n = 4};
    assert_int_equal(tdm_goal_boundary_run(&st, &g, &b, &err), 0);
    for (int i = 0; i < 4; i++) {
        double fe = 0.6 + 0.1 * i;
        assert_close(b.qx[i], fe, 1e-12);
        assert_int_equal(b.m[i], 1);
        assert_close(b.x[i * TDM_GOAL_MAX], 20e6 * fe * M_CO / (2 * F), 1e-9);
        assert_true(b.rising[i * TDM_GOAL_MAX]);
    }
    double v[1];
    assert_int_equal(tdm_study_eval(&st, v, &err), 0);
    assert_close(v[0], 3 * 2 * F / (0.9 * M_CO) / 1e6, 1e-9);
    tdm_goal_boundary_free(&b);
    tdm_study_close(&st);
    tdm_flowsheet_free(fs);
}

/* text written to DIR/cell.ini in a new directory made from the template dir */
static void
scratch_flowsheet(char *dir, char *path, size_t n, const char *text)
{
    assert_non_null(mkdtemp(dir));
    snprintf(path, n, "%s/cell.ini", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* `tandem goal` as a user runs it: the answer, its exit status when met nowhere, its CSV. */
static void
test_goal_from_the_command_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-goal-XXXXXX", fsp[600];
    scratch_flowsheet(dir, fsp, sizeof fsp, CELL("flow = 10 mol/s\n", ""));
    double per_volt = 2 * F / (0.9 * M_CO) / 1e6;
    run_result r =
        run_tandem((const char *[]){"goal", fsp, "--vary", "cell.cell_voltage=2..4", "--target",
                                    "electric_energy=20", "--format", "csv", NULL});
    assert_int_equal(r.status, 0);
    const char *head = "cell.cell_voltage [V],direction,electric_energy [GJ/t],"
                       "cell.cell_voltage [V],cell.fe.CO [%]\n";
    assert_memory_equal(r.out, head, strlen(head));
    double v, e;
    assert_int_equal(sscanf(r.out + strlen(head), "%lf,rising,%lf", &v, &e), 2);
    assert_close(v, 20 / per_volt, 1e-8);
    assert_close(e, 20, 1e-8);
    run_free(&r);
    /* the target with its unit: 20,000 MJ/t is 20 GJ/t */
    r = run_tandem((const char *[]){"goal", fsp, "--vary", "cell.cell_voltage=2..4", "--target",
                                    "electric_energy=20000 MJ/t", NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "met at cell.cell_voltage = 2.613 V"));
    run_free(&r);
    /* met nowhere: exit 1, and how near it came */
    r = run_tandem((const char *[]){"goal", fsp, "--vary", "cell.cell_voltage=2..4", "--target",
                                    "electric_energy=100", NULL});
    assert_int_equal(r.status, 1);
    assert_non_null(
        strstr(r.out, "not met in the range: electric_energy runs from 15.31 to 30.62"));
    run_free(&r);
    /* two parameters: the boundary, one row an answer, and its chart; a chart of one
     * parameter's goal is refused */
    char chart[700];
    snprintf(chart, sizeof chart, "%s/boundary.svg", dir);
    r = run_tandem((const char *[]){"goal", fsp, "--vary", "cell.cell_voltage=1.5..4", "--vary",
                                    "cell.fe.CO=0.6..0.9:4", "--target", "electric_energy=20",
                                    "--format", "csv", "--chart", chart, NULL});
    assert_int_equal(r.status, 0);
    const char *bh = "cell.fe.CO [],cell.cell_voltage [V],direction\n";
    assert_memory_equal(r.out, bh, strlen(bh));
    double fe, volt;
    const char *row = strstr(r.out, "\n0.7,");
    assert_non_null(row);
    assert_int_equal(sscanf(row + 1, "%lf,%lf,rising", &fe, &volt), 2);
    assert_close(volt, 20e6 * 0.7 * M_CO / (2 * F), 1e-8);
    struct stat sb;
    assert_int_equal(stat(chart, &sb), 0);
    unlink(chart);
    run_free(&r);
    r = run_tandem((const char *[]){"goal", fsp, "--vary", "cell.cell_voltage=2..4", "--target",
                                    "electric_energy=20", "--chart", chart, NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--vary twice"));
    run_free(&r);
    /* a target in the wrong unit is named */
    r = run_tandem((const char *[]){"goal", fsp, "--vary", "cell.cell_voltage=2..4", "--target",
                                    "electric_energy=20 V", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "is no value in GJ/t"));
    assert_string_equal(r.out, "");
    run_free(&r);
    unlink(fsp);
    rmdir(dir);
}

static void
test_monte_carlo_through_a_linear_flowsheet_gives_the_analytic_percentiles(void **state)
{
    (void)state;
    /* Feed uniform on 5..15 mol/s: CO made = 0.5 feed, so the product rate is uniform on
     * 0.5 x 5..15 x M_CO x 86.4 t/day. Its p5, p50, p95 are those of the feed, 5.5, 10 and
     * 14.5 mol/s, scaled; the mean 10 and the sd 10 / sqrt(12). With N = 20000 the sample
     * p5 has a standard error of sqrt(0.05 x 0.95 / N) x 10 = 0.015 mol/s (0.3 %): the
     * tolerance of 1 % is over three of them. A normal feed (10, 1) gives p5 and p95 at
     * 10 -+ 1.6449. */
    tdm_flowsheet *fs =
        load(CELL("flow = 10 mol/s\n", "[uncertainty]\nco2.flow = uniform 5 15 mol/s\n"));
    tdm_param ps[4];
    int np;
    tdm_error err;
    assert_int_equal(tdm_params_read_section(ps, 4, &np, fs, NULL, &err), 0);
    assert_int_equal(np, 1);
    const char *outs[] = {"product_rate"};
    tdm_study st;
    assert_int_equal(tdm_study_open(&st, fs, NULL, outs, 1, &err), 0);
    tdm_mc mc;
    long N = 20000;
    assert_int_equal(
        tdm_mc_run(&st, ps, np, &(tdm_mc_plan){.seed = 42, .n = N, .count = N}, &mc, &err), 0);
    tdm_mc_summary s;
    assert_int_equal(tdm_mc_summarize(&mc, NAN, &s), 0);
    double k = 0.5 * M_CO * 86.4;
    assert_close(s.out[0].p5, 5.5 * k, 0.01);
    assert_close(s.out[0].p50, 10 * k, 0.01);
    assert_close(s.out[0].p95, 14.5 * k, 0.01);
    assert_close(s.out[0].mean, 10 * k, 0.01);
    assert_close(s.out[0].sd, 10 / sqrt(12.0) * k, 0.02);
    assert_close(s.rho[0][0], 1.0, 1e-12); /* the product grows with the feed */
    tdm_mc_free(&mc);
    /* normal */
    assert_int_equal(tdm_param_dist(&ps[0], "normal 10 1 mol/s", &err), 0);
    assert_int_equal(
        tdm_mc_run(&st, ps, np, &(tdm_mc_plan){.seed = 42, .n = N, .count = N}, &mc, &err), 0);
    assert_int_equal(tdm_mc_summarize(&mc, NAN, &s), 0);
    assert_close(s.out[0].p5, (10 - 1.6448536) * k, 0.01);
    assert_close(s.out[0].p95, (10 + 1.6448536) * k, 0.01);
    assert_close(s.out[0].sd, 1.0 * k, 0.03);
    tdm_mc_free(&mc);
    tdm_study_close(&st);
    tdm_flowsheet_free(fs);
}

static void
test_a_normal_spread_in_celsius_is_a_difference(void **state)
{
    (void)state;
    /* `normal 80 5 C`: mean 80 C = 353.15 K, standard deviation 5 K (it once read as the
     * temperature 5 C = 278.15 K); bounds in C are temperatures: 70 C = 343.15 K. */
    tdm_flowsheet *fs = load("[flowsheet]\nmain_product = CO2\n"
                             "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\nflow = 10 mol/s\n"
                             "[h]\nkind = heater\nin = f\nout = g\ntemperature = 80 C\n"
                             "[gas]\nkind = product\nin = g\n"
                             "[uncertainty]\nh.temperature = normal 80 5 C, 70 .. 90 ; test\n");
    tdm_param ps[1];
    int np;
    tdm_error err;
    assert_int_equal(tdm_params_read_section(ps, 1, &np, fs, NULL, &err), 0);
    assert_close(ps[0].a, 353.15, 1e-12);
    assert_close(ps[0].b, 5, 1e-12);
    assert_close(ps[0].lo, 343.15, 1e-12);
    assert_close(ps[0].hi, 363.15, 1e-12);
    /* truncated at 2 sigma, the 5th percentile (Python's statistics.NormalDist): F(lo) =
     * Phi(-2) = 0.0227501, p = F(lo) + 0.05 (Phi(2) - F(lo)) = 0.0704751, z = -1.4722616,
     * 353.15 - 1.4722616 x 5 = 345.788692 K */
    assert_close(tdm_param_quantile(&ps[0], 0.05), 345.78869179483615, 1e-9);
    tdm_flowsheet_free(fs);
}

static void
test_truncation_bounds_keep_their_decimals(void **state)
{
    (void)state;
    /* `, 0.8 .. 0.98` once read its lower bound as 0: the reader stopped at the decimal
     * point. Bounds as written, with or without spaces around the dots; and the 5th and
     * 95th percentiles of normal(0.9, 0.03) truncated to [0.8, 0.98] by hand (Python's
     * statistics.NormalDist): F(a) = Phi(-10/3), F(b) = Phi(8/3), p = F(a) + 0.05 (F(b) -
     * F(a)) gives 0.850717, p = F(a) + 0.95 (F(b) - F(a)) gives 0.948322. */
    tdm_flowsheet *fs =
        load(CELL("flow = 10 mol/s\n", "[uncertainty]\n"
                                       "cell.fe.CO = normal 0.9 0.03, 0.8 .. 0.98\n"
                                       "co2.flow = uniform 5 15 mol/s, 6.5..14.25\n"));
    tdm_param ps[2];
    int np;
    tdm_error err;
    assert_int_equal(tdm_params_read_section(ps, 2, &np, fs, NULL, &err), 0);
    assert_int_equal(np, 2);
    assert_close(ps[0].lo, 0.8, 1e-15);
    assert_close(ps[0].hi, 0.98, 1e-15);
    assert_close(ps[1].lo, 6.5, 1e-15);
    assert_close(ps[1].hi, 14.25, 1e-15);
    assert_close(tdm_param_quantile(&ps[0], 0.05), 0.8507171387387087, 1e-9);
    assert_close(tdm_param_quantile(&ps[0], 0.95), 0.9483224182648383, 1e-9);
    tdm_flowsheet_free(fs);
}

/* The shard of plan, named as `tandem mc` names one, written to path */
static void
write_shard(tdm_study *st, const tdm_param *ps, int np, const tdm_mc_plan *plan, const char *path)
{
    tdm_mc part;
    tdm_error err;
    assert_int_equal(tdm_mc_run(st, ps, np, plan, &part, &err), 0);
    part.flowsheet = "test.ini";
    for (int j = 0; j < np; j++)
        part.param[j] = ps[j].name;
    for (int i = 0; i < st->nout; i++) {
        part.out[i] = st->out[i];
        part.out_unit[i] = st->out_unit[i];
    }
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(tdm_mc_write(f, &part), 0);
    fclose(f);
    tdm_mc_free(&part);
}

/* Three uneven shards of a run, written and read back, are the run to the bit, under either
 * sampling (a Latin hypercube's strata are kept by sample number, not by shard); a shard of
 * the other sampling is refused. */
static void
shards_merge(enum tdm_sampling m)
{
    tdm_flowsheet *fs =
        load(CELL("flow = 10 mol/s\n", "[uncertainty]\n"
                                       "co2.flow = uniform 5 15 mol/s\n"
                                       "cell.cell_voltage = triangular 2.5 3 3.8 V\n"
                                       "cell.fe.CO = normal 0.9 0.03, 0.8 .. 0.98\n"));
    tdm_param ps[4];
    int np;
    tdm_error err;
    assert_int_equal(tdm_params_read_section(ps, 4, &np, fs, NULL, &err), 0);
    const char *outs[] = {"electric_energy", "product_rate"};
    tdm_study st;
    assert_int_equal(tdm_study_open(&st, fs, NULL, outs, 2, &err), 0);
    long N = 300;
    tdm_mc whole;
    assert_int_equal(tdm_mc_run(&st, ps, np,
                                &(tdm_mc_plan){.seed = 9, .n = N, .count = N, .sampling = m},
                                &whole, &err),
                     0);
    /* three uneven shards, written and read back */
    char paths[3][64];
    long cuts[4] = {0, 77, 201, 300};
    for (int k = 0; k < 3; k++) {
        snprintf(paths[k], sizeof paths[k], "/tmp/tandem-shard-%d-%d.csv", (int)getpid(), k);
        write_shard(
            &st, ps, np,
            &(tdm_mc_plan){
                .seed = 9, .n = N, .first = cuts[k], .count = cuts[k + 1] - cuts[k], .sampling = m},
            paths[k]);
    }
    tdm_arena *a = tdm_arena_new();
    const char *list[3] = {paths[2], paths[0], paths[1]}; /* any order */
    tdm_mc merged;
    int rc = tdm_mc_read(list, 3, a, &merged, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    assert_int_equal(merged.n, N);
    assert_int_equal(merged.count, N);
    assert_int_equal(merged.sampling, m);
    /* every number identical, to the bit */
    assert_memory_equal(merged.x, whole.x, sizeof(double) * (size_t)(N * np));
    for (long i = 0; i < N * 2; i++)
        assert_true(merged.y[i] == whole.y[i] || (isnan(merged.y[i]) && isnan(whole.y[i])));
    /* a missing shard is named */
    tdm_mc bad;
    assert_int_equal(tdm_mc_read(list, 2, a, &bad, &err), -1);
    assert_non_null(strstr(err.msg, "a shard is missing"));
    /* a shard given twice too */
    const char *twice[2] = {paths[0], paths[0]};
    assert_int_equal(tdm_mc_read(twice, 2, a, &bad, &err), -1);
    assert_non_null(strstr(err.msg, "appears twice"));
    /* a shard of the same run drawn the other way is of another run */
    write_shard(
        &st, ps, np,
        &(tdm_mc_plan){.seed = 9,
                       .n = N,
                       .count = cuts[1],
                       .sampling = m == TDM_SAMPLING_LHS ? TDM_SAMPLING_RANDOM : TDM_SAMPLING_LHS},
        paths[0]);
    const char *mixed[3] = {paths[1], paths[0], paths[2]};
    assert_int_equal(tdm_mc_read(mixed, 3, a, &bad, &err), -1);
    assert_non_null(strstr(err.msg, "of another run"));
    for (int k = 0; k < 3; k++)
        unlink(paths[k]);
    tdm_mc_free(&merged);
    tdm_mc_free(&whole);
    tdm_arena_free(a);
    tdm_study_close(&st);
    tdm_flowsheet_free(fs);
}

/* Sobol indices of the Ishigami function f = sin x1 + a sin^2 x2 + b x3^4 sin x1, every x
 * uniform on [-pi, pi], a = 7, b = 0.1 (Ishigami and Homma 1990; the analytic indices as in
 * Saltelli et al., Global Sensitivity Analysis: The Primer, 2008): S1 = 0.314, 0.442, 0;
 * ST = 0.558, 0.442, 0.244. With 20,000 base rows the estimators' standard errors are below
 * 0.01 (Saltelli 2010, fig. 2): a tolerance of 0.03, and each interval holds its value. */
static const double PI = 3.14159265358979323846;

static double
ishigami(const double *x)
{
    double s = sin(x[0]), t = sin(x[1]);
    return s + 7 * t * t + 0.1 * pow(x[2], 4) * s;
}

static void
test_sobol_indices_of_the_ishigami_function(void **state)
{
    (void)state;
    enum { K = 3 };
    long n = 20000;
    double *f = malloc(sizeof *f * (size_t)n * (K + 2));
    assert_non_null(f);
    for (int b = 0; b < K + 2; b++)
        for (long j = 0; j < n; j++) {
            double x[K];
            for (int i = 0; i < K; i++) {
                int m = b == 0 ? 0 : b == 1 ? 1 : b - 2 == i ? 1 : 0;
                x[i] = -PI + 2 * PI * tdm_sobol_uniform(11, j, i, K, m);
            }
            f[(size_t)b * (size_t)n + (size_t)j] = ishigami(x);
        }
    tdm_sobol_index idx[K];
    assert_int_equal(tdm_sobol_estimate(f, f + n, f + 2 * n, n, K, 11, 200, idx), 0);
    const double s1[K] = {0.314, 0.442, 0}, st[K] = {0.558, 0.442, 0.244};
    for (int i = 0; i < K; i++) {
        assert_close(idx[i].s1, s1[i], 0.03);
        assert_close(idx[i].st, st[i], 0.03);
        assert_true(idx[i].s1_lo <= idx[i].s1 && idx[i].s1 <= idx[i].s1_hi);
        assert_true(idx[i].st_lo <= idx[i].st && idx[i].st <= idx[i].st_hi);
        assert_true(idx[i].st_hi - idx[i].st_lo < 0.1);
    }
    free(f);
}

/* On the linear cell: the product rate follows the feed alone and the electricity per tonne
 * the voltage alone, so each output's own input has S1 = ST = 1 and the other exactly 0: A
 * with the other input's column from B gives f(A) to the bit. The ones to sampling error:
 * over twelve seeds at n = 2000 they ran 0.93 to 1.07, a standard deviation near 0.035, so
 * the tolerance is 0.1, three of them. */
static void
test_sobol_indices_of_a_flowsheet_known_by_hand(void **state)
{
    (void)state;
    tdm_flowsheet *fs = load(CELL("flow = 10 mol/s\n", "[uncertainty]\n"
                                                       "co2.flow = uniform 5 15 mol/s\n"
                                                       "cell.cell_voltage = uniform 2.5 3.5 V\n"));
    tdm_param ps[4];
    int np;
    tdm_error err;
    assert_int_equal(tdm_params_read_section(ps, 4, &np, fs, NULL, &err), 0);
    assert_int_equal(np, 2);
    const char *outs[] = {"product_rate", "electric_energy"};
    tdm_study st;
    assert_int_equal(tdm_study_open(&st, fs, NULL, outs, 2, &err), 0);
    tdm_sobol *so = calloc(1, sizeof *so);
    assert_non_null(so);
    assert_int_equal(tdm_sobol_run(&st, ps, np, 3, 2000, 50, so, &err), 0);
    assert_int_equal(so->evaluations, 2000 * 4);
    assert_int_equal(so->used[0], 2000);
    /* product rate: the feed (parameter 0) */
    assert_close(so->index[0][0].s1, 1, 0.1);
    assert_close(so->index[0][0].st, 1, 0.1);
    assert_close(so->index[0][1].s1, 0, 1e-12);
    assert_close(so->index[0][1].st, 0, 1e-12);
    /* electricity per tonne: the voltage */
    assert_close(so->index[1][1].s1, 1, 0.1);
    assert_close(so->index[1][1].st, 1, 0.1);
    assert_close(so->index[1][0].s1, 0, 1e-12);
    assert_close(so->index[1][0].st, 0, 1e-12);
    /* the parameters are back at the file's values */
    double v[2];
    assert_int_equal(tdm_study_eval(&st, v, &err), 0);
    assert_close(v[1], 3 * 2 * F / (0.9 * M_CO) / 1e6, 1e-9);
    free(so);
    tdm_study_close(&st);
    tdm_flowsheet_free(fs);
}

/* Morris on the linear cell: the product rate moves with the feed alone, by 0.5 M_CO 86.4
 * t/day per mol/s over its 10 mol/s range, every step alike (mu = mu* = 10 x 0.5 x M_CO x
 * 86.4 t/day, sigma 0); the voltage moves it not at all; the electricity per tonne the other
 * way round (per_volt over the 1 V range). r (k + 1) = 20 x 3 solves. */
static void
test_morris_effects_of_a_flowsheet_known_by_hand(void **state)
{
    (void)state;
    tdm_flowsheet *fs = load(CELL("flow = 10 mol/s\n", "[uncertainty]\n"
                                                       "co2.flow = uniform 5 15 mol/s\n"
                                                       "cell.cell_voltage = uniform 2.5 3.5 V\n"));
    tdm_param ps[4];
    int np;
    tdm_error err;
    assert_int_equal(tdm_params_read_section(ps, 4, &np, fs, NULL, &err), 0);
    const char *outs[] = {"product_rate", "electric_energy"};
    tdm_study st;
    assert_int_equal(tdm_study_open(&st, fs, NULL, outs, 2, &err), 0);
    tdm_morris *m = calloc(1, sizeof *m);
    assert_non_null(m);
    assert_int_equal(tdm_morris_run(&st, ps, np, 4, 20, 4, m, &err), 0);
    assert_int_equal(m->evaluations, 20 * 3);
    double rate = 10 * 0.5 * M_CO * 86.4, per_volt = 2 * F / (0.9 * M_CO) / 1e6;
    const tdm_morris_effect *e = &m->effect[0][0];
    assert_int_equal(e->n, 20);
    assert_close(e->mu, rate, 1e-9);
    assert_close(e->mu_star, rate, 1e-9);
    assert_true(e->sigma < 1e-9 * rate);
    assert_close(m->effect[0][1].mu_star, 0, 1e-12);
    assert_close(m->effect[1][1].mu_star, per_volt * 1.0, 1e-9);
    assert_true(m->effect[1][1].sigma < 1e-9 * per_volt);
    assert_close(m->effect[1][0].mu_star, 0, 1e-12);
    /* a bad grid is named */
    assert_int_not_equal(tdm_morris_run(&st, ps, np, 4, 20, 3, m, &err), 0);
    assert_non_null(strstr(err.msg, "even number of levels"));
    free(m);
    tdm_study_close(&st);
    tdm_flowsheet_free(fs);
}

/* `tandem sobol` as a user runs it on the linear cell: a row an output and a parameter, the
 * exact zeros of the inputs an output does not read. */
static void
test_sobol_from_the_command_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-sobol-XXXXXX", fsp[600];
    scratch_flowsheet(dir, fsp, sizeof fsp,
                      CELL("flow = 10 mol/s\n",
                           "[uncertainty]\nco2.flow = uniform 5 15 mol/s ; test\n"
                           "cell.cell_voltage = uniform 2.5 3.5 V ; test\n"));
    run_result r = run_tandem((const char *[]){"sobol", fsp, "--samples", "500", "--output",
                                               "product_rate", "--format", "csv", NULL});
    assert_int_equal(r.status, 0);
    const char *head = "output,parameter,S1,S1_low,S1_high,ST,ST_low,ST_high\n";
    assert_memory_equal(r.out, head, strlen(head));
    const char *v = strstr(r.out, "\nproduct_rate,cell.cell_voltage,0,");
    assert_non_null(v);
    double s1 = -1, st = -1;
    const char *flow = strstr(r.out, "\nproduct_rate,co2.flow,");
    assert_non_null(flow);
    assert_int_equal(sscanf(flow + strlen("\nproduct_rate,co2.flow,"), "%lf,%*f,%*f,%lf", &s1, &st),
                     2);
    assert_close(s1, 1, 0.2); /* 500 rows: a standard error near 0.07 */
    assert_close(st, 1, 0.2);
    run_free(&r);
    r = run_tandem((const char *[]){"sobol", fsp, "--resamples", "-1", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--resamples takes 0 to 10000"));
    run_free(&r);
    /* and Morris's screening of the same: the feed's effect on the product rate, 10 x 0.5 x
     * M_CO x 86.4 t/day over its range at every step, the voltage's none */
    r = run_tandem(
        (const char *[]){"morris", fsp, "--output", "product_rate", "--format", "csv", NULL});
    assert_int_equal(r.status, 0);
    const char *mh = "output,parameter,unit,mu_star,mu,sigma,effects\n";
    assert_memory_equal(r.out, mh, strlen(mh));
    const char *row = strstr(r.out, "\nproduct_rate,co2.flow,t/day,");
    assert_non_null(row);
    assert_close(strtod(row + strlen("\nproduct_rate,co2.flow,t/day,"), NULL),
                 10 * 0.5 * M_CO * 86.4, 1e-8);
    assert_non_null(strstr(r.out, "\nproduct_rate,cell.cell_voltage,t/day,0,0,0,20\n"));
    run_free(&r);
    r = run_tandem((const char *[]){"morris", fsp, "--levels", "5", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "an even number"));
    run_free(&r);
    /* their bar charts: SVG files, written whole; one that cannot be written fails the run
     * with nothing on standard output */
    char bars[2][700];
    for (int k = 0; k < 2; k++) {
        snprintf(bars[k], sizeof bars[k], "%s/%s.svg", dir, k ? "morris" : "sobol");
        if (k)
            r = run_tandem((const char *[]){"morris", fsp, "--chart", bars[k], NULL});
        else
            r = run_tandem(
                (const char *[]){"sobol", fsp, "--samples", "50", "--chart", bars[k], NULL});
        assert_int_equal(r.status, 0);
        run_free(&r);
        FILE *g = fopen(bars[k], "r");
        assert_non_null(g);
        char first[64] = "";
        assert_non_null(fgets(first, sizeof first, g));
        fclose(g);
        assert_non_null(strstr(first, "<?xml"));
        unlink(bars[k]);
    }
    r = run_tandem((const char *[]){"sobol", fsp, "--samples", "50", "--chart",
                                    "/nonexistent/dir/s.svg", NULL});
    assert_int_equal(r.status, 2);
    assert_string_equal(r.out, "");
    run_free(&r);
    unlink(fsp);
    rmdir(dir);
}

/* Sobol's sequence in its first three dimensions, worked out by hand from Joe and Kuo's
 * direction numbers (dimension 1: v_k = 2^-k; dimension 2: s = 1, m = 1, so v = 1/2, 3/4,
 * 5/8, ...; dimension 3: s = 2, a = 1, m = 1, 3, so v_3 = v_1 ^ v_1 / 4 ^ v_2 = 3/8) and
 * summed (XOR) over the bits of i's Gray code: the points SciPy's unscrambled
 * qmc.Sobol(d=3) gives, (0, 0, 0), (1/2, 1/2, 1/2), (3/4, 1/4, 1/4), (1/4, 3/4, 3/4),
 * (3/8, 3/8, 5/8), (7/8, 7/8, 1/8), (5/8, 1/8, 7/8), (1/8, 5/8, 3/8). Shifted by a seed,
 * the first 2^m samples still hold one sample in each of every parameter's 2^m intervals
 * (all 32 dimensions, m = 10), and dimensions 1 and 2 form a (0, m, 2)-net: every box of
 * 2^-a by 2^-(m - a) holds one. */
static void
test_sobol_sequence_points_and_nets(void **state)
{
    (void)state;
    static const double want[8][3] = {{0, 0, 0},
                                      {0.5, 0.5, 0.5},
                                      {0.75, 0.25, 0.25},
                                      {0.25, 0.75, 0.75},
                                      {0.375, 0.375, 0.625},
                                      {0.875, 0.875, 0.125},
                                      {0.625, 0.125, 0.875},
                                      {0.125, 0.625, 0.375}};
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 3; j++)
            assert_true(tdm_sobol_point((uint64_t)i, j) * 0x1.0p-32 == want[i][j]);
    enum { M = 10, N = 1 << M };
    static unsigned char seen[N];
    for (int j = 0; j < TDM_SOBOL_MAX_DIMS; j++) {
        memset(seen, 0, sizeof seen);
        for (uint64_t i = 0; i < N; i++) {
            double u = tdm_sobol_seq_uniform(42, i, j);
            assert_true(u > 0 && u < 1);
            seen[(int)(u * N)]++;
        }
        for (int k = 0; k < N; k++)
            assert_int_equal(seen[k], 1);
    }
    for (int a = 0; a <= M; a++) {
        memset(seen, 0, sizeof seen);
        for (uint64_t i = 0; i < N; i++) {
            int bx = (int)(tdm_sobol_seq_uniform(7, i, 0) * (1 << a)),
                by = (int)(tdm_sobol_seq_uniform(7, i, 1) * (1 << (M - a)));
            seen[(bx << (M - a)) | by]++;
        }
        for (int k = 0; k < N; k++)
            assert_int_equal(seen[k], 1);
    }
    /* the shift depends on the seed */
    assert_true(tdm_sobol_seq_uniform(1, 3, 0) != tdm_sobol_seq_uniform(2, 3, 0));
}

/* Three uniform parameters of the linear cell, a and b correlated (Spearman 0.6 on 20,000
 * draws: the estimate's standard error is about (1 - 0.6^2) / sqrt(20000) = 0.005, held to
 * 0.02), c in no correlation: c's numbers are tdm_uniform's to the bit, a's and b's stay
 * uniform (mean 0.5 within 0.01, where the standard error is 0.002; a tenth of them below
 * 0.1 within 0.01). Two normal parameters with rank correlation 0.5 have Pearson's
 * correlation 2 sin(pi 0.5 / 6) = 0.517638 (Kruskal 1958), within 0.015. */
static void
test_a_copula_imposes_rank_correlations_and_keeps_the_marginals(void **state)
{
    (void)state;
    tdm_flowsheet *fs = load(CELL("flow = 10 mol/s\n",
                                  "[uncertainty]\n"
                                  "co2.flow = uniform 5 15 mol/s\n"
                                  "cell.current_density = uniform 100 300 mA/cm2\n"
                                  "cell.single_pass_conversion = normal 0.5 0.05\n"
                                  "correlation(co2.flow, cell.current_density) = 0.6 ; a test\n"));
    tdm_param ps[TDM_STUDY_MAX_PARAMS];
    tdm_correlation c[TDM_STUDY_MAX_CORRELATIONS];
    int np, nc;
    tdm_error err;
    assert_int_equal(tdm_params_read_section(ps, TDM_STUDY_MAX_PARAMS, &np, fs, NULL, &err), 0);
    assert_int_equal(np, 3);
    assert_int_equal(
        tdm_correlations_read_section(c, TDM_STUDY_MAX_CORRELATIONS, &nc, fs, ps, np, &err), 0);
    assert_int_equal(nc, 1);
    assert_string_equal(c[0].source, "a test");
    tdm_copula *cop = malloc(sizeof *cop);
    assert_int_equal(tdm_copula_make(cop, c, nc, ps, np, &err), 0);
    enum { N = 20000 };
    double *a = malloc(sizeof(double) * N * 3), *b = a + N, *cc = b + N;
    double ma = 0, mb = 0, low = 0;
    for (long i = 0; i < N; i++) {
        double u[3];
        for (int j = 0; j < 3; j++)
            u[j] = tdm_uniform(7, (uint64_t)i, (uint64_t)j);
        double c0 = u[2];
        tdm_copula_apply(cop, u);
        assert_true(u[2] == c0);
        a[i] = u[0];
        b[i] = u[1];
        cc[i] = u[2];
        ma += u[0] / N;
        mb += u[1] / N;
        low += (u[0] < 0.1) / (double)N;
    }
    assert_close(tdm_spearman(a, b, N), 0.6, 0.02);
    assert_close(tdm_spearman(a, cc, N), 0.0, 0.02);
    assert_close(ma, 0.5, 0.01);
    assert_close(mb, 0.5, 0.01);
    assert_close(low, 0.1, 0.01);
    /* two normal scores at rank correlation 0.5: Pearson's r of the scores */
    tdm_correlation cn = {.a = 0, .b = 1, .rho = 0.5};
    assert_int_equal(tdm_copula_make(cop, &cn, 1, ps, np, &err), 0);
    double sxy = 0, sxx = 0, syy = 0;
    for (long i = 0; i < N; i++) {
        double u[3];
        for (int j = 0; j < 3; j++)
            u[j] = tdm_uniform(11, (uint64_t)i, (uint64_t)j);
        tdm_copula_apply(cop, u);
        double x = tdm_norm_quantile(u[0]), y = tdm_norm_quantile(u[1]);
        sxy += x * y;
        sxx += x * x;
        syy += y * y;
    }
    assert_close(sxy / sqrt(sxx * syy), 2 * sin(3.14159265358979323846 * 0.5 / 6), 0.015);
    /* correlations that cannot hold together, a pair given twice, rho of 1, a stranger */
    tdm_correlation bad[3] = {
        {.a = 0, .b = 1, .rho = 0.9}, {.a = 1, .b = 2, .rho = 0.9}, {.a = 0, .b = 2, .rho = -0.9}};
    assert_int_not_equal(tdm_copula_make(cop, bad, 3, ps, np, &err), 0);
    assert_non_null(strstr(err.msg, "cannot hold together"));
    bad[1] = (tdm_correlation){.a = 1, .b = 0, .rho = 0.2};
    assert_int_not_equal(tdm_copula_make(cop, bad, 2, ps, np, &err), 0);
    assert_non_null(strstr(err.msg, "is given twice"));
    tdm_correlation one;
    assert_int_not_equal(
        tdm_correlation_parse(&one, "co2.flow, cell.current_density", "1", ps, np, NULL, 0, &err),
        0);
    assert_non_null(strstr(err.msg, "between -1 and 1"));
    assert_int_not_equal(
        tdm_correlation_parse(&one, "co2.flow, cell.cell_voltage", "0.3", ps, np, NULL, 0, &err),
        0);
    assert_non_null(strstr(err.msg, "`cell.cell_voltage` is none"));
    free(a);
    free(cop);
    tdm_flowsheet_free(fs);
}

static void
test_shards_merge_into_the_unsplit_run(void **state)
{
    (void)state;
    shards_merge(TDM_SAMPLING_RANDOM);
    shards_merge(TDM_SAMPLING_LHS);
}

/* A Latin hypercube: of n samples, each parameter has one in each of its n strata of equal
 * probability, for any n (the keyed permutation walks its cycles back into 0..n-1), and the
 * parameters' strata are not paired alike. A uniform input's sample mean then lies within
 * half a stratum of the true mean, 1 / (2n) of its range, where plain random sampling is
 * off by some sd / sqrt(n): for the feed uniform on 5..15 mol/s and n = 200 the product rate's
 * mean is within 10 / 400 mol/s of 10 mol/s, scaled by 0.5 M_CO 86.4 t/day per mol/s. */
static void
test_a_latin_hypercube_puts_one_sample_in_every_stratum(void **state)
{
    (void)state;
    const uint64_t sizes[] = {1, 2, 3, 37, 1000, 4097};
    for (size_t t = 0; t < sizeof sizes / sizeof *sizes; t++) {
        uint64_t n = sizes[t];
        char *seen = calloc(n, 2);
        assert_non_null(seen);
        long same = 0;
        for (uint64_t i = 0; i < n; i++) {
            double u0 = tdm_lhs_uniform(5, i, 0, n), u1 = tdm_lhs_uniform(5, i, 1, n);
            assert_true(u0 >= TDM_UNIFORM_MIN && u0 <= TDM_UNIFORM_MAX);
            uint64_t s0 = (uint64_t)(u0 * (double)n), s1 = (uint64_t)(u1 * (double)n);
            assert_true(s0 < n && s1 < n);
            assert_int_equal(seen[s0]++, 0);
            assert_int_equal(seen[n + s1]++, 0);
            same += s0 == s1;
        }
        if (n >= 37) assert_true(same < (long)n / 4); /* two parameters, two pairings */
        free(seen);
    }
    tdm_flowsheet *fs =
        load(CELL("flow = 10 mol/s\n", "[uncertainty]\nco2.flow = uniform 5 15 mol/s\n"));
    tdm_param ps[4];
    int np;
    tdm_error err;
    assert_int_equal(tdm_params_read_section(ps, 4, &np, fs, NULL, &err), 0);
    const char *outs[] = {"product_rate"};
    tdm_study st;
    assert_int_equal(tdm_study_open(&st, fs, NULL, outs, 1, &err), 0);
    tdm_mc mc;
    long N = 200;
    double k = 0.5 * M_CO * 86.4;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        assert_int_equal(
            tdm_mc_run(
                &st, ps, np,
                &(tdm_mc_plan){.seed = seed, .n = N, .count = N, .sampling = TDM_SAMPLING_LHS}, &mc,
                &err),
            0);
        tdm_mc_summary s;
        assert_int_equal(tdm_mc_summarize(&mc, NAN, &s), 0);
        assert_true(fabs(s.out[0].mean - 10 * k) <= 10.0 / (2 * N) * k * (1 + 1e-9));
        tdm_mc_free(&mc);
    }
    tdm_study_close(&st);
    tdm_flowsheet_free(fs);
}

static void
test_a_tornado_of_a_linear_flowsheet(void **state)
{
    (void)state;
    /* electricity per tonne = V x 2F / (FE M_CO): at V = 2.5 and 3.5 (uniform ends) it is
     * 2.5 and 3.5 x 7.6548 GJ/t per V; the feed flow does not move it at all. */
    tdm_flowsheet *fs = load(CELL("flow = 10 mol/s\n", "[uncertainty]\n"
                                                       "co2.flow = uniform 5 15 mol/s\n"
                                                       "cell.cell_voltage = uniform 2.5 3.5 V\n"));
    tdm_param ps[4];
    int np;
    tdm_error err;
    assert_int_equal(tdm_params_read_section(ps, 4, &np, fs, NULL, &err), 0);
    const char *outs[] = {"electric_energy"};
    tdm_study st;
    assert_int_equal(tdm_study_open(&st, fs, NULL, outs, 1, &err), 0);
    tdm_tornado_row rows[4];
    double base;
    assert_int_equal(tdm_tornado_run(&st, ps, np, 0, rows, &base, &err), 0);
    double per_volt = 2 * F / (0.9 * M_CO) / 1e6;
    assert_close(base, 3 * per_volt, 1e-12);
    assert_string_equal(rows[0].p->name, "cell.cell_voltage");
    assert_close(rows[0].y_lo, 2.5 * per_volt, 1e-12);
    assert_close(rows[0].y_hi, 3.5 * per_volt, 1e-12);
    assert_close(rows[1].y_hi - rows[1].y_lo, 0, 1e-9);
    tdm_study_close(&st);
    tdm_flowsheet_free(fs);
}

static void
test_outputs_read_directly_agree_with_the_summary_list(void **state)
{
    (void)state;
    /* the study reads its common outputs straight from the summary and the cost model;
     * they must be the numbers `tandem compare` lists */
    tdm_flowsheet *fs = load(CELL("flow = 10 mol/s\n", ""));
    char spath[1024];
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    snprintf(spath, sizeof spath, "%s/costs/base2023.ini", root ? root : ".");
    tdm_scenario *sc;
    tdm_error err;
    assert_int_equal(tdm_scenario_load(spath, &sc, &err), 0);
    const char *fast[] = {"product_rate",   "electric_power",    "electric_energy",
                          "total_energy",   "carbon_efficiency", "second_law_efficiency",
                          "levelized_cost", "total_capital",     "npv"};
    /* co2_crossover is not read directly: it forces the labelled list for the others */
    const char *slow[] = {"product_rate",   "electric_power",    "electric_energy",
                          "total_energy",   "carbon_efficiency", "second_law_efficiency",
                          "levelized_cost", "total_capital",     "npv",
                          "co2_crossover"};
    tdm_study a, b;
    assert_int_equal(tdm_study_open(&a, fs, sc, fast, 9, &err), 0);
    double va[9], vb[10];
    assert_int_equal(tdm_study_eval(&a, va, &err), 0);
    tdm_study_close(&a);
    assert_int_equal(tdm_study_open(&b, fs, sc, slow, 10, &err), 0);
    assert_int_equal(tdm_study_eval(&b, vb, &err), 0);
    for (int i = 0; i < 9; i++)
        if (!(va[i] == vb[i] || (isnan(va[i]) && isnan(vb[i])))) {
            print_error("%s: %.17g read directly, %.17g in the list\n", fast[i], va[i], vb[i]);
            fail();
        }
    tdm_study_close(&b);
    tdm_scenario_free(sc);
    tdm_flowsheet_free(fs);
}

static void
test_a_number_set_in_place_gives_what_the_text_gives(void **state)
{
    (void)state;
    /* The electrolyzer changes these keys without re-reading its section; the flowsheet
     * solved after each must be the one whose file says the same value. */
    static const struct {
        const char *key, *shown, *file_line;
        double si;
    } cases[] = {
        {"cell_voltage", "V", "cell_voltage = 2.7 V", 2.7},
        {"current_density", "mA/cm2", "current_density = 350 mA/cm2", 3500},
        {"single_pass_conversion", "", "single_pass_conversion = 0.35", 0.35},
        {"carbonate_crossover", NULL, "carbonate_crossover = 0.4", 0.4},
        {"fe.CO", "", "fe.CO = 0.8", 0.8},
    };
    static const char *const base_line[] = {"cell_voltage = 3 V", "current_density = 200 mA/cm2",
                                            "single_pass_conversion = 0.5",
                                            "carbonate_crossover = 0.25", "fe.CO = 0.9"};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tdm_simulation a, b;
        tdm_flowsheet *fa = solve_text(CELL("flow = 10 mol/s\n", ""), &a);
        tdm_error err;
        /* by name, or (every third case) through a key found once, as a study sets it */
        if (i % 3 == 0) {
            tdm_key_ref ref;
            assert_int_equal(tdm_flowsheet_key_ref(fa, "cell", cases[i].key, &ref, &err), 0);
            assert_int_equal(
                tdm_flowsheet_set_ref(fa, a.model, ref, cases[i].si, cases[i].shown, NULL, &err),
                0);
        } else {
            assert_int_equal(tdm_flowsheet_set_number(fa, a.model, "cell", cases[i].key,
                                                      cases[i].si, cases[i].shown, NULL, &err),
                             0);
        }
        /* the section is read again for a key set as text: the number set in place
         * before must come back from its text (written when read), not the file's */
        if (i % 2)
            assert_int_equal(tdm_flowsheet_set(fa, a.model, "cell", "key_reactant", "CO2", &err),
                             0);
        assert_int_equal(tdm_simulate(&a, &err), 0);
        char text[2000];
        snprintf(text, sizeof text, "%s", CELL("flow = 10 mol/s\n", ""));
        char *at = strstr(text, base_line[i]);
        assert_non_null(at);
        char rest[2000];
        snprintf(rest, sizeof rest, "%s", at + strlen(base_line[i]));
        snprintf(at, sizeof text - (size_t)(at - text), "%s%s", cases[i].file_line, rest);
        tdm_flowsheet *fb = solve_text(text, &b);
        const tdm_summary *x = &a.results->summary, *y = &b.results->summary;
        assert_close(x->electric_j_per_kg, y->electric_j_per_kg, 1e-12);
        assert_close(x->product_kg_s, y->product_kg_s, 1e-12);
        assert_close(x->co2_crossover_mol_s, y->co2_crossover_mol_s, 1e-12);
        assert_close(unit_value(a.results, "cell", "area"), unit_value(b.results, "cell", "area"),
                     1e-12);
        assert_close(unit_value(a.results, "cell", "reversible_voltage"),
                     unit_value(b.results, "cell", "reversible_voltage"), 1e-12);
        tdm_simulation_free(&a);
        tdm_simulation_free(&b);
        tdm_flowsheet_free(fa);
        tdm_flowsheet_free(fb);
    }
    /* refused as parse refuses, and the unit stays as it was: 1 V is below the reversible
     * voltage of CO and H2 (1.33 V at 25 C); FE(CO) 1.2 is no fraction */
    tdm_simulation a;
    tdm_flowsheet *fa = solve_text(CELL("flow = 10 mol/s\n", ""), &a);
    double before = a.results->summary.electric_j_per_kg;
    tdm_error err;
    assert_int_equal(
        tdm_flowsheet_set_number(fa, a.model, "cell", "cell_voltage", 1.0, "V", NULL, &err), -1);
    assert_non_null(strstr(err.msg, "below the reversible voltage"));
    assert_int_equal(tdm_flowsheet_set_number(fa, a.model, "cell", "fe.CO", 1.2, "", NULL, &err),
                     -1);
    assert_int_equal(tdm_simulate(&a, &err), 0);
    assert_close(a.results->summary.electric_j_per_kg, before, 1e-15);
    /* a number set in place, then refused: the key's text (written when read) is the
     * accepted number, 2.5 V, to the last digit */
    assert_int_equal(
        tdm_flowsheet_set_number(fa, a.model, "cell", "cell_voltage", 2.5, "V", NULL, &err), 0);
    assert_int_equal(
        tdm_flowsheet_set_number(fa, a.model, "cell", "cell_voltage", 1.0, "V", NULL, &err), -1);
    const tdm_kv *kv = tdm_unit_kv(tdm_flowsheet_unit(fa, 1), "cell_voltage");
    assert_non_null(kv);
    assert_string_equal(kv->value, "2.5 V");
    /* a key found once is refused as a change by name is: a port, a key the section does
     * not give, a unit that is not there */
    tdm_key_ref ref;
    assert_int_equal(tdm_flowsheet_key_ref(fa, "cell", "in", &ref, &err), -1);
    assert_non_null(strstr(err.msg, "changes the flowsheet's structure"));
    assert_int_equal(tdm_flowsheet_key_ref(fa, "cell", "temperature", &ref, &err), -1);
    assert_non_null(strstr(err.msg, "no key `temperature` to change"));
    assert_int_equal(tdm_flowsheet_key_ref(fa, "nocell", "cell_voltage", &ref, &err), -1);
    assert_non_null(strstr(err.msg, "no unit named [nocell]"));
    tdm_simulation_free(&a);
    tdm_flowsheet_free(fa);
}

/* Writes text to a new temporary file; returns its path (static). */
static const char *
temp_csv(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/tandem-params-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static void
test_a_parameter_table_reads_like_the_uncertainty_section(void **state)
{
    (void)state;
    tdm_flowsheet *fs = load(CELL("flow = 10 mol/s\n", ""));
    tdm_param ps[4];
    int np;
    tdm_error err;
    /* the columns in another order, bounds in their own columns, a unit per row: as the
     * [uncertainty] lines `cell.cell_voltage = normal 3 0.1 V, 2.8 .. 3.3` and
     * `co2.flow = uniform 9 11 mol/s` */
    const char *path = temp_csv("source,parameter,distribution,a,b,c,unit,low,high\n"
                                "ref. 1,cell.cell_voltage,normal,3,0.1,,V,2.8,3.3\n"
                                "ref. 2,co2.flow,uniform,9,11,,mol/s,,\n");
    assert_int_equal(tdm_params_read_csv(path, ps, 4, &np, fs, NULL, &err), 0);
    unlink(path);
    assert_int_equal(np, 2);
    assert_int_equal(ps[0].dist, TDM_DIST_NORMAL);
    assert_close(ps[0].a, 3, 1e-15);
    assert_close(ps[0].b, 0.1, 1e-15);
    assert_close(ps[0].lo, 2.8, 1e-15);
    assert_close(ps[0].hi, 3.3, 1e-15);
    assert_string_equal(ps[0].source, "ref. 1");
    assert_int_equal(ps[1].dist, TDM_DIST_UNIFORM);
    assert_close(ps[1].a, 9, 1e-15);
    assert_close(ps[1].b, 11, 1e-15);
    /* refused, each with its line */
    static const struct {
        const char *csv, *expect;
    } bad[] = {
        {"parameter,distribution,a,b,unit,source\n"
         "cell.cell_voltage,uniform,3,3.5,V,x\ncell.cell_voltage,uniform,3,3.2,V,y\n",
         ":3: `cell.cell_voltage` is given twice (line 2 too); a parameter takes one "
         "distribution"},
        {"parameter,distribution,a,b,unit,source\ncell.cell_voltage,uniform,3,3.5,V,\n",
         ":2: `cell.cell_voltage` has no source"},
        {"parameter,a,b,source\ncell.cell_voltage,3,3.5,x\n",
         ":1: an uncertainty table needs the columns parameter, distribution, a"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        path = temp_csv(bad[i].csv);
        int rc = tdm_params_read_csv(path, ps, 4, &np, fs, NULL, &err);
        unlink(path);
        if (rc == 0 || !strstr(err.msg, bad[i].expect)) {
            print_error("case %zu: `%s`, expected `%s`\n", i, rc ? err.msg : "(read)",
                        bad[i].expect);
            fail();
        }
    }
    tdm_flowsheet_free(fs);
}

static void
test_a_draw_the_flowsheet_refuses_names_the_parameter(void **state)
{
    (void)state;
    /* normal(0.9, 1) on a Faradaic efficiency draws outside 0..1 in 64 % of samples: the
     * run stops at the first such draw with the parameter's line and the unit's reason */
    tdm_flowsheet *fs = load(CELL("flow = 10 mol/s\n", "[uncertainty]\n"
                                                       "cell.fe.CO = normal 0.9 1\n"));
    tdm_param ps[1];
    int np;
    tdm_error err;
    assert_int_equal(tdm_params_read_section(ps, 1, &np, fs, NULL, &err), 0);
    const char *outs[] = {"product_rate"};
    tdm_study st;
    assert_int_equal(tdm_study_open(&st, fs, NULL, outs, 1, &err), 0);
    tdm_mc mc;
    assert_int_not_equal(
        tdm_mc_run(&st, ps, np, &(tdm_mc_plan){.seed = 1, .n = 100, .count = 100}, &mc, &err), 0);
    assert_int_equal(err.cls, TDM_EINPUT);
    assert_non_null(strstr(err.msg, "test.ini:30: `cell.fe.CO`: sample "));
    assert_non_null(strstr(err.msg, "which the flowsheet refuses; bound the distribution with "
                                    "`, LO .. HI` (test.ini:"));
    tdm_mc_free(&mc);
    tdm_study_close(&st);
    tdm_flowsheet_free(fs);
}

static void
test_bad_uncertainty_lines_name_their_place(void **state)
{
    (void)state;
    static const struct {
        const char *line, *expect;
    } cases[] = {
        {"co2.flow = gaussian 5 1 mol/s\n",
         "test.ini:30: `co2.flow = gaussian 5 1 mol/s`: a distribution is"},
        {"co2.flow = uniform 15 5 mol/s\n", "the lower end must be below the upper"},
        {"co2.flow = uniform 5 15 V\n", "`5 V` is not a mol/s value"},
        {"co2.flow = normal 10 -1 mol/s\n", "standard deviation must be above zero"},
        {"co2.flow = normal 10 1 mol/s, 20 .. 30\n", "the bounds leave nothing to draw"},
        {"nounit.flow = uniform 1 2\n", "`nounit.flow`: no unit of the flowsheet"},
        {"co2.temperature = uniform 1 2 K\n", "[co2] does not set `temperature`"},
        /* sigma 1000: the draw at 1 - 2^-53, 8.3 sigma up, would be e^8300 */
        {"co2.flow = lognormal 10 1000 mol/s\n", "its tails reach beyond the range of numbers"},
        {"co2.flow = normal 10 1 mol/s, 5 .. 15 kg\n",
         "bounds are written `, LO .. HI` after the distribution"},
        {"co2.flow = normal 10 1 mol/s, 5 .. 15e999\n", "the bounds: `15e999 mol/s` is too large"},
        {"co2.flow = normal 10 1 mol/s, 15 .. 5\n", "the lower bound must be below the upper"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[2000];
        snprintf(text, sizeof text, "%s[uncertainty]\n%s", CELL("flow = 10 mol/s\n", ""),
                 cases[i].line);
        tdm_flowsheet *fs = load(text);
        tdm_param ps[4];
        int np;
        tdm_error err;
        int rc = tdm_params_read_section(ps, 4, &np, fs, NULL, &err);
        if (rc == 0 || !strstr(err.msg, cases[i].expect)) {
            print_error("case %zu: `%s`, expected `%s`\n", i, rc ? err.msg : "(no error)",
                        cases[i].expect);
            fail();
        }
        tdm_flowsheet_free(fs);
    }
}

/* The sharded workflow at the sizes the docs show: forty shards merge (merge took at most 32
 * files), and a shard of 60,000 samples, some 4.9 MB, merges (a shard was read whole, at most
 * 4 MiB): each byte for byte the unsplit run's report. */
/* CELL without `fixed_performance = yes`, with more keys for the cell in `cell` */
static void
bare_cell(char *out, size_t n, const char *cell, const char *tail)
{
    char text[3000];
    snprintf(text, sizeof text, "%s", CELL("flow = 10 mol/s\n", ""));
    char *fp = strstr(text, "fixed_performance = yes\n");
    assert_non_null(fp);
    memmove(fp, fp + strlen("fixed_performance = yes\n"),
            strlen(fp + strlen("fixed_performance = yes\n")) + 1);
    char *gas = strstr(text, "[gas]");
    assert_non_null(gas);
    snprintf(out, n, "%.*s%s%s%s", (int)(gas - text), text, cell, gas, tail);
}

static void
test_a_cell_whose_performance_is_fixed_cannot_vary_alone(void **state)
{
    (void)state;
    /* A study that moves the current density or the conversion of a cell whose voltage and
     * FE are numbers in the file would find what no cell does: the study is refused, at the
     * line that asks for it, with the keys that make them follow. The model keys below: the
     * cathode by Tafel, the anode, the resistance; the limiting current makes the FE follow
     * both. */
    static const char *const model = "cathode_tafel_slope = 120 mV/dec\n"
                                     "cathode_overpotential = 0.4 V\n"
                                     "anode_overpotential = 0.3 V\narea_resistance = 1 ohm cm2\n";
    static const struct {
        const char *cell, *param, *expect; /* expect NULL: accepted */
    } cases[] = {
        {"", "cell.current_density = uniform 100 300 mA/cm2",
         "test.ini:29: `cell.current_density` cannot vary alone: the cell's voltage and "
         "Faradaic efficiencies are fixed numbers; give the cathode's kinetics "
         "(`cathode_tafel_slope` and `cathode_overpotential`, or "
         "`cathode_exchange_current_density`), `anode_overpotential`, `area_resistance` and "
         "`limiting_current_density`, or a `polarization` curve, so that they follow, or write "
         "`fixed_performance = yes` to vary it alone"},
        {"", "cell.single_pass_conversion = uniform 0.3 0.6",
         "test.ini:29: `cell.single_pass_conversion` cannot vary alone: the cell's Faradaic "
         "efficiencies are fixed numbers; give `limiting_current_density`"},
        /* the voltage model alone: the FE still stays */
        {"MODEL", "cell.current_density = uniform 100 300 mA/cm2",
         "`cell.current_density` cannot vary alone: the cell's Faradaic efficiencies are fixed "
         "numbers; give `limiting_current_density`"},
        {"MODEL", "cell.single_pass_conversion = uniform 0.3 0.6",
         "`cell.single_pass_conversion` cannot vary alone"},
        /* the limiting current alone: the voltage still stays when j moves, not when X does */
        {"limiting_current_density = 2000 mA/cm2\n",
         "cell.current_density = uniform 100 300 mA/cm2",
         "`cell.current_density` cannot vary alone: the cell's voltage is a fixed number; give "
         "the cathode's kinetics"},
        {"limiting_current_density = 2000 mA/cm2\n",
         "cell.single_pass_conversion = uniform 0.3 0.6", NULL},
        {"MODEL+LIM", "cell.current_density = uniform 100 300 mA/cm2", NULL},
        {"MODEL+LIM", "cell.single_pass_conversion = uniform 0.3 0.6", NULL},
        /* any other key of the cell may vary */
        {"", "cell.cell_voltage = uniform 2.5 3.5 V", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char cell[600], text[3500], tail[200];
        const char *c = cases[i].cell;
        if (!strcmp(c, "MODEL"))
            snprintf(cell, sizeof cell, "%s", model);
        else if (!strcmp(c, "MODEL+LIM"))
            snprintf(cell, sizeof cell, "%slimiting_current_density = 2000 mA/cm2\n", model);
        else
            snprintf(cell, sizeof cell, "%s", c);
        if (strstr(cell, "cathode_tafel_slope")) {
            /* the voltage model replaces the fixed voltage */
            snprintf(tail, sizeof tail, "[uncertainty]\n%s\n", cases[i].param);
            char with[3500];
            bare_cell(with, sizeof with, cell, tail);
            char *v = strstr(with, "cell_voltage = 3 V\n");
            assert_non_null(v);
            memmove(v, v + strlen("cell_voltage = 3 V\n"),
                    strlen(v + strlen("cell_voltage = 3 V\n")) + 1);
            snprintf(text, sizeof text, "%s", with);
        } else {
            snprintf(tail, sizeof tail, "[uncertainty]\n%s\n", cases[i].param);
            bare_cell(text, sizeof text, cell, tail);
        }
        tdm_flowsheet *fs = load(text);
        tdm_param ps[4];
        int np;
        tdm_error err;
        int rc = tdm_params_read_section(ps, 4, &np, fs, NULL, &err);
        bool ok = cases[i].expect
                      ? rc != 0 && err.cls == TDM_EINPUT && strstr(err.msg, cases[i].expect) != NULL
                      : rc == 0;
        if (!ok) {
            print_error("case %zu: rc %d, `%s`, expected %s\n", i, rc, rc ? err.msg : "",
                        cases[i].expect ? cases[i].expect : "acceptance");
            fail();
        }
        tdm_flowsheet_free(fs);
    }
    /* from the command line: a sweep and the optimizer refuse alike; `fixed_performance =
     * yes`, set on the command line, accepts */
    char dir[] = "/tmp/tandem-fixed-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fsp[600], text[3500];
    snprintf(fsp, sizeof fsp, "%s/cell.ini", dir);
    bare_cell(text, sizeof text, "", "");
    FILE *f = fopen(fsp, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    const char *sw[] = {"sweep", fsp, "--vary", "cell.current_density=100..300:3", NULL};
    run_result r = run_tandem(sw);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "`cell.current_density` cannot vary alone"));
    assert_string_equal(r.out, "");
    run_free(&r);
    const char *op[] = {"optimize", fsp, "--opt", "vary.cell.single_pass_conversion = 0.1 .. 0.6",
                        NULL};
    r = run_tandem(op);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "`vary.cell.single_pass_conversion` cannot vary alone"));
    run_free(&r);
    const char *yes[] = {"sweep",  fsp,
                         "--set",  "cell.fixed_performance=yes",
                         "--vary", "cell.current_density=100..300:3",
                         NULL};
    r = run_tandem(yes);
    assert_int_equal(r.status, 0);
    run_free(&r);
    unlink(fsp);
    rmdir(dir);
}

static void
test_a_sweep_of_a_cell_shows_its_voltage_and_fe(void **state)
{
    (void)state;
    /* The cell of CELL with the voltage model instead of 3 V: the cathode 0.4 V at 10 mA/cm2
     * and 120 mV/dec, the anode 0.3 V flat, 1 ohm cm2. Swept over the current density with
     * the default outputs, the sweep adds the cell's voltage and its FE(CO) (the main
     * product). At a fixed conversion and FE the outlet's composition, and so E_rev with its
     * Nernst term, does not move: from 100 to 400 mA/cm2 the voltage rises by 0.120
     * log10(4) + 1e-4 ohm m2 x 3000 A/m2 = 0.0722472 + 0.3 = 0.3722472 V, and the FE column
     * reads 90 % throughout. With a limiting current of 2000 mA/cm2 as well, FE(CO) at
     * 400 mA/cm2 is 0.9 s: a = 4000 x 0.9 / 20000 = 0.18, crossover 0.25 mol per mol e-
     * against 0.9 / 2 = 0.45 mol CO2 in the products, r = 0.5556, and s = (1 + a) /
     * (1 + a / c_mean(Xc)), Xc = 0.5 (1 + r / s), c_mean = Xc / -ln(1 - Xc), by fixed point:
     * s = 0.8549408 (Xc = 0.8249), FE 76.94467 %. */
    static const char *const model = "cathode_tafel_slope = 120 mV/dec\n"
                                     "cathode_overpotential = 0.4 V\n"
                                     "anode_overpotential = 0.3 V\narea_resistance = 1 ohm cm2\n";
    char dir[] = "/tmp/tandem-follow-XXXXXX";
    assert_non_null(mkdtemp(dir));
    for (int lim = 0; lim < 2; lim++) {
        char cell[400], text[3500], fsp[600];
        snprintf(cell, sizeof cell, "%s%s", model,
                 lim ? "limiting_current_density = 2000 mA/cm2\n" : "fixed_performance = yes\n");
        bare_cell(text, sizeof text, cell, "");
        char *v = strstr(text, "cell_voltage = 3 V\n");
        assert_non_null(v);
        memmove(v, v + strlen("cell_voltage = 3 V\n"),
                strlen(v + strlen("cell_voltage = 3 V\n")) + 1);
        snprintf(fsp, sizeof fsp, "%s/cell%d.ini", dir, lim);
        FILE *f = fopen(fsp, "w");
        assert_non_null(f);
        fputs(text, f);
        fclose(f);
        const char *sw[] = {"sweep",    fsp,   "--vary", "cell.current_density=100..400:2",
                            "--format", "csv", NULL};
        run_result r = run_tandem(sw);
        if (r.status) print_error("%s\n", r.err);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, ",cell.cell_voltage [V],cell.fe.CO [%]\n"));
        double V[2], fe[2];
        const char *line = strchr(r.out, '\n');
        for (int i = 0; i < 2; i++) {
            const char *c = line + 1;
            for (int k = 0; k < 4; k++) /* j, energy, cost, carbon efficiency */
                c = strchr(c, ',') + 1;
            assert_int_equal(sscanf(c, "%lf,%lf", &V[i], &fe[i]), 2);
            line = strchr(line + 1, '\n');
        }
        if (!lim) {
            assert_close(V[1] - V[0], 0.3722472, 1e-6);
            assert_close(fe[0], 90, 1e-9);
            assert_close(fe[1], 90, 1e-9);
        } else {
            assert_close(fe[1], 76.94467, 1e-6);
            assert_true(fe[0] > fe[1]);
        }
        run_free(&r);
        unlink(fsp);
    }
    rmdir(dir);
}

/* CELL with the voltage model and a limiting current instead of its fixed voltage, with
 * `line` (if given) in place of the line that starts as `was` does */
static void
model_cell(char *out, size_t n, const char *was, const char *line)
{
    static const char *const model =
        "cathode_tafel_slope = 120 mV/dec\ncathode_overpotential = 0.4 V\n"
        "anode_overpotential = 0.3 V\nanode_tafel_slope = 40 mV/dec\n"
        "area_resistance = 1 ohm cm2\nlimiting_current_density = 2000 mA/cm2\n";
    char text[3500];
    bare_cell(text, sizeof text, model, "");
    char *v = strstr(text, "cell_voltage = 3 V\n");
    assert_non_null(v);
    memmove(v, v + strlen("cell_voltage = 3 V\n"), strlen(v + strlen("cell_voltage = 3 V\n")) + 1);
    if (was) {
        char *at = strstr(text, was);
        assert_non_null(at);
        char *end = strchr(at, '\n');
        char rest[3500];
        snprintf(rest, sizeof rest, "%s", end);
        snprintf(at, sizeof text - (size_t)(at - text), "%s%s", line, rest);
    }
    snprintf(out, n, "%s", text);
}

static void
test_a_model_key_set_in_place_gives_what_the_text_gives(void **state)
{
    (void)state;
    /* The voltage model's keys, the limiting current and the FE at zero conversion are set
     * without reading the section again (a Monte Carlo sample varies them); each solved
     * plant must be the one whose file says the same value, and so must a plant solved at
     * another value first (what the solution refines starts afresh at every change). */
    static const struct {
        const char *key, *shown, *file_line;
        double si;
    } cases[] = {
        {"cathode_tafel_slope", "V", "cathode_tafel_slope = 150 mV/dec", 0.150},
        {"cathode_overpotential", "V", "cathode_overpotential = 0.5 V", 0.5},
        {"anode_overpotential", "V", "anode_overpotential = 0.35 V", 0.35},
        {"anode_tafel_slope", "V", "anode_tafel_slope = 60 mV/dec", 0.060},
        {"area_resistance", NULL, "area_resistance = 2 ohm cm2", 2e-4},
        {"limiting_current_density", "mA/cm2", "limiting_current_density = 1500 mA/cm2", 15000},
        {"fe.CO", "", "fe.CO = 0.8", 0.8},
        {"current_density", "mA/cm2", "current_density = 350 mA/cm2", 3500},
        {"single_pass_conversion", "", "single_pass_conversion = 0.35", 0.35},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tdm_simulation a, b;
        char text[3500];
        model_cell(text, sizeof text, NULL, NULL);
        tdm_flowsheet *fa = solve_text(text, &a);
        tdm_error err;
        /* another value first, solved, then the case's */
        assert_int_equal(tdm_flowsheet_set_number(fa, a.model, "cell", cases[i].key,
                                                  cases[i].si * 0.9, cases[i].shown, NULL, &err),
                         0);
        assert_int_equal(tdm_simulate(&a, &err), 0);
        assert_int_equal(tdm_flowsheet_set_number(fa, a.model, "cell", cases[i].key, cases[i].si,
                                                  cases[i].shown, NULL, &err),
                         0);
        assert_int_equal(tdm_simulate(&a, &err), 0);
        char key[80];
        snprintf(key, sizeof key, "%s =", cases[i].key);
        model_cell(text, sizeof text, key, cases[i].file_line);
        tdm_flowsheet *fb = solve_text(text, &b);
        static const char *const rows[] = {"cell_voltage", "fe.CO", "reduction_share", "area"};
        for (int k = 0; k < 4; k++)
            assert_close(unit_value(a.results, "cell", rows[k]),
                         unit_value(b.results, "cell", rows[k]), 1e-12);
        assert_close(a.results->summary.electric_j_per_kg, b.results->summary.electric_j_per_kg,
                     1e-12);
        tdm_simulation_free(&a);
        tdm_simulation_free(&b);
        tdm_flowsheet_free(fa);
        tdm_flowsheet_free(fb);
    }
}

static void
test_merge_takes_any_number_of_shards_of_any_size(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-merge-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fsp[600], big[600];
    snprintf(fsp, sizeof fsp, "%s/cell.ini", dir);
    FILE *f = fopen(fsp, "w");
    fputs(CELL("flow = 10 mol/s\n", "[uncertainty]\nco2.flow = uniform 5 15 mol/s ; test\n"
                                    "cell.cell_voltage = lognormal 3 0.05 V ; test\n"),
          f);
    fclose(f);
    snprintf(big, sizeof big, "%s/big.csv", dir);
    const char *one[] = {"mc",
                         fsp,
                         "--samples",
                         "60000",
                         "--seed",
                         "3",
                         "--output",
                         "electric_energy,product_rate",
                         "--samples-csv",
                         big,
                         NULL};
    run_result a = run_tandem(one);
    assert_int_equal(a.status, 0);
    struct stat st;
    assert_int_equal(stat(big, &st), 0);
    assert_true(st.st_size > 4 << 20);
    run_result m = run_tandem((const char *[]){"merge", big, NULL});
    if (m.status) print_error("%s\n", m.err);
    assert_int_equal(m.status, 0);
    assert_string_equal(m.out, a.out);
    run_free(&a);
    run_free(&m);
    unlink(big);
    /* forty shards */
    enum { K = 40 };
    char shard[K][600], name[K][16];
    const char *merge[K + 2] = {"merge"};
    for (int k = 0; k < K; k++) {
        snprintf(shard[k], sizeof shard[k], "%s/p%d.csv", dir, k + 1);
        snprintf(name[k], sizeof name[k], "%d/%d", k + 1, K);
        const char *part[] = {"mc",      fsp,     "--samples",     "400",
                              "--seed",  "3",     "--output",      "electric_energy,product_rate",
                              "--shard", name[k], "--samples-csv", shard[k],
                              NULL};
        run_result r = run_tandem(part);
        assert_int_equal(r.status, 0);
        run_free(&r);
        merge[k + 1] = shard[k];
    }
    merge[K + 1] = NULL;
    const char *whole[] = {"mc",     fsp, "--samples", "400",
                           "--seed", "3", "--output",  "electric_energy,product_rate",
                           NULL};
    a = run_tandem(whole);
    m = run_tandem(merge);
    if (m.status) print_error("%s\n", m.err);
    assert_int_equal(m.status, 0);
    assert_string_equal(m.out, a.out);
    run_free(&a);
    run_free(&m);
    for (int k = 0; k < K; k++)
        unlink(shard[k]);
    unlink(fsp);
    assert_int_equal(rmdir(dir), 0);
}

/* mc --correlate: the report says what was imposed, shards of the correlated run merge into
 * it byte for byte, a `correlation(A, B)` line of the section gives the same run as the
 * option, and what is not a correlation is refused with its reason. */
static void
test_correlations_from_the_command_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-corr-XXXXXX", fsp[600], fsc[600], s1[600], s2[600];
#define UNC                                                                                        \
    "[uncertainty]\nco2.flow = uniform 5 15 mol/s ; test\n"                                        \
    "cell.cell_voltage = lognormal 3 0.05 V ; test\n"
    scratch_flowsheet(dir, fsp, sizeof fsp, CELL("flow = 10 mol/s\n", UNC));
    snprintf(fsc, sizeof fsc, "%s/corr.ini", dir);
    snprintf(s1, sizeof s1, "%s/s1.csv", dir);
    snprintf(s2, sizeof s2, "%s/s2.csv", dir);
    FILE *f = fopen(fsc, "w");
    fputs(CELL("flow = 10 mol/s\n", UNC "correlation(co2.flow, cell.cell_voltage) = 0.7 ; test\n"),
          f);
    fclose(f);
#undef UNC
    const char *whole[] = {
        "mc", fsp, "--samples", "300", "--correlate", "co2.flow, cell.cell_voltage=0.7", NULL};
    run_result a = run_tandem(whole);
    assert_int_equal(a.status, 0);
    assert_non_null(strstr(a.out, "rank correlations imposed (A~B=rho): "
                                  "co2.flow~cell.cell_voltage=0.7\n"));
    const char *sect[] = {"mc", fsc, "--samples", "300", NULL};
    run_result b = run_tandem(sect);
    assert_int_equal(b.status, 0);
    /* the same run but for the file's name in the report's first line */
    assert_string_equal(strchr(a.out, '\n'), strchr(b.out, '\n'));
    run_free(&b);
    for (int k = 0; k < 2; k++) {
        const char *sh[] = {"mc",
                            fsp,
                            "--samples",
                            "300",
                            "--correlate",
                            "co2.flow,cell.cell_voltage=0.7",
                            "--shard",
                            k ? "2/2" : "1/2",
                            "--samples-csv",
                            k ? s2 : s1,
                            NULL};
        run_result r = run_tandem(sh);
        assert_int_equal(r.status, 0);
        run_free(&r);
    }
    const char *mg[] = {"merge", s1, s2, NULL};
    run_result m = run_tandem(mg);
    assert_int_equal(m.status, 0);
    assert_string_equal(m.out, a.out);
    run_free(&m);
    run_free(&a);
    static const struct {
        const char *arg, *says;
    } bad[] = {{"co2.flow=0.5", "a correlation names two parameters"},
               {"co2.flow,cell.cell_voltage=1.5", "between -1 and 1"},
               {"co2.flow,co2.flow=0.5", "not correlated with itself"},
               {"co2.flow,cell.current_density=0.5", "`cell.current_density` is none"},
               {"co2.flow cell.cell_voltage", "--correlate takes A,B=RHO"}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *args[] = {"mc", fsp, "--samples", "10", "--correlate", bad[i].arg, NULL};
        run_result r = run_tandem(args);
        assert_int_equal(r.status, 2);
        assert_string_equal(r.out, "");
        if (!strstr(r.err, bad[i].says)) print_error("%s: %s\n", bad[i].arg, r.err);
        assert_non_null(strstr(r.err, bad[i].says));
        run_free(&r);
    }
    unlink(s1);
    unlink(s2);
    unlink(fsp);
    unlink(fsc);
    assert_int_equal(rmdir(dir), 0);
}

/* The command line: the same seed gives the same bytes; shards merge into them. */
static void
test_mc_from_the_command_line_is_deterministic_and_shardable(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-mc-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fsp[600], s1[600], s2[600], s3[600];
    snprintf(fsp, sizeof fsp, "%s/cell.ini", dir);
    FILE *f = fopen(fsp, "w");
    fputs(CELL("flow = 10 mol/s\n", "[uncertainty]\nco2.flow = uniform 5 15 mol/s ; test\n"
                                    "cell.cell_voltage = lognormal 3 0.05 V ; test\n"),
          f);
    fclose(f);
    const char *args[] = {"mc",       fsp,  "--samples", "500",
                          "--seed",   "11", "--output",  "electric_energy,product_rate",
                          "--target", "23", NULL};
    run_result a = run_tandem(args), b = run_tandem(args);
    assert_int_equal(a.status, 0);
    assert_string_equal(a.out, b.out);
    assert_non_null(strstr(a.out, "MONTE CARLO of"));
    assert_non_null(strstr(a.out, "probability that electric_energy is at most 23"));
    run_free(&b);
    /* two shards and a merge: the report, byte for byte */
    snprintf(s1, sizeof s1, "%s/s1.csv", dir);
    snprintf(s2, sizeof s2, "%s/s2.csv", dir);
    const char *sh1[] = {"mc",      fsp,   "--samples",     "500",
                         "--seed",  "11",  "--output",      "electric_energy,product_rate",
                         "--shard", "1/2", "--samples-csv", s1,
                         NULL};
    const char *sh2[] = {"mc",      fsp,   "--samples",     "500",
                         "--seed",  "11",  "--output",      "electric_energy,product_rate",
                         "--shard", "2/2", "--samples-csv", s2,
                         NULL};
    run_result r1 = run_tandem(sh1), r2 = run_tandem(sh2);
    assert_int_equal(r1.status, 0);
    assert_int_equal(r2.status, 0);
    const char *mg[] = {"merge", s2, s1, "--target", "23", NULL};
    run_result m = run_tandem(mg);
    assert_int_equal(m.status, 0);
    assert_string_equal(m.out, a.out);
    /* small shards too: a file under 4 kB once read past its end (the reader took the
     * file's bytes for a string without their NUL; AddressSanitizer fills fresh memory
     * with 0xbe, which made a 13th line of garbage) */
    run_free(&m);
    const char *s6[] = {
        "mc",      fsp,   "--samples",     "6", "--seed", "11", "--output", "product_rate",
        "--shard", "1/2", "--samples-csv", s1,  NULL};
    run_result q = run_tandem(s6);
    assert_int_equal(q.status, 0);
    run_free(&q);
    s6[9] = "2/2";
    s6[11] = s2;
    q = run_tandem(s6);
    assert_int_equal(q.status, 0);
    run_free(&q);
    const char *whole[] = {"mc", fsp,        "--samples",    "6", "--seed",
                           "11", "--output", "product_rate", NULL};
    q = run_tandem(whole);
    assert_int_equal(q.status, 0);
    const char *mg6[] = {"merge", s1, s2, NULL};
    m = run_tandem(mg6);
    assert_int_equal(m.status, 0);
    assert_string_equal(m.out, q.out);
    run_free(&q);
    /* shard headers out of range: a first sample at the largest long once overflowed
     * first + count, and 2^63 - 1 samples asked calloc for more than size_t holds */
    static const char *const heads[] = {
        "samples=5; first=9223372036854775807; count=1",
        "samples=9223372036854775807; first=0; count=9223372036854775807",
        "samples=100000001; first=0; count=1"};
    for (int h = 0; h < 3; h++) {
        f = fopen(s1, "w");
        fprintf(f, "# tandem mc: flowsheet=x.ini; seed=1; %s\nsample,a [SI],b [t]\n0,1,2\n",
                heads[h]);
        fclose(f);
        const char *mh[] = {"merge", s1, NULL};
        q = run_tandem(mh);
        assert_int_equal(q.status, 2);
        assert_non_null(strstr(q.err, ":1: samples="));
        assert_non_null(strstr(q.err, "a run has 1 to 100000000 samples and a shard's lie "
                                      "within them"));
        run_free(&q);
    }
    /* a seed below zero or beyond 64 bits, and an empty target, once read as 2^64 - 1 and
     * as 0 */
    static const char *const badargs[][2] = {
        {"--seed", "-1"}, {"--seed", "99999999999999999999999"}, {"--target", ""}};
    static const char *const badsays[] = {"--seed takes a whole number from 0 to",
                                          "--seed takes a whole number from 0 to",
                                          "--target takes a number"};
    for (int bi = 0; bi < 3; bi++) {
        const char *ba[] = {"mc", fsp, "--samples", "3", badargs[bi][0], badargs[bi][1], NULL};
        q = run_tandem(ba);
        assert_int_equal(q.status, 2);
        assert_non_null(strstr(q.err, badsays[bi]));
        run_free(&q);
    }
    /* without --samples-csv a shard is refused */
    const char *bad[] = {"mc", fsp, "--shard", "1/2", NULL};
    run_result r3 = run_tandem(bad);
    assert_int_equal(r3.status, 2);
    assert_non_null(strstr(r3.err, "give --samples-csv"));
    run_free(&r3);
    /* a shard is k/n and nothing more: `1/2/3` and `1/10x` were read as 1/2 and 1/10 */
    const char *odd[] = {"1/2/3", "1/10x", "1/2 ", NULL};
    for (int k = 0; odd[k]; k++) {
        const char *sh[] = {"mc", fsp, "--shard", odd[k], "--samples-csv", s1, NULL};
        r3 = run_tandem(sh);
        assert_int_equal(r3.status, 2);
        assert_non_null(strstr(r3.err, "--shard takes k/n"));
        run_free(&r3);
    }
    /* tornado and energy are written once through the report emitter (src/report/emit.h):
     * their JSON, refused before they had a writer of it, holds what their CSV holds */
    const char *tj[] = {"tornado", fsp, "--format", "json", NULL};
    const char *tc[] = {"tornado", fsp, "--format", "csv", NULL};
    r3 = run_tandem(tj);
    run_result c3 = run_tandem(tc);
    assert_int_equal(r3.status, 0);
    assert_int_equal(c3.status, 0);
    assert_non_null(strstr(r3.out, "\"parameters\": [\n    {\"parameter\": \"(base)\""));
    /* each parameter's CSV row names it first; its JSON record holds its swing, the same */
    for (char *line = strtok(c3.out, "\n"); line; line = strtok(NULL, "\n")) {
        if (!strncmp(line, "parameter,", 10) || !strncmp(line, "(base)", 6)) continue;
        const char *swing = strrchr(line, ',') + 1;
        char name[200], want[300];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(line, ","), line);
        snprintf(want, sizeof want, "{\"parameter\": \"%s\", ", name);
        const char *rec = strstr(r3.out, want);
        assert_non_null(rec);
        const char *js = strstr(rec, "\"swing\": {\"value\": ");
        assert_non_null(js);
        assert_close(atof(js + strlen("\"swing\": {\"value\": ")), atof(swing), 1e-9);
    }
    run_free(&c3);
    const char *ej[] = {"energy", fsp, "--format", "json", NULL};
    run_free(&r3);
    r3 = run_tandem(ej);
    assert_int_equal(r3.status, 0);
    assert_non_null(strstr(r3.out, "\"lines\": [\n    {\"direction\": \"in\", \"line\": "));
    run_free(&a);
    run_free(&r1);
    run_free(&r2);
    run_free(&m);
    run_free(&r3);
    snprintf(s3, sizeof s3, "%s", fsp);
    unlink(s1);
    unlink(s2);
    unlink(s3);
    assert_int_equal(rmdir(dir), 0);
}

static void
test_merge_refuses_shards_that_do_not_fit(void **state)
{
    (void)state;
    /* shards written by hand: a run of 4 samples, 1 parameter a [SI], 1 output b [t] */
    static const char *const head = "# tandem mc: flowsheet=x.ini; seed=1; samples=4; ";
    static const struct {
        const char *first, *second, *expect;
    } cases[] = {
        /* the other shard of another seed */
        {"first=0; count=2\nsample,a [SI],b [t]\n0,1,2\n1,1,2\n",
         "# tandem mc: flowsheet=x.ini; seed=2; samples=4; first=2; count=2\n"
         "sample,a [SI],b [t]\n2,1,2\n3,1,2\n",
         "s2.csv:1: this shard is of another run than"},
        /* the other shard of the run without its correlations */
        {"first=0; count=2; correlations=a~c=0.5\nsample,a [SI],b [t]\n0,1,2\n1,1,2\n",
         "# tandem mc: flowsheet=x.ini; seed=1; samples=4; first=2; count=2\n"
         "sample,a [SI],b [t]\n2,1,2\n3,1,2\n",
         "s2.csv:1: this shard is of another run than"},
        /* a header that is not tandem's */
        {"first=0; count=2\nsample;a;b\n0;1;2\n1;1;2\n", NULL,
         "s1.csv:2: the header is `sample,<param> [SI],...,<output> [unit],...`"},
        /* a row short of a column, and one with a column too many */
        {"first=0; count=4\nsample,a [SI],b [t]\n0,1\n", NULL,
         "s1.csv:3: a row has fewer columns than the header"},
        {"first=0; count=4\nsample,a [SI],b [t]\n0,1,2,3\n", NULL,
         "s1.csv:3: a row has more columns than the header"},
        /* a number that is not one */
        {"first=0; count=4\nsample,a [SI],b [t]\n0,one,2\n", NULL,
         "s1.csv:3: column 2 is not a number"},
        /* a sample twice, and one that no shard holds */
        {"first=0; count=4\nsample,a [SI],b [t]\n0,1,2\n0,1,2\n", NULL,
         "s1.csv:4: sample 0 appears twice"},
        {"first=0; count=4\nsample,a [SI],b [t]\n0,1,2\n1,1,2\n2,1,2\n", NULL,
         "sample 3 of 4 is in none of the files: a shard is missing"},
    };
    char dir[] = "/tmp/tandem-merge-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char s1[600], s2[600];
    snprintf(s1, sizeof s1, "%s/s1.csv", dir);
    snprintf(s2, sizeof s2, "%s/s2.csv", dir);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        FILE *f = fopen(s1, "w");
        fprintf(f, "%s%s", head, cases[i].first);
        fclose(f);
        if (cases[i].second) {
            f = fopen(s2, "w");
            fputs(cases[i].second, f);
            fclose(f);
        }
        const char *args[] = {"merge", s1, cases[i].second ? s2 : NULL, NULL};
        run_result r = run_tandem(args);
        if (r.status != 2 || !strstr(r.err, cases[i].expect)) {
            print_error("case %zu: status %d, `%s`, expected `%s`\n", i, r.status, r.err,
                        cases[i].expect);
            fail();
        }
        run_free(&r);
        unlink(s2);
    }
    unlink(s1);
    assert_int_equal(rmdir(dir), 0);
}

/* "nan" or "inf" as a word of its own */
static bool
shows_nan(const char *text)
{
    for (const char *p = text; *p; p++) {
        if (p > text && isalnum((unsigned char)p[-1])) continue;
        if ((!strncasecmp(p, "nan", 3) || !strncasecmp(p, "inf", 3)) &&
            !isalnum((unsigned char)p[3]))
            return true;
    }
    return false;
}

static void
test_failed_points_never_print_nan_in_any_format(void **state)
{
    (void)state;
    /* conversions up to 0.9 with a crossover of 0.25 mol per mol e-: X + 0.25 x 2X / 0.9 >
     * 1 above X = 0.643, where the cathode would need more CO2 than it is fed; those points
     * and samples cannot be solved and their figures are missing, printed `-` or null */
    char dir[] = "/tmp/tandem-missing-XXXXXX"; /* no "nan" in the path the reports echo */
    assert_non_null(mkdtemp(dir));
    char fsp[600];
    snprintf(fsp, sizeof fsp, "%s/cell.ini", dir);
    FILE *f = fopen(fsp, "w");
    fputs(CELL("flow = 10 mol/s\n",
               "[uncertainty]\ncell.single_pass_conversion = uniform 0.3 0.9 ; test\n"),
          f);
    fclose(f);
    static const char *const formats[] = {"text", "csv", "json"};
    for (int k = 0; k < 3; k++) {
        const char *mc[] = {"mc",       fsp,        "--samples",
                            "50",       "--output", "electric_energy",
                            "--format", formats[k], NULL};
        const char *sw[] = {"sweep",    fsp,
                            "--vary",   "cell.single_pass_conversion=0.3..0.9:7",
                            "--output", "electric_energy",
                            "--format", formats[k],
                            NULL};
        const char *to[] = {"tornado",  fsp,        "--output", "electric_energy",
                            "--format", formats[k], NULL};
        const char *const *runs[] = {mc, sw, to};
        for (int r = 0; r < (k == 2 ? 2 : 3); r++) { /* tornado writes text and CSV */
            run_result out = run_tandem(runs[r]);
            if (out.status != 0 || shows_nan(out.out)) {
                print_error("%s --format %s: status %d\n%s%s\n", runs[r][0], formats[k], out.status,
                            out.out, out.err);
                fail();
            }
            run_free(&out);
        }
    }
    /* and the text says how many failed: 7 points at 0.3, 0.4, ... 0.9, three above 0.643 */
    const char *sw[] = {
        "sweep",           fsp, "--vary", "cell.single_pass_conversion=0.3..0.9:7", "--output",
        "electric_energy", NULL};
    run_result out = run_tandem(sw);
    assert_non_null(strstr(out.out, "7 points, 3 cannot be solved"));
    run_free(&out);
    unlink(fsp);
    assert_int_equal(rmdir(dir), 0);
}

static void
test_sweep_and_tornado_from_the_command_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-sweep-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char fsp[600], chart[600], map[600], bars[600];
    snprintf(fsp, sizeof fsp, "%s/cell.ini", dir);
    snprintf(chart, sizeof chart, "%s/line.svg", dir);
    snprintf(map, sizeof map, "%s/map.svg", dir);
    snprintf(bars, sizeof bars, "%s/tornado.svg", dir);
    FILE *f = fopen(fsp, "w");
    fputs(CELL("flow = 10 mol/s\n", "[uncertainty]\ncell.cell_voltage = uniform 2.5 3.5 V ; test\n"
                                    "co2.flow = uniform 5 15 mol/s ; test\n"),
          f);
    fclose(f);
    /* a line: electricity per tonne at 2.5, 3.0, 3.5 V is V x 7.6548 GJ/t per V */
    const char *sw[] = {"sweep",    fsp,
                        "--vary",   "cell.cell_voltage=2.5..3.5:3",
                        "--output", "electric_energy",
                        "--format", "csv",
                        "--chart",  chart,
                        NULL};
    run_result r = run_tandem(sw);
    assert_int_equal(r.status, 0);
    double per_volt = 2 * F / (0.9 * M_CO) / 1e6;
    const char *line = strchr(r.out, '\n');
    assert_memory_equal(r.out, "cell.cell_voltage [V],electric_energy [GJ/t]\n", 45);
    for (int i = 0; i < 3; i++) {
        double v, e;
        assert_non_null(line);
        assert_int_equal(sscanf(line + 1, "%lf,%lf", &v, &e), 2);
        assert_close(v, 2.5 + 0.5 * i, 1e-12);
        assert_close(e, v * per_volt, 1e-6);
        line = strchr(line + 1, '\n');
    }
    struct stat st;
    assert_int_equal(stat(chart, &st), 0);
    run_free(&r);
    /* a grid and its heat map */
    const char *sw2[] = {"sweep",    fsp,
                         "--vary",   "cell.cell_voltage=2.5..3.5:3",
                         "--vary",   "co2.flow=5..15:2",
                         "--output", "product_rate",
                         "--chart",  map,
                         NULL};
    r = run_tandem(sw2);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "SWEEP of"));
    assert_int_equal(stat(map, &st), 0);
    run_free(&r);
    /* a heading longer than a column is not cut (it read "cell.single_pass_conver") */
    const char *sw3[] = {
        "sweep",           fsp, "--vary", "cell.single_pass_conversion=0.4..0.6:2", "--output",
        "electric_energy", NULL};
    r = run_tandem(sw3);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\n cell.single_pass_conversion electric_energy (GJ/t)\n"));
    run_free(&r);
    /* a bad range */
    const char *bad[] = {"sweep", fsp, "--vary", "cell.cell_voltage=2.5:3", NULL};
    r = run_tandem(bad);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "write the range as LO..HI[:N] in V"));
    run_free(&r);
    /* the number of points: each axis and the grid take at most 10^6 (a million solves at
     * some 100,000 a second is seconds; 2000 x 1000 would ask for 2 x 10^6) */
    const char *many[] = {"sweep", fsp, "--vary", "cell.cell_voltage=2.5..3.5:1000001", NULL};
    r = run_tandem(many);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "the number of points N (after `:`) takes 1 to 1000000, not "
                                  "`1000001`"));
    run_free(&r);
    const char *grid[] = {"sweep",    fsp,
                          "--vary",   "cell.cell_voltage=2.5..3.5:2000",
                          "--vary",   "co2.flow=5..15:1000",
                          "--output", "product_rate",
                          NULL};
    r = run_tandem(grid);
    assert_int_equal(r.status, 2);
    assert_non_null(
        strstr(r.err, "command line: a sweep takes 1 to 1000000 points in all, not 2000 x 1000"));
    run_free(&r);
    const char *word[] = {"sweep", fsp, "--vary", "cell.cell_voltage=2.5..three", NULL};
    r = run_tandem(word);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "`three` is no number in V (the unit the file uses)"));
    run_free(&r);
    /* tornado: the voltage moves the energy, the feed does not */
    const char *to[] = {"tornado", fsp,  "--output", "electric_energy", "--format", "csv",
                        "--chart", bars, NULL};
    r = run_tandem(to);
    assert_int_equal(r.status, 0);
    const char *row = strstr(r.out, "cell.cell_voltage,uniform,V,2.5,3.5,");
    assert_non_null(row);
    double lo, hi;
    assert_int_equal(
        sscanf(row + strlen("cell.cell_voltage,uniform,V,2.5,3.5,"), "%lf,%lf", &lo, &hi), 2);
    assert_close(lo, 2.5 * per_volt, 1e-6);
    assert_close(hi, 3.5 * per_volt, 1e-6);
    assert_int_equal(stat(bars, &st), 0);
    run_free(&r);
    /* the same parameter from a table given with --params (which replaces the section):
     * the same ends and swing */
    char csv[600];
    snprintf(csv, sizeof csv, "%s/params.csv", dir);
    f = fopen(csv, "w");
    fputs("parameter,distribution,a,b,unit,source\ncell.cell_voltage,uniform,2.5,3.5,V,test\n", f);
    fclose(f);
    const char *tp[] = {"tornado",         fsp,        "--params", csv, "--output",
                        "electric_energy", "--format", "csv",      NULL};
    r = run_tandem(tp);
    assert_int_equal(r.status, 0);
    row = strstr(r.out, "cell.cell_voltage,uniform,V,2.5,3.5,");
    assert_non_null(row);
    assert_int_equal(
        sscanf(row + strlen("cell.cell_voltage,uniform,V,2.5,3.5,"), "%lf,%lf", &lo, &hi), 2);
    assert_close(lo, 2.5 * per_volt, 1e-6);
    assert_close(hi, 3.5 * per_volt, 1e-6);
    assert_null(strstr(r.out, "co2.flow")); /* the section's other parameter is not used */
    run_free(&r);
    /* the text: the parameter's ends in its unit, the swing in the output's. At 2.5 and
     * 3.5 V the swing is 1 V x 7.6548 GJ/t per V; it was once printed `7.655 V`. */
    const char *tt[] = {"tornado", fsp, "--params", csv, "--output", "electric_energy", NULL};
    r = run_tandem(tt);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, " at low (GJ/t) "));
    assert_non_null(strstr(r.out, " swing (GJ/t)\n"));
    row = strstr(r.out, "  cell.cell_voltage ");
    assert_non_null(row);
    char dist[32], unit[32];
    double x0, x1, y0, y1, swing;
    assert_int_equal(sscanf(row, " cell.cell_voltage %31s %lf %lf %31s %lf %lf %lf", dist, &x0, &x1,
                            unit, &y0, &y1, &swing),
                     7);
    assert_string_equal(unit, "V");
    assert_close(swing, per_volt, 1e-3);
    assert_true(strchr(row, '\n')[-1] != 'V'); /* nothing after the swing */
    run_free(&r);
    unlink(csv);
    unlink(chart);
    unlink(map);
    unlink(bars);
    unlink(fsp);
    assert_int_equal(rmdir(dir), 0);
}

/* A study evaluated before it is opened, or after it is closed. */
static int
eval_closed(void *arg)
{
    (void)arg;
    tdm_study st = {0};
    double v[1];
    tdm_error err;
    return !(tdm_study_eval(&st, v, &err) != 0 && err.cls == TDM_EAPI);
}

static void
test_a_study_not_open_is_a_broken_contract(void **state)
{
    (void)state;
    assert_contract_broken(eval_closed, NULL, "tdm_study_eval");
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_study_not_open_is_a_broken_contract),
        cmocka_unit_test(test_the_normal_quantile_matches_tabulated_values),
        cmocka_unit_test(test_distributions_invert_as_written),
        cmocka_unit_test(test_spearman_counts_ranks),
        cmocka_unit_test(test_a_copula_imposes_rank_correlations_and_keeps_the_marginals),
        cmocka_unit_test(test_goal_boundary_across_a_second_parameter),
        cmocka_unit_test(test_sobol_sequence_points_and_nets),
        cmocka_unit_test(test_correlations_from_the_command_line),
        cmocka_unit_test(test_ranks_sort_signs_zeros_and_ties),
        cmocka_unit_test(test_a_constant_output_has_no_correlation),
        cmocka_unit_test(test_a_sweep_reproduces_single_solves),
        cmocka_unit_test(
            test_monte_carlo_through_a_linear_flowsheet_gives_the_analytic_percentiles),
        cmocka_unit_test(test_a_normal_spread_in_celsius_is_a_difference),
        cmocka_unit_test(test_truncation_bounds_keep_their_decimals),
        cmocka_unit_test(test_shards_merge_into_the_unsplit_run),
        cmocka_unit_test(test_a_latin_hypercube_puts_one_sample_in_every_stratum),
        cmocka_unit_test(test_sobol_indices_of_the_ishigami_function),
        cmocka_unit_test(test_sobol_indices_of_a_flowsheet_known_by_hand),
        cmocka_unit_test(test_sobol_from_the_command_line),
        cmocka_unit_test(test_morris_effects_of_a_flowsheet_known_by_hand),
        cmocka_unit_test(test_a_tornado_of_a_linear_flowsheet),
        cmocka_unit_test(test_outputs_read_directly_agree_with_the_summary_list),
        cmocka_unit_test(test_a_number_set_in_place_gives_what_the_text_gives),
        cmocka_unit_test(test_a_parameter_table_reads_like_the_uncertainty_section),
        cmocka_unit_test(test_a_draw_the_flowsheet_refuses_names_the_parameter),
        cmocka_unit_test(test_bad_uncertainty_lines_name_their_place),
        cmocka_unit_test(test_a_cell_whose_performance_is_fixed_cannot_vary_alone),
        cmocka_unit_test(test_a_sweep_of_a_cell_shows_its_voltage_and_fe),
        cmocka_unit_test(test_a_model_key_set_in_place_gives_what_the_text_gives),
        cmocka_unit_test(test_mc_from_the_command_line_is_deterministic_and_shardable),
        cmocka_unit_test(test_merge_takes_any_number_of_shards_of_any_size),
        cmocka_unit_test(test_merge_refuses_shards_that_do_not_fit),
        cmocka_unit_test(test_failed_points_never_print_nan_in_any_format),
        cmocka_unit_test(test_sweep_and_tornado_from_the_command_line),
        cmocka_unit_test(test_a_units_row_is_read_after_any_figure),
        cmocka_unit_test(test_goal_seeking_finds_the_voltage_a_target_asks_for),
        cmocka_unit_test(test_goal_from_the_command_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
