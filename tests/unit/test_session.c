/* The library as a binding calls it (tandem/session.h, tandem/doc.h), on one CO2 -> CO cell
 * worked by hand; run under valgrind too (`./run test`), which the Python package's tests are
 * not. */
#include <unistd.h>

#include "../support.h"
#include "tandem/doc.h"
#include "tandem/session.h"

/* tests/data/one_cell_co.ini: one cell at 3 V and FE 0.9 making 10 t/day of CO. By hand:
 * electricity per tonne of CO = 2 F V / (FE M) = 2 x 96485.332 x 3 / (0.9 x 0.028010 kg/mol)
 * = 22.964 GJ/t. Here with the price of electricity uncertain, uniform from 0.02 to 0.08 $/kWh
 * (an assumption of the test). */
static const char uncertainty[] = "\n[uncertainty]\n"
                                  "scenario.prices.electricity = uniform 0.02 0.08 $/kWh\n";

static char path[64];

static int current_density_line; /* the line of the cell's current_density */

static int
write_flowsheet(void **state)
{
    (void)state;
    char fixture[1024], line[256];
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    snprintf(fixture, sizeof fixture, "%s/tests/data/one_cell_co.ini", root ? root : ".");
    snprintf(path, sizeof path, "/tmp/tandem-session-%ld.ini", (long)getpid());
    FILE *in = fopen(fixture, "r"), *out = fopen(path, "w");
    if (!in || !out) return -1;
    for (int n = 1; fgets(line, sizeof line, in); n++) {
        if (!strncmp(line, "current_density =", 17)) current_density_line = n;
        fputs(line, out);
    }
    fputs(uncertainty, out);
    fclose(in);
    return fclose(out) || current_density_line == 0 ? -1 : 0;
}

static int
remove_flowsheet(void **state)
{
    (void)state;
    return remove(path);
}

static tdm_node_view
view(const tdm_node *n)
{
    tdm_node_view v;
    assert_non_null(n);
    tdm_node_get(n, &v);
    return v;
}

/* The figure under key in a list of figures. */
static tdm_node_view
figure(const tdm_node *list, const char *key)
{
    for (const tdm_node *n = view(list).first; n; n = view(n).next)
        if (view(n).key && !strcmp(view(n).key, key)) return view(n);
    print_error("no figure %s\n", key);
    fail();
    return view(list);
}

static double
electric_energy(tdm_session *s)
{
    tdm_doc *d;
    tdm_error err;
    if (tdm_session_solve(s, &d, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
    const tdm_node *summary = tdm_node_find(tdm_doc_root(d), "summary");
    tdm_node_view e = figure(tdm_node_find(summary, "quantities"), "electric_energy");
    assert_int_equal(e.kind, TDM_NODE_NUMBER);
    assert_string_equal(e.unit, "GJ/t");
    assert_non_null(e.label);
    tdm_node_view closed = view(tdm_node_find(summary, "closed"));
    assert_int_equal(closed.kind, TDM_NODE_BOOL);
    assert_true(closed.number == 1);
    tdm_doc_free(d);
    return e.number;
}

static void
test_solve_and_changes(void **state)
{
    (void)state;
    tdm_session *s;
    tdm_error err;
    assert_int_equal(tdm_session_open(path, &s, &err), 0);
    assert_close(electric_energy(s), 22.964, 1e-4);
    /* a change that fails changes nothing; its error names the key's line */
    assert_int_not_equal(tdm_session_set(s, "cell.current_density", "200 mA", &err), 0);
    assert_int_equal(err.cls, TDM_EINPUT);
    assert_int_equal(err.line, current_density_line);
    tdm_error_find_key(&err);
    assert_string_equal(err.key, "current_density");
    assert_string_equal(err.section, "cell");
    assert_string_equal(err.file, path);
    assert_int_equal(tdm_session_nchanges(s), 0);
    assert_close(electric_energy(s), 22.964, 1e-4);
    /* 3.3 V: 22.964 x 3.3 / 3 = 25.260 GJ/t, solved warm; the same key again keeps one
     * change */
    assert_int_equal(tdm_session_set(s, "cell.cell_voltage", "3.1 V", &err), 0);
    assert_int_equal(tdm_session_set(s, "cell.cell_voltage", "3.3 V", &err), 0);
    assert_int_equal(tdm_session_nchanges(s), 1);
    const char *value;
    assert_string_equal(tdm_session_change(s, 0, &value), "cell.cell_voltage");
    assert_string_equal(value, "3.3 V");
    assert_close(electric_energy(s), 22.964 * 3.3 / 3, 1e-4);
    /* the stream table: a record a stream, in the flowsheet's order */
    tdm_doc *d;
    assert_int_equal(tdm_session_solve(s, &d, &err), 0);
    tdm_node_view streams = view(tdm_node_find(tdm_doc_root(d), "streams"));
    assert_int_equal(streams.kind, TDM_NODE_LIST);
    assert_int_equal(streams.count, 3);
    assert_string_equal(view(tdm_node_find(streams.first, "name")).text, "fresh");
    tdm_doc_free(d);
    tdm_session_free(s);
}

static void
test_cost_and_sweep(void **state)
{
    (void)state;
    tdm_session *s;
    tdm_error err;
    tdm_doc *d;
    assert_int_equal(tdm_session_open(path, &s, &err), 0);
    assert_int_equal(tdm_session_set(s, "scenario.prices.electricity", "0.05 $/kWh", &err), 0);
    assert_int_equal(tdm_session_cost(s, &d, &err), 0);
    tdm_node_view lc =
        view(tdm_node_find(tdm_node_find(tdm_doc_root(d), "summary"), "levelized_cost"));
    assert_string_equal(lc.unit, "$/t");
    assert_true(lc.number > 0);
    tdm_doc_free(d);
    /* the levelized cost over the price of electricity: a straight line (nothing else moves
     * with the price), the same in one job or three */
    const char *names[] = {"scenario.prices.electricity"}, *ranges[] = {"20..80 $/MWh"};
    const char *outputs[] = {"levelized_cost"};
    int n[] = {4};
    double y[2][4];
    for (int jobs = 1; jobs <= 3; jobs += 2) {
        tdm_session_study o = {.outputs = outputs, .nout = 1, .jobs = jobs, .target = NAN};
        assert_int_equal(tdm_session_sweep(s, 1, names, ranges, n, &o, &d, &err), 0);
        const tdm_node *pts = tdm_node_find(tdm_doc_root(d), "points");
        tdm_node_view t = view(pts);
        assert_int_equal(t.kind, TDM_NODE_TABLE);
        assert_int_equal(t.count, 4);
        assert_int_equal(t.ncols, 2);
        const char *unit;
        assert_string_equal(tdm_node_column_info(pts, 0, NULL, &unit),
                            "scenario.prices.electricity");
        assert_string_equal(unit, "$/kWh");
        double x[4];
        assert_int_equal(tdm_node_column(pts, 0, x, 4), 4);
        assert_close(x[0], 0.02, 1e-12);
        assert_close(x[3], 0.08, 1e-12);
        assert_int_equal(tdm_node_column(pts, 1, y[jobs / 2], 4), 4);
        tdm_doc_free(d);
    }
    assert_memory_equal(y[0], y[1], sizeof y[0]);
    assert_close(y[0][2] - y[0][1], y[0][1] - y[0][0], 1e-9);
    assert_close(y[0][3] - y[0][2], y[0][1] - y[0][0], 1e-9);
    assert_true(y[0][3] > y[0][0]);
    /* the tornado of the uncertain price (uniform 0.02 to 0.08 $/kWh): its ends are the
     * sweep's; its first row is the output at the file's values, the 0.05 $/kWh set above */
    assert_int_equal(tdm_session_tornado(s, NULL, &d, &err), 0);
    const tdm_node *rows = tdm_node_find(tdm_doc_root(d), "parameters");
    assert_int_equal(view(rows).count, 2);
    double lo[2], hi[2];
    assert_int_equal(tdm_node_column(rows, 5, lo, 2), 2);
    assert_int_equal(tdm_node_column(rows, 6, hi, 2), 2);
    assert_close(lo[0], y[0][0] + (y[0][3] - y[0][0]) / 2, 1e-9);
    assert_close(lo[1], y[0][0], 1e-12);
    assert_close(hi[1], y[0][3], 1e-12);
    assert_true(tdm_node_column_own_units(rows, 3)); /* the ends in the price's unit */
    tdm_doc_free(d);
    tdm_session_free(s);
}

static void
test_mc_arrays(void **state)
{
    (void)state;
    tdm_session *s;
    tdm_error err;
    tdm_doc *d[2];
    assert_int_equal(tdm_session_open(path, &s, &err), 0);
    const char *outputs[] = {"levelized_cost", "electric_energy"};
    for (int k = 0; k < 2; k++) {
        tdm_session_study o = {.outputs = outputs,
                               .nout = 2,
                               .jobs = 1 + 2 * k,
                               .samples = 64,
                               .seed = 9,
                               .target = NAN};
        assert_int_equal(tdm_session_mc(s, &o, &d[k], &err), 0);
    }
    tdm_node_view in = view(tdm_node_find(tdm_doc_root(d[0]), "sample_inputs"));
    tdm_node_view out = view(tdm_node_find(tdm_doc_root(d[0]), "sample_outputs"));
    tdm_node_view out3 = view(tdm_node_find(tdm_doc_root(d[1]), "sample_outputs"));
    assert_int_equal(in.kind, TDM_NODE_ARRAY);
    assert_int_equal(in.count, 64);
    assert_int_equal(in.ncols, 1);
    assert_int_equal(out.ncols, 2);
    for (long i = 0; i < 64; i++) {
        /* the price in its unit, within its range; the energy does not move with it */
        assert_true(in.data[i] >= 0.02 && in.data[i] <= 0.08);
        assert_close(out.data[2 * i + 1], 22.964, 1e-4);
    }
    assert_memory_equal(out.data, out3.data, 64 * 2 * sizeof(double));
    /* the statistics table: a row an output */
    assert_int_equal(view(tdm_node_find(tdm_doc_root(d[0]), "outputs")).count, 2);
    tdm_doc_free(d[0]);
    tdm_doc_free(d[1]);
    tdm_session_free(s);
}

static void
test_errors_and_units(void **state)
{
    (void)state;
    tdm_session *s = NULL;
    tdm_error err;
    assert_int_not_equal(tdm_session_open("/nonexistent/x.ini", &s, &err), 0);
    assert_null(s);
    assert_int_equal(err.cls, TDM_ESYSTEM);
    assert_int_equal(tdm_session_open(path, &s, &err), 0);
    tdm_doc *d;
    const char *names[] = {"cell.current_density"}, *ranges[] = {"100..300"};
    int n[] = {3};
    /* the cell's voltage and FE are numbers of the file: its current density cannot move
     * alone */
    assert_int_not_equal(tdm_session_sweep(s, 1, names, ranges, n, NULL, &d, &err), 0);
    assert_int_equal(err.cls, TDM_EINPUT);
    assert_int_not_equal(tdm_session_set(s, "nosuch.key", "1", &err), 0);
    assert_int_equal(tdm_session_nchanges(s), 0);
    tdm_session_free(s);
    double v;
    char why[120];
    assert_int_equal(tdm_convert(36, "GJ/t", "MWh/t", &v, why, sizeof why), 0);
    assert_close(v, 10, 1e-15);
    assert_int_equal(tdm_convert(25, "C", "K", &v, why, sizeof why), 0);
    assert_close(v, 298.15, 1e-15);
    assert_int_equal(tdm_convert(45, "%", "", &v, why, sizeof why), 0);
    assert_close(v, 0.45, 1e-15);
    assert_int_not_equal(tdm_convert(1, "GJ/t", "MW", &v, why, sizeof why), 0);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_solve_and_changes),
        cmocka_unit_test(test_cost_and_sweep),
        cmocka_unit_test(test_mc_arrays),
        cmocka_unit_test(test_errors_and_units),
    };
    return cmocka_run_group_tests(tests, write_flowsheet, remove_flowsheet);
}
