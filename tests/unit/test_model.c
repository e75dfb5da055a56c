/* The linear model: degrees of freedom, infeasibility explained, and parameter changes
 * applied in place and re-solved warm. */
#include "../support.h"
#include "../contract.h"
#include "tandem/model.h"

#define CELL(extra_feed, extra_cell, extra_product)                                                \
    "[flowsheet]\nmain_product = CO\n"                                                             \
    "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n" extra_feed                                \
    "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"                        \
    "key_reactant = CO2\nfe.CO = 0.9\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"                \
    "cell_voltage = 3 V\ncarbonate_crossover = 0.25\n" extra_cell                                  \
    "[gas]\nkind = product\nin = c\n" extra_product                                                \
    "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n"

static void
test_a_missing_scale_names_the_keys_that_would_fix_it(void **state)
{
    (void)state;
    tdm_error err = fail_text(CELL("", "single_pass_conversion = 0.5\n", ""));
    assert_int_equal(err.cls, TDM_ESOLVE);
    assert_non_null(strstr(err.msg, "under-specified: 1 degree of freedom"));
    /* any of the feed flow, the cell current or the product rate fixes it */
    assert_non_null(strstr(err.msg, "`flow` to [co2]"));
}

static void
test_two_missing_specs_need_two_keys(void **state)
{
    (void)state;
    tdm_error err = fail_text(CELL("", "", ""));
    assert_non_null(strstr(err.msg, "2 degrees of freedom"));
    assert_non_null(strstr(err.msg, "`single_pass_conversion` to [cell]"));
}

static void
test_a_redundant_spec_is_named_for_removal(void **state)
{
    (void)state;
    /* feed flow + conversion already fix everything; a current on top is one too many */
    tdm_error err =
        fail_text(CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\ncurrent = 1 MA\n", ""));
    assert_int_equal(err.cls, TDM_ESOLVE);
    assert_non_null(strstr(err.msg, "over-specified"));
    assert_non_null(strstr(err.msg, "`current` from [cell] (test.ini:"));
}

static void
test_a_conversion_that_needs_more_co2_than_fed_names_the_cathode_balance(void **state)
{
    (void)state;
    /* X = 0.8 of 10 mol/s: e = 8 x 2 / 0.9 = 17.8 mol/s; crossover 0.25 e = 4.4 mol/s;
     * 10 - 8 - 4.4 < 0 at the cathode outlet. */
    tdm_error err = fail_text(CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.8\n", ""));
    assert_int_equal(err.cls, TDM_ESOLVE);
    assert_non_null(strstr(err.msg, "test.ini:"));
    assert_non_null(strstr(err.msg, "[cell] CO2 balance at the cathode cannot hold"));
    assert_non_null(strstr(err.msg, "lower `single_pass_conversion`"));
}

static void
test_a_species_trapped_in_a_recycle_is_told_apart_from_a_repeated_spec(void **state)
{
    (void)state;
    /* All CO2 and H2 go back to the cell: nothing but CO leaves, the H2 balance round the
     * loop reads H2 = H2 + 0.05 e, so e = 0 and the product rate cannot be met. */
    const char *text =
        "[flowsheet]\nmain_product = CO\n[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\n"
        "[m]\nkind = mixer\nin = a, rec\nout = b\n"
        "[cell]\nkind = electrolyzer\nin = b\ncathode_out = c\nanode_out = o\n"
        "key_reactant = CO2\nfe.CO = 0.9\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"
        "cell_voltage = 3 V\nsingle_pass_conversion = 0.5\n"
        "[sep]\nkind = separator\nin = c\nout = rec, prod\nrecovery.CO2 = 1, 0\n"
        "recovery.H2 = 1, 0\nspecific_energy = 0.25 kWh/m3\n"
        "[p]\nkind = product\nin = prod\nrate = 1 t/day\n"
        "[v]\nkind = product\nrole = vent\nspecies = O2\nin = o\n";
    tdm_error err = fail_text(text);
    /* the species and its loop are named first (the rank test's words alone named the rate
     * and a degree of freedom, not the H2) */
    assert_non_null(strstr(err.msg, "test.ini: cannot solve: H2 is trapped: [cell] makes it and "
                                    "no unit lets it out of the plant; it goes round through "
                                    "[sep], [m], [cell] (streams c, rec, b)"));
    assert_non_null(strstr(err.msg, "the balances alone already fix this specification"));
    assert_non_null(strstr(err.msg, "`rate` in [p] (test.ini:32)"));
    /* An inert fed with the CO2 and sent back with it: N2 has no way out. With 10 % of it to
     * the product, the same plant solves, and nothing is said of traps. */
    static const char inert[] =
        "[flowsheet]\nmain_product = CO\n[f]\nkind = feed\nout = a\ncomposition.CO2 = 0.99\n"
        "composition.N2 = 0.01\n[m]\nkind = mixer\nin = a, rec\nout = b\n"
        "[cell]\nkind = electrolyzer\nin = b\ncathode_out = c\nanode_out = o\n"
        "key_reactant = CO2\nfe.CO = 0.9\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"
        "cell_voltage = 3 V\nsingle_pass_conversion = 0.5\n"
        "[sep]\nkind = separator\nin = c\nout = rec, prod\nrecovery.CO2 = 0.9, rest\n"
        "recovery.N2 = %s\nspecific_energy = 0.25 kWh/m3\n"
        "[p]\nkind = product\nin = prod\nrate = 1 t/day\n"
        "[v]\nkind = product\nrole = vent\nspecies = O2\nin = o\n";
    char buf[1200];
    snprintf(buf, sizeof buf, inert, "1, 0");
    err = fail_text(buf);
    assert_non_null(strstr(err.msg, "cannot solve: N2 is trapped: [f] brings it and no unit lets "
                                    "it out of the plant; it goes round through [m], [cell], "
                                    "[sep] (streams a, b, c, rec), so its balances force [f] to "
                                    "stop. Send N2 out: a separator outlet that leaves the plant "
                                    "(recovery.N2), or a purge"));
    snprintf(buf, sizeof buf, inert, "0.9, rest");
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(buf, &sim);
    /* N2 in = N2 out through the product: 1 % of the fresh feed */
    assert_close(
        stream_flow(sim.results, "prod", "N2"),
        0.01 * (stream_flow(sim.results, "a", "CO2") + stream_flow(sim.results, "a", "N2")), 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* A current on top of a rate merely repeats it. */
    err = fail_text(CELL("", "single_pass_conversion = 0.5\ncurrent = 1 MA\n", "rate = 1 t/day\n"));
    assert_non_null(strstr(err.msg, "this specification repeats what the other"));
}

static void
test_changing_parameters_in_place_matches_a_fresh_solve(void **state)
{
    (void)state;
    const char *base = CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n", "");
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(base, &sim);
    tdm_error err;
    /* change FE, voltage and conversion in place, re-solve warm */
    assert_int_equal(tdm_flowsheet_set(fs, sim.model, "cell", "fe.CO", "0.8", &err), 0);
    assert_int_equal(tdm_flowsheet_set(fs, sim.model, "cell", "cell_voltage", "2.5 V", &err), 0);
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "cell", "single_pass_conversion", "0.4", &err), 0);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    /* fresh: X 0.4 -> CO 4 mol/s; e = 4 x 2 / 0.8 = 10 mol/s; P = 2.5 V x 10 F */
    assert_close(stream_flow(sim.results, "c", "CO"), 4.0, 1e-9);
    assert_close(unit_value(sim.results, "cell", "power"), 2.5 * 10 * 96485.33212, 1e-9);
    tdm_simulation fresh;
    tdm_flowsheet *fs2 =
        solve_text(CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.4\n", ""), &fresh);
    tdm_flowsheet_set(fs2, fresh.model, "cell", "fe.CO", "0.8", &err);
    tdm_flowsheet_set(fs2, fresh.model, "cell", "cell_voltage", "2.5 V", &err);
    assert_int_equal(tdm_simulate(&fresh, &err), 0);
    for (int i = 0; i < tdm_model_ncols(sim.model); i++)
        assert_close(sim.x[i], fresh.x[i], 1e-12);
    tdm_simulation_free(&fresh);
    tdm_flowsheet_free(fs2);
    /* a bad value is refused and the old one kept */
    assert_int_not_equal(tdm_flowsheet_set(fs, sim.model, "cell", "fe.CO", "1.3", &err), 0);
    assert_non_null(strstr(err.msg, "out of range"));
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    assert_close(stream_flow(sim.results, "c", "CO"), 4.0, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_change_the_kept_basis_cannot_answer_goes_to_the_simplex(void **state)
{
    (void)state;
    /* A square model's answer is unique and its flows are all basic, so changes are
     * answered on the kept basis, until one makes a flow negative: then GLPK, told of the
     * changed rows, runs its simplex and finds the change infeasible. Were it not told, it
     * would solve the old rows and report them as the answer. 10 mol/s of CO2, X = 0.5 and
     * 0.25 mol CO2 crossover per mol e-: 5 + 0.25 x 5 x 2 / 0.9 = 7.78 mol/s consumed; at X
     * = 0.8, 8 + 0.25 x 8 x 2 / 0.9 = 12.4 > 10: infeasible. Back at X = 0.4 the answer is
     * CO = 4 mol/s. */
    tdm_simulation sim;
    tdm_flowsheet *fs =
        solve_text(CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n", ""), &sim);
    int runs = tdm_model_simplex_runs(sim.model);
    tdm_error err;
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "cell", "single_pass_conversion", "0.45", &err), 0);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    assert_int_equal(tdm_model_simplex_runs(sim.model), runs); /* on the kept basis */
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "cell", "single_pass_conversion", "0.8", &err), 0);
    assert_int_not_equal(tdm_simulate(&sim, &err), 0);
    assert_int_equal(err.cls, TDM_ESOLVE);
    assert_non_null(strstr(err.msg, "CO2 balance at the cathode cannot hold"));
    assert_int_equal(tdm_model_simplex_runs(sim.model), runs + 1);
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "cell", "single_pass_conversion", "0.4", &err), 0);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    assert_close(stream_flow(sim.results, "c", "CO"), 4.0, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_dof_counts_variables_and_equations(void **state)
{
    (void)state;
    const char *text = CELL("flow = 10 mol/s\n", "single_pass_conversion = 0.5\n", "");
    tdm_flowsheet *fs;
    tdm_error err;
    assert_int_equal(tdm_flowsheet_load_string(text, strlen(text), "t.ini", &fs, &err), 0);
    tdm_model *m;
    assert_int_equal(tdm_flowsheet_build(fs, &m, &err), 0);
    tdm_dof dof;
    assert_int_equal(tdm_model_dof(m, &dof, &err), 0);
    /* species CO2, CO, H2, H2O, O2 (5); streams f, c, a (3) -> 15 flows; unit columns:
     * feed total, electron flow, water make-up, power -> 19 variables.
     * Rows: feed 5 + flow spec; cell 2 x 5 + water + conversion + power; 19 with 2 specs. */
    assert_int_equal(dof.ncols, 19);
    assert_int_equal(dof.nbalance + dof.nspec, 19);
    assert_int_equal(dof.nspec, 2);
    assert_int_equal(dof.rank, 19);
    assert_int_equal(dof.dof, 0);
    tdm_dof_free(&dof);
    tdm_model_free(m);
    tdm_flowsheet_free(fs);
}

static void
test_results_that_do_not_close_are_an_error_naming_the_unit(void **state)
{
    (void)state;
    /* 2 mol/s of CO2 through a heater. Results made from a solution whose heater outlet
     * carries 2.5 mol/s: carbon in 2 (the feed), out 2.5 (the product), relative
     * 0.5 / 2.5 = 0.2; the heater's own balance is the one off (2 in, 2.5 out). */
    const char *text = "[flowsheet]\nmain_product = CO2\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\nflow = 2 mol/s\n"
                       "[h]\nkind = heater\nin = a\nout = b\ntemperature = 400 K\n"
                       "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    tdm_error err;
    assert_int_equal(tdm_results_check_closure(sim.results, &err), 0);
    int b = -1;
    for (int s = 0; s < tdm_flowsheet_nstreams(fs); s++)
        if (!strcmp(tdm_flowsheet_stream_name(fs, s), "b")) b = s;
    assert_true(b >= 0);
    int k = -1; /* CO2's place among the flowsheet's species */
    for (int i = 0; i < tdm_flowsheet_nspecies(fs); i++)
        if (tdm_flowsheet_species(fs, i) == TDM_SPECIES_CO2) k = i;
    assert_true(k >= 0);
    double *x = sim.x;
    assert_close(x[tdm_flowsheet_stream_col(fs, b) + k], 2.0, 1e-12);
    x[tdm_flowsheet_stream_col(fs, b) + k] = 2.5;
    tdm_results *bad = NULL;
    assert_int_equal(tdm_results_make(fs, x, &bad, &err), 0);
    assert_false(bad->summary.closed);
    assert_int_equal(tdm_results_check_closure(bad, &err), -1);
    assert_int_equal(err.cls, TDM_ESOLVE);
    /* within a few orders of magnitude it is no rounding: a fault of tandem's, to report */
    assert_non_null(strstr(err.msg, "test.ini: the C balance closes only to a relative 0.2 "
                                    "(tolerance 1e-09), worst in [h]: not rounding (the flows "
                                    "span "));
    assert_non_null(strstr(err.msg, "a fault of tandem's; please report it with this file"));
    tdm_results_free(bad);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_badly_scaled_row_is_named_in_a_warning(void **state)
{
    (void)state;
    /* A splitter sending 1e-12 of its inlet to `b`: the row b = 1e-12 a spans 1e12. The
     * solve still closes; the warning names the file, the line of `fractions` and the row. */
    const char *text = "[flowsheet]\nmain_product = CO2\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\nflow = 2 mol/s\n"
                       "[s]\nkind = splitter\nin = a\nout = b, c\nfractions = 1e-12, rest\n"
                       "[p]\nkind = product\nin = b\n"
                       "[q]\nkind = product\nrole = byproduct\nin = c\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_int_equal(sim.results->nwarnings, 1);
    assert_string_equal(sim.results->warnings[0],
                        "test.ini:12: warning: [s] CO2 to `b` = fraction x inlet: its "
                        "coefficients span 1.0e+12 from the smallest to the largest, so the "
                        "solve may lose digits (a fraction or a value near zero?)");
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* 1e-6 spans 1e6: no warning */
    char mild[1000];
    snprintf(mild, sizeof mild, "%s", text);
    memcpy(strstr(mild, "1e-12"), "1e-06", 5);
    fs = solve_text(mild, &sim);
    assert_int_equal(sim.results->nwarnings, 0);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_milligrams_an_hour_and_megatonnes_a_year_solve_alike(void **state)
{
    (void)state;
    /* The same cell at 1 mg/h of CO and at 1 Mt/yr (a ratio of 8.8e15): every flow scales,
     * nothing per kilogram moves. Hand values: 1 mg/h = 1e-6 kg / 3600 s = 2.7778e-10 kg/s;
     * 1 Mt/yr = 1e9 kg / (365 x 86400 s) = 31.710 kg/s. */
    tdm_simulation a, b;
    tdm_flowsheet *fa =
        solve_text(CELL("", "single_pass_conversion = 0.5\n", "rate = 1 mg/h\n"), &a);
    tdm_flowsheet *fb =
        solve_text(CELL("", "single_pass_conversion = 0.5\n", "rate = 1 Mt/yr\n"), &b);
    const tdm_summary *x = &a.results->summary, *y = &b.results->summary;
    assert_close(x->product_kg_s, 1e-6 / 3600, 1e-12 * 1e-6 / 3600);
    assert_close(y->product_kg_s, 1e9 / (365 * 86400.0), 1e-12 * 31.71);
    assert_close(x->electric_j_per_kg / y->electric_j_per_kg, 1, 1e-12);
    assert_close(x->energy_j_per_kg / y->energy_j_per_kg, 1, 1e-12);
    assert_close(x->carbon_efficiency, y->carbon_efficiency, 1e-12);
    double ratio = y->product_kg_s / x->product_kg_s;
    for (int s = 0; s < a.results->nstreams; s++)
        for (int k = 0; k < a.results->nspecies; k++) {
            double fa_k = a.results->streams[s].flow[k], fb_k = b.results->streams[s].flow[k];
            assert_close(fa_k * ratio, fb_k, 1e-12 * (fabs(fb_k) + 1e-300));
        }
    assert_true(a.results->summary.closed && b.results->summary.closed);
    tdm_simulation_free(&a);
    tdm_simulation_free(&b);
    tdm_flowsheet_free(fa);
    tdm_flowsheet_free(fb);
}

static void
test_a_near_singular_recycle_is_named(void **state)
{
    (void)state;
    /* 2 mol/s of CO2 into a loop whose separator sends the fraction R back: the mixer
     * carries 2 / (1 - R). With R = 0.9999 the mixer balance keeps 1 - R = 1e-4 of its
     * pivot after elimination: a warning on the recovery's line (16). With R = 0.9999999
     * (1e-7) double precision loses 7 digits and the balances do not close to 1e-9: an
     * error on the same line. */
    const char *loop = "[flowsheet]\nmain_product = CO2\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO2 = 1\nflow = 2 mol/s\n"
                       "[mix]\nkind = mixer\nin = a, r\nout = b\n"
                       "[sep]\nkind = separator\nin = b\nout = r, c\n"
                       "recovery.CO2 = %s, rest\nspecific_energy = 0 kWh/m3\n"
                       "[p]\nkind = product\nin = c\n";
    char text[1000];
    snprintf(text, sizeof text, loop, "0.9999");
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_int_equal(sim.results->nwarnings, 1);
    assert_string_equal(sim.results->warnings[0],
                        "test.ini:16: warning: [sep] CO2 to `r` = recovery x inlet: the model is "
                        "near singular here (elimination keeps 1.0e-04 of the pivot), so some 4 "
                        "digits of the answer are lost (a recycle that almost nothing leaves?)");
    int b = -1;
    for (int k = 0; k < tdm_flowsheet_nstreams(fs); k++)
        if (!strcmp(tdm_flowsheet_stream_name(fs, k), "b")) b = k;
    assert_true(b >= 0);
    assert_close(sim.results->streams[b].total, 2 / (1 - 0.9999), 1e-6 * 2e4);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    snprintf(text, sizeof text, loop, "0.9999999");
    tdm_error err = fail_text(text);
    assert_int_equal(err.cls, TDM_ESOLVE);
    assert_string_equal(err.msg, "test.ini:16: [sep] CO2 to `r` = recovery x inlet: the model is "
                                 "too near singular here to solve in double precision "
                                 "(elimination keeps 1.0e-07 of the pivot) and its balances do "
                                 "not close; is it a recycle that almost nothing leaves?");
}

static void
test_an_element_at_rounding_noise_is_no_imbalance(void **state)
{
    (void)state;
    /* Found by fuzz_pipeline: a cell fed CO but keyed on CO2 runs at no current, and its
     * H2 and water make-up are rounding noise, 1e-17 mol/s of H in and 0 out. Measured
     * against its own flow that is an imbalance of 1; against a millionth of the carbon
     * flow (5 t/day of CO at 28.010 g/mol, 2.066 mol/s) it is below 1e-10. */
    const char *text = "[flowsheet]\nmain_product = CO\nkey_reactant = CO2\n"
                       "[co2]\nkind = feed\nout = f\ncomposition.CO = 1\n"
                       "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"
                       "key_reactant = CO2\nfe.CO = 0.9\nfe.H2 = rest\n"
                       "current_density = 200 mA/cm2\ncell_voltage = 3 V\n"
                       "single_pass_conversion = 0.5\n"
                       "[gas]\nkind = product\nin = c\nrate = 5 t/day\n"
                       "[anode]\nkind = product\nrole = vent\nspecies = O2\nin = a\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    assert_true(sim.results->summary.closed);
    assert_true(sim.results->summary.closure[TDM_EL_H].rel <= 1e-9);
    assert_close(sim.results->summary.closure[TDM_EL_C].in, 5e6 / 86400 / 28.010, 1e-6);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

/* x + y = 3 and x = 1: by hand x = 1, y = 2; solved once. */
static tdm_model *
solved_pair(void)
{
    tdm_model *m = tdm_model_new();
    if (!m) return NULL;
    int x = tdm_model_add_col(m, 0, HUGE_VAL, "x"), y = tdm_model_add_col(m, 0, HUGE_VAL, "y");
    int r0 = tdm_model_add_row(m, TDM_ROW_BALANCE, 3, NULL, 0, NULL, "sum");
    int r1 = tdm_model_add_row(m, TDM_ROW_SPEC, 1, "x", 1, NULL, "x spec");
    tdm_model_coef(m, r0, x, 1);
    tdm_model_coef(m, r0, y, 1);
    tdm_model_coef(m, r1, x, 1);
    double v[2];
    tdm_error err;
    if (tdm_model_solve(m, NULL, v, "t.ini", &err) || fabs(v[x] - 1) > 1e-12 ||
        fabs(v[y] - 2) > 1e-12) {
        tdm_model_free(m);
        return NULL;
    }
    return m;
}

/* Owner 1's row x - k y = 0, declared again in update mode (k = 0: x alone). */
static void
redeclare_ratio(tdm_model *m, int x, int y, double k)
{
    tdm_error err;
    assert_int_equal(tdm_model_update_begin(m, 1, &err), 0);
    int r = tdm_model_add_row(m, TDM_ROW_SPEC, 0, "ratio", 2, NULL, "ratio");
    assert_true(r >= 0);
    tdm_model_coef(m, r, x, 1);
    if (k != 0) tdm_model_coef(m, r, y, -k);
    assert_int_equal(tdm_model_update_end(m, &err), 0);
}

/* A re-solve on the kept basis writes again only the rows changed since the last one: the
 * rows left alone must keep their part, a changed row its new numbers, a moved bound of a
 * non-basic column the right-hand sides of every row it is in, and a row whose basic
 * entries changed in number the whole matrix. Model: x + y + z = 6 (owner 0), x - k y = 0
 * (owner 1), z fixed by its bounds (owner 2). By hand: k = 2, z = 2: x + y = 4, x = 2y,
 * y = 4/3, x = 8/3; k = 3: y = 1, x = 3; then z = 5: x + y = 1, y = 1/4, x = 3/4; then the
 * row x = 0 alone (y leaves it): x = 0, y = 1; then k = 3 again: y = 1/4, x = 3/4. Every
 * re-solve is on the kept basis (no simplex run). */
static void
test_a_re_solve_writes_again_only_what_changed(void **state)
{
    (void)state;
    tdm_model *m = tdm_model_new();
    assert_non_null(m);
    tdm_model_begin_owner(m, 0);
    int x = tdm_model_add_col(m, 0, HUGE_VAL, "x"), y = tdm_model_add_col(m, 0, HUGE_VAL, "y");
    int sum = tdm_model_add_row(m, TDM_ROW_BALANCE, 6, NULL, 0, NULL, "sum");
    tdm_model_begin_owner(m, 1);
    int ratio = tdm_model_add_row(m, TDM_ROW_SPEC, 0, "ratio", 2, NULL, "ratio");
    tdm_model_begin_owner(m, 2);
    int z = tdm_model_add_col(m, 2, 2, "z");
    tdm_model_coef(m, sum, x, 1);
    tdm_model_coef(m, sum, y, 1);
    tdm_model_coef(m, sum, z, 1);
    tdm_model_coef(m, ratio, x, 1);
    tdm_model_coef(m, ratio, y, -2);
    double v[3];
    tdm_error err;
    assert_int_equal(tdm_model_solve(m, NULL, v, "t.ini", &err), 0);
    assert_close(v[x], 8.0 / 3, 1e-12);
    assert_close(v[y], 4.0 / 3, 1e-12);
    int runs = tdm_model_simplex_runs(m);

    redeclare_ratio(m, x, y, 3);
    assert_int_equal(tdm_model_solve(m, NULL, v, "t.ini", &err), 0);
    assert_close(v[x], 3, 1e-12);
    assert_close(v[y], 1, 1e-12);

    assert_int_equal(tdm_model_update_begin(m, 2, &err), 0);
    assert_int_equal(tdm_model_add_col(m, 5, 5, "z"), z);
    assert_int_equal(tdm_model_update_end(m, &err), 0);
    assert_int_equal(tdm_model_solve(m, NULL, v, "t.ini", &err), 0);
    assert_close(v[x], 0.75, 1e-12);
    assert_close(v[y], 0.25, 1e-12);
    assert_close(v[z], 5, 0);

    redeclare_ratio(m, x, y, 0);
    assert_int_equal(tdm_model_solve(m, NULL, v, "t.ini", &err), 0);
    assert_close(v[x], 0, 1e-12);
    assert_close(v[y], 1, 1e-12);

    redeclare_ratio(m, x, y, 3);
    assert_int_equal(tdm_model_solve(m, NULL, v, "t.ini", &err), 0);
    assert_close(v[x], 0.75, 1e-12);
    assert_close(v[y], 0.25, 1e-12);
    assert_int_equal(tdm_model_simplex_runs(m), runs);
    tdm_model_free(m);
}

/* A row declared after the solve would be unknown to the kept GLPK problem and basis: the
 * next solve is a broken contract (a unit kind declares all its rows before the first). */
static int
solve_after_adding_a_row(void *arg)
{
    (void)arg;
    tdm_model *m = solved_pair();
    if (!m || tdm_model_add_row(m, TDM_ROW_SPEC, 2, "y", 2, NULL, "y spec") < 0) return 1;
    double v[2];
    tdm_error err;
    int rc = tdm_model_solve(m, NULL, v, "t.ini", &err);
    tdm_model_free(m);
    return !(rc != 0 && err.cls == TDM_EAPI &&
             strstr(err.msg, "added after the model was first solved"));
}

/* Solving in the middle of an update (update_begin without update_end). */
static int
solve_mid_update(void *arg)
{
    (void)arg;
    tdm_model *m = solved_pair();
    tdm_error err;
    if (!m || tdm_model_update_begin(m, -1, &err)) return 1;
    double v[2];
    int rc = tdm_model_solve(m, NULL, v, "t.ini", &err);
    tdm_model_free(m);
    return !(rc != 0 && err.cls == TDM_EAPI && strstr(err.msg, "call update_end"));
}

static void
test_rows_added_after_the_first_solve_are_refused(void **state)
{
    (void)state;
    tdm_model *m = solved_pair();
    assert_non_null(m); /* the right use solves */
    tdm_model_free(m);
    assert_contract_broken(solve_after_adding_a_row, NULL, "tdm_model_solve");
    assert_contract_broken(solve_mid_update, NULL, "tdm_model_solve");
}

/* tests/data/one_cell_fixed.ini (one_cell_mea.ini with a fixed cell) solved with one key
 * changed; NULL key for the file as it is */
static tdm_flowsheet *
solve_one_cell(const char *unit, const char *key, const char *value, tdm_simulation *sim)
{
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/one_cell_fixed.ini", root ? root : ".");
    tdm_flowsheet *fs = NULL;
    tdm_error err;
    if (tdm_flowsheet_load(path, &fs, &err)) {
        print_error("load failed: %s\n", err.msg);
        fail();
    }
    if (unit && tdm_flowsheet_set(fs, NULL, unit, key, value, &err)) {
        print_error("set failed: %s\n", err.msg);
        fail();
    }
    return solve_loaded(fs, sim);
}

static void
test_values_near_zero_beside_large_ones_solve_exactly(void **state)
{
    (void)state;
    /* A carbonate crossover of 1e-30 mol/mol e- beside flows of 100 mol/s: double precision
     * alone gave a plant with no fresh CO2 whose carbon did not close (it blamed tandem);
     * the exact re-solve gives the plant without crossover, to the closure tolerance (the
     * crossover moves some 1e-28 mol/s; the floating-point answer for 0 is itself good to
     * some 1e-11). The same for a PSA that recovers 1e-30 of its CO2, which the
     * floating-point simplex called a contradiction. */
    static const struct {
        const char *unit, *key, *tiny, *zero;
    } cases[] = {
        {"cell", "carbonate_crossover", "1e-30", "0"},
        {"co2_psa", "recovery.CO2", "1e-30, rest", "0, rest"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        tdm_simulation tiny, zero;
        tdm_flowsheet *a = solve_one_cell(cases[c].unit, cases[c].key, cases[c].tiny, &tiny);
        tdm_flowsheet *b = solve_one_cell(cases[c].unit, cases[c].key, cases[c].zero, &zero);
        assert_true(tiny.results->summary.closed);
        assert_close(stream_flow(tiny.results, "fresh_co2", "CO2"),
                     stream_flow(zero.results, "fresh_co2", "CO2"), 1e-9);
        assert_true(stream_flow(tiny.results, "fresh_co2", "CO2") > 1);
        assert_close(tiny.results->summary.electric_w, zero.results->summary.electric_w, 1e-9);
        assert_close(stream_flow(tiny.results, "c2h4_out", "C2H4"),
                     stream_flow(zero.results, "c2h4_out", "C2H4"), 1e-9);
        tdm_simulation_free(&tiny);
        tdm_simulation_free(&zero);
        tdm_flowsheet_free(a);
        tdm_flowsheet_free(b);
    }
}

static void
test_a_small_deficit_beside_a_large_power_is_named(void **state)
{
    (void)state;
    /* tests/data/one_cell_fixed.ini: 100 t/day of C2H4 sold is 41.257 mol/s, 41.673 made (the
     * PSA passes 99 %), at 0.6/12 = 0.05 mol per mol of electrons: e = 833.46 mol/s, and
     * 3.5 V x F x e = 281 MW. The conversion X sets the cell's CO2 inlet, X in = 0.15 e (its
     * products take 0.6 x 2/12 + 0.1/2 = 0.15 mol CO2 per mol e-), and the cathode takes
     * 0.15 e + 0.5 e (carbonate) from it: past X = 3/13 the outlet would hold
     * (0.15 / X - 0.65) x 833.46 mol/s of CO2, -0.54121 at X = 0.231 (0.1 % short) and
     * -0.072224 at X = 0.2308 (0.013 % short). One tolerance scaled by the largest value in
     * the model, the 2.8e8 W, called the second rounding (under 0.28 mol/s): the message
     * said the balances contradicted each other even with negative flows. */
    const char *root = getenv("TANDEM_SOURCE_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/one_cell_fixed.ini", root ? root : ".");
    static const char *const Xs[] = {"0.231", "0.2308"};
    for (int c = 0; c < 2; c++) {
        tdm_flowsheet *fs = NULL;
        tdm_error err;
        assert_int_equal(tdm_flowsheet_load(path, &fs, &err), 0);
        assert_int_equal(tdm_flowsheet_set(fs, NULL, "cell", "single_pass_conversion", Xs[c], &err),
                         0);
        tdm_simulation sim;
        tdm_simulation_init(&sim, fs);
        assert_int_not_equal(tdm_simulate(&sim, &err), 0);
        assert_int_equal(err.cls, TDM_ESOLVE);
        const char *want = "[cell] CO2 balance at the cathode cannot hold with non-negative "
                           "flows: CO2 in stream `cathode_gas` (mol/s) would be ";
        const char *at = strstr(err.msg, want);
        if (!at) print_error("X = %s: %s\n", Xs[c], err.msg);
        assert_non_null(at);
        assert_close(strtod(at + strlen(want), NULL), (0.15 / atof(Xs[c]) - 0.65) * 833.46, 1e-3);
        tdm_simulation_free(&sim);
        tdm_flowsheet_free(fs);
    }
}

/* n mixers and n splitters nested: the splitter of level i sends `frac` of its flow back to
 * the mixer of level i, so the core carries 1/(1 - frac)^n of the feed. */
static char *
recycle_nest(int n, const char *frac)
{
    size_t cap = 200 + (size_t)n * 160, len = 0;
    char *t = malloc(cap);
    assert_non_null(t);
    len += (size_t)snprintf(t + len, cap - len,
                            "[flowsheet]\nmain_product = CO2\n[feed]\nkind = feed\nout = x0\n"
                            "composition.CO2 = 1\nflow = 1 mol/s\n");
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(t + len, cap - len,
                                "[m%d]\nkind = mixer\nin = x%d, r%d\nout = x%d\n", i, i, i, i + 1);
    len +=
        (size_t)snprintf(t + len, cap - len,
                         "[core]\nkind = heater\nin = x%d\nout = y%d\ntemperature = 30 C\n", n, n);
    for (int i = n - 1; i >= 0; i--)
        len += (size_t)snprintf(t + len, cap - len,
                                "[s%d]\nkind = splitter\nin = y%d\nout = r%d, y%d\n"
                                "fractions = %s, rest\n",
                                i, i + 1, i, i, frac);
    snprintf(t + len, cap - len, "[p]\nkind = product\nin = y0\n");
    return t;
}

static void
test_recycle_nests_beyond_double_precision_are_told_in_words(void **state)
{
    (void)state;
    /* 1,000 levels at 50 %: the core carries 2^1000 = 1.07e301 mol/s; every ratio of the
     * model is beyond 16 digits. Not a contradiction in the file, not tandem's fault. */
    char *text = recycle_nest(1000, "0.5");
    tdm_error err = fail_text(text);
    free(text);
    assert_int_equal(err.cls, TDM_ESOLVE);
    assert_null(strstr(err.msg, "report it"));
    assert_null(strstr(err.msg, "nan"));
    assert_null(strstr(err.msg, "inf W"));
    assert_non_null(strstr(err.msg, "no solution in double precision, though the balances "
                                    "are independent"));
    assert_non_null(strstr(err.msg, "the flowsheet is not at fault"));
    /* 300 levels: 2^300 = 2e90, so elimination rounds the balances into dependence; the
     * rank test says they are independent in their structure, only not in their numbers */
    text = recycle_nest(300, "0.5");
    err = fail_text(text);
    free(text);
    assert_null(strstr(err.msg, "report it"));
    assert_non_null(strstr(err.msg, "independent in their structure"));
    /* 10,000 levels at 0.1 %: the core carries 1/0.999^10000 = e^(10000 x 0.0010005) =
     * 22,180 times the feed (10000 ln(1/0.999) = 10.00500), a legal plant that solves and
     * closes */
    tdm_simulation sim;
    text = recycle_nest(10000, "0.001");
    tdm_flowsheet *fs = solve_text(text, &sim);
    free(text);
    assert_true(sim.results->summary.closed);
    assert_close(stream_flow(sim.results, "x10000", "CO2"), exp(10000 * -log(0.999)), 1e-9);
    assert_close(stream_flow(sim.results, "y0", "CO2"), 1.0, 1e-9);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_results_that_do_not_close_are_an_error_naming_the_unit),
        cmocka_unit_test(test_an_element_at_rounding_noise_is_no_imbalance),
        cmocka_unit_test(test_a_badly_scaled_row_is_named_in_a_warning),
        cmocka_unit_test(test_milligrams_an_hour_and_megatonnes_a_year_solve_alike),
        cmocka_unit_test(test_a_near_singular_recycle_is_named),
        cmocka_unit_test(test_a_missing_scale_names_the_keys_that_would_fix_it),
        cmocka_unit_test(test_two_missing_specs_need_two_keys),
        cmocka_unit_test(test_a_redundant_spec_is_named_for_removal),
        cmocka_unit_test(test_a_conversion_that_needs_more_co2_than_fed_names_the_cathode_balance),
        cmocka_unit_test(test_a_species_trapped_in_a_recycle_is_told_apart_from_a_repeated_spec),
        cmocka_unit_test(test_changing_parameters_in_place_matches_a_fresh_solve),
        cmocka_unit_test(test_a_change_the_kept_basis_cannot_answer_goes_to_the_simplex),
        cmocka_unit_test(test_dof_counts_variables_and_equations),
        cmocka_unit_test(test_rows_added_after_the_first_solve_are_refused),
        cmocka_unit_test(test_a_re_solve_writes_again_only_what_changed),
        cmocka_unit_test(test_values_near_zero_beside_large_ones_solve_exactly),
        cmocka_unit_test(test_a_small_deficit_beside_a_large_power_is_named),
        cmocka_unit_test(test_recycle_nests_beyond_double_precision_are_told_in_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
