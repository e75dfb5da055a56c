/* Cost data and pricing: every malformed cost file in tests/costs/ gets its file:line:column
 * message (exit 2, nothing on stdout); cost scaling and index escalation on a case worked
 * by hand. */
#include <dirent.h>
#include <unistd.h>

#include "../run_cmd.h"
#include "../support.h"
#include "table.h"
#include "tandem/arena.h"
#include "tandem/tea.h"

static const char *root;

static void
test_each_malformed_cost_file_names_file_line_and_column(void **state)
{
    (void)state;
    char dir[600];
    snprintf(dir, sizeof dir, "%s/tests/costs", root);
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".ini") != 0) continue;
        char path[1200], fs[700], line[512] = "";
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(fs, sizeof fs, "%s/flowsheets/validation/jouny2018_co.ini", root);
        FILE *f = fopen(path, "r");
        assert_non_null(f);
        assert_non_null(fgets(line, sizeof line, f));
        fclose(f);
        line[strcspn(line, "\n")] = '\0';
        const char *tag = "; expect: ";
        assert_memory_equal(line, tag, strlen(tag));
        char expect[1200];
        snprintf(expect, sizeof expect, "%s/%s", root, line + strlen(tag));
        run_result r = run_tandem((const char *[]){"cost", fs, "--scenario", path, NULL});
        if (r.status != 2 || strncmp(r.err, expect, strlen(expect)) != 0 || r.out[0]) {
            print_error("%s\n  expected: %s\n  got (%d): %s\n", e->d_name, expect, r.status, r.err);
            run_free(&r);
            fail();
        }
        run_free(&r);
        n++;
    }
    closedir(d);
    assert_true(n >= 10);
}

static void
write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void
test_scaling_and_escalation_by_hand(void **state)
{
    (void)state;
    /* A compressor taking 1 mol/s of N2 from 1 to 3 bar at 80 % (its shaft power W comes from
     * the solve). Cost curve: 100,000 $ + 50,000 $ x (W / 10 kW)^0.6 in 2010 dollars,
     * installation 2.5; scenario in 2020 with CEPCI 2010 = 550.8, 2020 = 596.2 (the shipped
     * index). Installed = (100000 + 50000 (W/10 kW)^0.6) x 596.2 / 550.8 x 2.5. Capital
     * recovery at 8 % over 10 years: CRF = 0.08 / (1 - 1.08^-10) = 0.149029; electricity
     * 0.10 $/kWh at a capacity factor of 0.5 (4380 h/yr). */
    char dir[] = "/tmp/tandem-costs-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char eq[128], pr[128], ix[128], sc[128];
    snprintf(eq, sizeof eq, "%s/eq.csv", dir);
    snprintf(pr, sizeof pr, "%s/pr.csv", dir);
    snprintf(ix, sizeof ix, "%s/ix.csv", dir);
    snprintf(sc, sizeof sc, "%s/s.ini", dir);
    write_file(eq, "item,category,basis,size_unit,fixed_cost,base_size,base_cost,exponent,year,"
                   "installation,lifetime,maintenance,source\n"
                   "compressor,compression,power,kW,100000,10,50000,0.6,2010,2.5,,0,test\n");
    write_file(pr, "item,price,unit,year,source\nelectricity,0.10,$/kWh,2020,test\n"
                   "N2,200,$/t,2020,test\n");
    write_file(ix, "year,index,source\n2010,550.8,CE\n2020,596.2,CE\n");
    write_file(sc, "[scenario]\nyear = 2020\nequipment = eq.csv\nprices = pr.csv\nindex = ix.csv\n"
                   "convention = crf\ndiscount_rate = 8 %\nplant_life = 10 yr\n"
                   "capacity_factor = 0.5\n");
    const char *text =
        "[flowsheet]\nmain_product = N2\nkey_reactant = N2\n"
        "[f]\nkind = feed\nout = a\ncomposition.N2 = 1\nflow = 1 mol/s\n"
        "[c]\nkind = compressor\nin = a\nout = b\npressure = 3 bar\nefficiency = 0.8\n"
        "[p]\nkind = product\nin = b\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    tdm_scenario *s;
    tdm_error err;
    if (tdm_scenario_load(sc, &s, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
    tdm_tea *t = calloc(1, sizeof *t);
    assert_int_equal(tdm_tea_evaluate(sim.results, s, t, &err), 0);
    double W = unit_value(sim.results, "c", "power");
    double installed = (100000 + 50000 * pow(W / 10000, 0.6)) * 596.2 / 550.8 * 2.5;
    assert_int_equal(t->ncapex, 1);
    assert_close(t->capex[0].escalation, 596.2 / 550.8, 1e-12);
    assert_close(t->capex[0].installed, installed, 1e-12);
    /* Production: 1 mol/s x 28.014 g/mol x 4380 h = 441.7 t/yr; it is bought at 200 $/t
     * and sold at 200 $/t, so the levelized price is 200 $/t plus capital and power:
     * (0.149029 x installed + W x 4380 h x 0.10 $/kWh) / tonnes + 200. */
    double tons = 0.028014 * 4380 * 3600 / 1000;
    double crf = 0.08 / (1 - pow(1.08, -10));
    assert_close(crf, 0.149029, 1e-5);
    assert_close(t->production_t, tons, 1e-4);
    assert_close(t->lcop, (crf * installed + W / 1000 * 4380 * 0.10) / tons + 200, 1e-4);
    /* The same curve priced per size and by the plant's rate too (Orella et al.'s stack
     * price): base rate half the plant's 0.028014 kg/s, exponent 0.5: x 2^0.5. */
    tdm_scenario_free(s);
    write_file(eq, "item,category,basis,size_unit,fixed_cost,base_size,base_cost,exponent,year,"
                   "installation,lifetime,maintenance,source,base_rate,rate_exponent\n"
                   "compressor,compression,power,kW,100000,10,50000,0.6,2010,2.5,,0,test,"
                   "0.014007 kg/s,0.5\n");
    if (tdm_scenario_load(sc, &s, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
    assert_int_equal(tdm_tea_evaluate(sim.results, s, t, &err), 0);
    assert_close(t->capex[0].rate_factor, sqrt(2), 1e-12);
    assert_close(t->capex[0].installed, installed * sqrt(2), 1e-12);
    free(t);
    tdm_scenario_free(s);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    unlink(eq);
    unlink(pr);
    unlink(ix);
    unlink(sc);
    rmdir(dir);
}

static void
test_units_past_the_list_of_unpriced_ones_are_counted(void **state)
{
    (void)state;
    /* 300 separators without an equipment item: the list holds TDM_MAX_COST_LINES = 256
     * of them, and the other 300 - 256 = 44 are counted, not dropped without a word */
    size_t cap = 300 * 200 + 400, at = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    at += (size_t)snprintf(text + at, cap - at,
                           "[flowsheet]\nmain_product = CO2\n[f]\nkind = feed\nout = s0\n"
                           "composition.CO2 = 1\nflow = 10 mol/s\n");
    for (int i = 0; i < 300; i++)
        at += (size_t)snprintf(text + at, cap - at,
                               "[u%d]\nkind = separator\nin = s%d\nout = s%d, w%d\n"
                               "specific_energy = 0.1 GJ/t\nrecovery.CO2 = 0.999, rest\n"
                               "[v%d]\nkind = product\nrole = vent\nin = w%d\n",
                               i, i, i + 1, i, i, i);
    snprintf(text + at, cap - at, "[p]\nkind = product\nin = s300\n");
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    free(text);
    char sc[600];
    snprintf(sc, sizeof sc, "%s/costs/base2023.ini", root);
    tdm_scenario *s;
    tdm_error err;
    assert_int_equal(tdm_scenario_load(sc, &s, &err), 0);
    tdm_tea *t = calloc(1, sizeof *t);
    assert_int_equal(tdm_tea_evaluate(sim.results, s, t, &err), 0);
    assert_int_equal(t->nunpriced, 256);
    assert_int_equal(t->unpriced_more, 44);
    free(t);
    tdm_scenario_free(s);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_table_of_more_than_100000_rows_is_refused(void **state)
{
    (void)state;
    /* a header and 100,001 rows: one more than the limit; the message names the line of
     * the first row too many, 100,002 */
    size_t cap = 100002 * 24 + 64, at = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    at += (size_t)snprintf(text, cap, "year,index,source\n");
    for (int i = 0; i < 100001; i++)
        at += (size_t)snprintf(text + at, cap - at, "%d,500,x\n", 1900 + i % 200);
    tdm_arena *a = tdm_arena_new();
    tdm_table t;
    tdm_error err;
    assert_int_not_equal(tdm_table_read_string(text, at, "big.csv", a, &t, &err), 0);
    assert_string_equal(err.msg, "big.csv:100002: more than 100000 rows");
    tdm_arena_free(a);
    free(text);
}

static void
test_depreciation_and_price_names_read_from_the_scenario(void **state)
{
    (void)state;
    char path[600];
    snprintf(path, sizeof path, "%s/costs/base2023.ini", root);
    tdm_scenario *sc;
    tdm_error err;
    assert_int_equal(tdm_scenario_load(path, &sc, &err), 0);
    /* straight-line over 10 years; over the plant's life when no years are given */
    assert_int_equal(tdm_scenario_set(sc, "depreciation", "straight-line 10 yr", &err), 0);
    assert_int_equal(sc->macrs, 0);
    assert_int_equal(sc->depreciation_years, 10);
    assert_int_equal(tdm_scenario_set(sc, "depreciation", "straight-line", &err), 0);
    assert_int_equal(sc->depreciation_years, 0);
    assert_int_equal(tdm_scenario_set(sc, "depreciation", "macrs 5", &err), 0);
    assert_int_equal(sc->macrs, 5);
    /* a price by another case of a priced item, or of a species, is a typo */
    assert_int_not_equal(tdm_scenario_set(sc, "prices.co2", "40 $/t", &err), 0);
    assert_non_null(strstr(err.msg, "[prices] `co2`: no item of that name; did you mean `CO2`?"));
    assert_int_not_equal(tdm_scenario_set(sc, "prices.c3h6", "900 $/t", &err), 0);
    assert_non_null(strstr(err.msg, "did you mean `C3H6`?"));
    /* a name of its own is a new item (a flowsheet's own species) */
    assert_int_equal(tdm_scenario_set(sc, "prices.DEE", "2000 $/t", &err), 0);
    tdm_scenario_free(sc);
}

static void
test_equipment_keys_that_cannot_price_a_unit_are_refused(void **state)
{
    (void)state;
    /* a CO2 regenerator (the separator of tests/unit) with its `equipment` key */
    static const struct {
        const char *equipment, *expect;
    } cases[] = {
        /* `none` in a list once reached the table lookup as a null name and crashed */
        {"psa, none", "test.ini:16: [s] `equipment = psa, none`: `none` stands alone (it prices "
                      "nothing)"},
        {"psa, psa, psa, psa, psa", "test.ini:16: [s] `equipment` lists up to 4 items"},
        {"psa,, compressor", "test.ini:16: [s] `equipment` lists up to 4 items"},
        {"nosuch", "test.ini:16: [s] equipment item `nosuch` is not in "},
        {"electrolyzer_stack", "test.ini:16: [s] item `electrolyzer_stack` is priced by area, "
                               "which a separator does not have"},
    };
    char sc[600];
    snprintf(sc, sizeof sc, "%s/costs/base2023.ini", root);
    tdm_scenario *s;
    tdm_error err;
    assert_int_equal(tdm_scenario_load(sc, &s, &err), 0);
    tdm_tea *t = calloc(1, sizeof *t);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[1200];
        snprintf(text, sizeof text,
                 "[flowsheet]\nmain_product = CO2\n[f]\nkind = feed\nout = a\n"
                 "composition.CO2 = 0.6666666666666667\ncomposition.O2 = 0.3333333333333333\n"
                 "flow = 3 mol/s\n[s]\nkind = separator\nin = a\nout = b, c\n"
                 "recovery.CO2 = 0.95, rest\nspecific_energy = 4 GJ/t\nenergy_basis = CO2\n"
                 "equipment = %s\n[p]\nkind = product\nin = b\n"
                 "[q]\nkind = product\nrole = vent\nspecies = O2\nin = c\n",
                 cases[i].equipment);
        tdm_simulation sim;
        tdm_flowsheet *fs = solve_text(text, &sim);
        int rc = tdm_tea_evaluate(sim.results, s, t, &err);
        if (rc == 0 || !strstr(err.msg, cases[i].expect)) {
            print_error("case %zu: `%s`, expected `%s`\n", i, rc ? err.msg : "(priced)",
                        cases[i].expect);
            fail();
        }
        tdm_simulation_free(&sim);
        tdm_flowsheet_free(fs);
    }
    /* `equipment = none`: the unit is priced at nothing, and not listed as unpriced */
    {
        tdm_simulation sim;
        tdm_flowsheet *fs =
            solve_text("[flowsheet]\nmain_product = CO2\n[f]\nkind = feed\nout = a\n"
                       "composition.CO2 = 0.6666666666666667\ncomposition.O2 = 0.3333333333333333\n"
                       "flow = 3 mol/s\n[s]\nkind = separator\nin = a\nout = b, c\n"
                       "recovery.CO2 = 0.95, rest\nspecific_energy = 4 GJ/t\nenergy_basis = CO2\n"
                       "equipment = none\n[p]\nkind = product\nin = b\n"
                       "[q]\nkind = product\nrole = vent\nspecies = O2\nin = c\n",
                       &sim);
        assert_int_equal(tdm_tea_evaluate(sim.results, s, t, &err), 0);
        assert_int_equal(t->ncapex, 0);
        assert_int_equal(t->nunpriced, 0);
        /* prices by the wrong measure */
        assert_int_equal(tdm_scenario_set(s, "prices.electricity", "0.05 $/kg", &err), 0);
        assert_int_not_equal(tdm_tea_evaluate(sim.results, s, t, &err), 0);
        assert_non_null(
            strstr(err.msg, "the price of electricity (0.05 $/kg) is not per energy, e.g. $/kWh"));
        assert_int_equal(tdm_scenario_set(s, "prices.electricity", "0.05 $/kWh", &err), 0);
        assert_int_equal(tdm_scenario_set(s, "prices.CO2", "40 $/kWh", &err), 0);
        assert_int_not_equal(tdm_tea_evaluate(sim.results, s, t, &err), 0);
        assert_non_null(strstr(err.msg, "the price of CO2 (40 $/kWh) is not per mass, e.g. $/t"));
        tdm_simulation_free(&sim);
        tdm_flowsheet_free(fs);
    }
    free(t);
    tdm_scenario_free(s);
}

/* A flowsheet that names no scenario is priced with costs/base2023.ini of the first data
 * directory that holds one; found nowhere, the message names every place searched. A
 * `scenario` key that names no file is an error at its line. */
static void
test_the_default_scenario_is_looked_for_in_order_and_every_place_is_named(void **state)
{
    (void)state;
    static const char plant[] = "[flowsheet]\nmain_product = CO\n\n[co2]\nkind = feed\n"
                                "out = s\ncomposition.CO2 = 1\n\n[p]\nkind = product\n"
                                "in = s\nrate = 1 t/day\n";
    tdm_flowsheet *fs;
    tdm_error err;
    assert_int_equal(
        tdm_flowsheet_load_string(plant, strlen(plant), "/tmp/user/plant.ini", &fs, &err), 0);
    tdm_data_place places[3] = {
        {"$TANDEM_DATA", ""}, {"installed", "/nonexistent/share/tandem"}, {"source tree", ""}};
    snprintf(places[2].path, sizeof places[2].path, "%s", root);
    char path[1200];
    assert_int_equal(tdm_scenario_locate_in(fs, places, 3, path, sizeof path, &err), 0);
    char want[1200];
    snprintf(want, sizeof want, "%s/costs/base2023.ini", root);
    assert_string_equal(path, want);
    /* none of the places holds it */
    assert_int_not_equal(tdm_scenario_locate_in(fs, places, 2, path, sizeof path, &err), 0);
    assert_int_equal(err.cls, TDM_EINPUT);
    assert_string_equal(err.msg,
                        "/tmp/user/plant.ini: no cost scenario: the file names none ([flowsheet] "
                        "scenario) and costs/base2023.ini is in none of the data directories: "
                        "$TANDEM_DATA (not set), installed (/nonexistent/share/tandem)");
    tdm_flowsheet_free(fs);

    static const char named[] = "[flowsheet]\nmain_product = CO\nscenario = ../costs/mine.ini\n"
                                "\n[co2]\nkind = feed\nout = s\ncomposition.CO2 = 1\n\n[p]\n"
                                "kind = product\nin = s\nrate = 1 t/day\n";
    assert_int_equal(
        tdm_flowsheet_load_string(named, strlen(named), "/tmp/user/plant.ini", &fs, &err), 0);
    assert_int_not_equal(tdm_scenario_locate_in(fs, places, 3, path, sizeof path, &err), 0);
    assert_string_equal(err.msg, "/tmp/user/plant.ini:3: [flowsheet] scenario `../costs/mine.ini`: "
                                 "there is no such file (/tmp/user/../costs/mine.ini, relative "
                                 "to the flowsheet's folder)");
    tdm_flowsheet_free(fs);
}

/* The command line: a scenario found nowhere suggests --scenario; a command that prices
 * nothing refuses `--set scenario.*` instead of dropping it; optimize prices with it. */
static void
test_scenario_sets_reach_every_pricing_command_and_no_other(void **state)
{
    (void)state;
    char fs[700];
    snprintf(fs, sizeof fs, "%s/flowsheets/one_cell_mea.ini", root);
    run_result r = run_tandem((const char *[]){"solve", fs, "--set", "scenario.nonsense=1", NULL});
    assert_int_equal(r.status, 2);
    assert_string_equal(r.out, "");
    assert_non_null(strstr(r.err, "`--set scenario.nonsense=1` changes the cost scenario, which "
                                  "`tandem solve` does not use"));
    run_free(&r);
    /* optimize under min_cost prices with the --set price: at 0.5 $/kWh instead of the
     * scenario's 0.0815 $/kWh. Wherever the optimizer puts the conversion, the one-cell
     * plant's cell needs at least E_rev + its overpotentials at 200 mA/cm2, 1.158 + 1.286 +
     * 0.300 + 0.2 = 2.944 V (tests/flowsheets), at an FE of at most 0.70: 41.27 GJ/t x
     * 2.944 / 0.70 = 173.6 GJ/t = 48.2 MWh/t, which alone adds more than (0.5 - 0.0815) x
     * 48,000 = 20,088 $/t to the levelized cost */
    double lcop[2];
    for (int k = 0; k < 2; k++) {
        const char *args[] = {
            "optimize", fs,    "--objective",      "min_cost",
            "--format", "csv", k ? "--set" : NULL, "scenario.prices.electricity=0.5 $/kWh",
            NULL};
        r = run_tandem(args);
        assert_int_equal(r.status, 0);
        const char *row = "\nobjective,min_cost,optimum,$/t,";
        const char *at = strstr(r.out, row);
        if (!at) print_error("%s\n%s\n", r.out, r.err);
        assert_non_null(at);
        lcop[k] = atof(at + strlen(row));
        run_free(&r);
    }
    assert_true(lcop[1] - lcop[0] > (0.5 - 0.0815) * 48000);
    /* an objective that prices nothing still takes the scenario's --set, or refuses it: it
     * was dropped without a word */
    r = run_tandem((const char *[]){"optimize", fs, "--objective", "min_energy", "--set",
                                    "scenario.nonsense=1", NULL});
    assert_int_equal(r.status, 2);
    assert_string_equal(r.out, "");
    assert_non_null(strstr(r.err, "unknown key `nonsense`"));
    assert_non_null(strstr(r.err, "(the value comes from `--set scenario.nonsense=1`)"));
    run_free(&r);
}

/* The cash-flow table has one set of columns (tdm_cash_columns): cash_flow.csv, the cost
 * report's CSV and its JSON carry the same ones, the same values, in the same order (the
 * report once left out `taxable`). And the table keeps its definitions (the workbook's
 * formulas, src/tea/finance.c): in a year of operation taxable = revenue - operating -
 * additional - replacement - depreciation, and in every year net = revenue - operating -
 * additional - replacement - tax - capital - working capital. */
static void
test_every_writer_of_the_cash_flow_has_its_columns(void **state)
{
    (void)state;
    char fs[700], dir[] = "/tmp/tandem-cash-XXXXXX", path[700];
    snprintf(fs, sizeof fs, "%s/flowsheets/one_cell_mea.ini", root);
    assert_non_null(mkdtemp(dir));
    run_result files = run_tandem((const char *[]){"cost", fs, "-o", dir, NULL});
    run_result csv = run_tandem((const char *[]){"cost", fs, "--format", "csv", NULL});
    run_result json = run_tandem((const char *[]){"cost", fs, "--format", "json", NULL});
    assert_int_equal(files.status, 0);
    assert_int_equal(csv.status, 0);
    assert_int_equal(json.status, 0);
    snprintf(path, sizeof path, "%s/cash_flow.csv", dir);
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[4096], keys[16][32];
    int nk = 0, rows = 0;
    assert_non_null(fgets(line, sizeof line, f));
    line[strcspn(line, "\n")] = '\0';
    for (char *t = strtok(line, ","); t; t = strtok(NULL, ","))
        snprintf(keys[nk++], sizeof keys[0], "%s", t);
    assert_int_equal(nk, 13);
    assert_string_equal(keys[0], "year");
    while (fgets(line, sizeof line, f)) {
        double v[16];
        int k = 0;
        for (char *t = strtok(line, ","); t && k < 16; t = strtok(NULL, ","))
            v[k++] = atof(t);
        assert_int_equal(k, nk);
        int year = (int)v[0];
        /* the report's CSV: one row per column, the same value */
        for (int c = 1; c < nk; c++) {
            char want[200];
            snprintf(want, sizeof want, "\ncash_flow,%d,%s,$,", year, keys[c]);
            const char *at = strstr(csv.out, want);
            if (!at) print_error("no `%s` in the cost report's CSV\n", want + 1);
            assert_non_null(at);
            assert_true(fabs(atof(at + strlen(want)) - v[c]) <= 1e-9 * fabs(v[c]) + 1e-6);
        }
        /* the JSON's record of the year: the same keys in the same order */
        char head[64];
        snprintf(head, sizeof head, "{\"year\": %d, ", year);
        const char *rec = strstr(json.out, head);
        assert_non_null(rec);
        const char *p = rec + strlen(head);
        for (int c = 1; c < nk; c++) {
            char key[64];
            snprintf(key, sizeof key, "\"%s\": ", keys[c]);
            assert_memory_equal(p, key, strlen(key));
            p += strlen(key);
            assert_true(fabs(atof(p) - v[c]) <= 1e-9 * fabs(v[c]) + 1e-6);
            p += strcspn(p, ",}") + (p[strcspn(p, ",}")] == ',' ? 2 : 0);
        }
        /* the definitions: columns 1..12 are capital, working_capital, revenue, operating,
         * additional, replacement, depreciation, taxable, tax, net, discounted, cumulative */
        /* cash_flow.csv keeps 10 digits: the sums to 1e-9 of the terms' size */
        double scale = 1;
        for (int c = 1; c <= 10; c++)
            scale += fabs(v[c]);
        if (year >= 1) assert_true(fabs(v[8] - (v[3] - v[4] - v[5] - v[6] - v[7])) <= 1e-9 * scale);
        assert_true(fabs(v[10] - (v[3] - v[4] - v[5] - v[6] - v[9] - v[1] - v[2])) <= 1e-9 * scale);
        rows++;
    }
    fclose(f);
    assert_true(rows > 20);
    run_free(&files);
    run_free(&csv);
    run_free(&json);
    char cmd[800];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

/* compare shows `-` for a flowsheet it cannot price, and says why under the table */
static void
test_compare_says_why_a_cost_column_is_empty(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-compare-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[600];
    snprintf(path, sizeof path, "%s/mine.ini", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("[flowsheet]\nmain_product = CO\nscenario = nowhere.ini\n\n[co2]\nkind = feed\n"
          "out = fresh\ncomposition.CO2 = 1\n\n[cell]\nkind = electrolyzer\nin = fresh\n"
          "cathode_out = gas\nanode_out = o2\nkey_reactant = CO2\nfe.CO = 0.9\n"
          "fe.H2 = rest\ncurrent_density = 200 mA/cm2\ncell_voltage = 3 V\n"
          "single_pass_conversion = 0.5\ncarbonate_crossover = 0.25\n\n[product]\n"
          "kind = product\nin = gas\nrate = 10 t/day\n\n[vent]\nkind = product\n"
          "role = vent\nspecies = O2\nin = o2\n",
          f);
    assert_int_equal(fclose(f), 0);
    char other[700];
    snprintf(other, sizeof other, "%s/flowsheets/one_cell_mea.ini", root);
    run_result r = run_tandem((const char *[]){"compare", path, other, NULL});
    assert_int_equal(r.status, 0);
    char want[1400];
    snprintf(want, sizeof want,
             "Not priced (its cost figures show `-`): %s: %s:3: [flowsheet] scenario "
             "`nowhere.ini`: there is no such file (%s/nowhere.ini, relative to the "
             "flowsheet's folder)\n",
             path, path, dir);
    if (!strstr(r.out, want)) print_error("%s\nwanted: %s\n", r.out, want);
    assert_non_null(strstr(r.out, want));
    run_free(&r);
    unlink(path);
    rmdir(dir);
}

/* flowsheets/one_cell_mea.ini solved, and the base scenario to price it with */
/* flowsheets/REL solved, and the base scenario loaded */
static void
solved_with_base(const char *rel, tdm_flowsheet **fs, tdm_simulation *sim, tdm_scenario **sc)
{
    char fsp[700], scp[700];
    snprintf(fsp, sizeof fsp, "%s/flowsheets/%s", root, rel);
    snprintf(scp, sizeof scp, "%s/costs/base2023.ini", root);
    tdm_error err;
    assert_int_equal(tdm_flowsheet_load(fsp, fs, &err), 0);
    tdm_simulation_init(sim, *fs);
    assert_int_equal(tdm_simulate(sim, &err), 0);
    assert_int_equal(tdm_scenario_load(scp, sc, &err), 0);
}

static void
one_cell_priced(tdm_flowsheet **fs, tdm_simulation *sim, tdm_scenario **sc)
{
    solved_with_base("one_cell_mea.ini", fs, sim, sc);
}

/* one_cell_mea priced with the base scenario: its cost model, freed by the caller. */
static tdm_tea *
one_cell_tea(tdm_flowsheet **fs, tdm_simulation *sim, tdm_scenario **sc)
{
    tdm_error err;
    one_cell_priced(fs, sim, sc);
    tdm_tea *t = calloc(1, sizeof *t);
    assert_non_null(t);
    if (tdm_tea_evaluate(sim->results, *sc, t, &err)) {
        print_error("%s\n", err.msg);
        fail();
    }
    return t;
}

/* A stack that lasts a quarter year is replaced four times a year: the present value of its
 * replacements against a one-year life is (4 S19 + 3 d^20) / S19, S19 = sum of d^y for
 * y = 1 .. 19 and d = 1/1.1 (the base scenario's 10 %, 20 years; four in each of years 1 to
 * 19 and three in year 20, against one in each of years 1 to 19). It was rounded to 0 years:
 * never replaced, and cheaper than a one-year stack. */
static void
test_a_short_stack_life_is_costed_replacement_by_replacement(void **state)
{
    (void)state;
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    tdm_error err;
    one_cell_priced(&fs, &sim, &sc);
    tdm_tea *t = calloc(1, sizeof *t);
    double rep[2], lcop[2];
    const char *lives[2] = {"0.25 yr", "1 yr"};
    for (int k = 0; k < 2; k++) {
        assert_int_equal(tdm_scenario_set(sc, "stack_life", lives[k], &err), 0);
        assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
        rep[k] = t->lcop_replacement;
        lcop[k] = t->lcop;
    }
    double d = 1 / 1.1, s19 = 0;
    for (int y = 1; y <= 19; y++)
        s19 += pow(d, y);
    assert_close(rep[0] / rep[1], (4 * s19 + 3 * pow(d, 20)) / s19, 1e-9);
    assert_true(lcop[0] > lcop[1]);
    free(t);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

/* The opex line named `name`, or fails. */
static const tdm_opex_line *
opex_line(const tdm_tea *t, const char *name)
{
    for (int i = 0; i < t->nopex; i++)
        if (!strcmp(t->opex[i].name, name)) return &t->opex[i];
    print_error("no operating cost line `%s`\n", name);
    fail();
    return NULL;
}

static void
test_a_by_product_below_its_grade_earns_its_heating_value(void **state)
{
    (void)state;
    /* one_cell_mea's fuel gas (the C2H4 PSA's off-gas) is sold as CO, whose price in
     * costs/prices.csv is for at least 99 mol% CO; the gas is mostly H2 with about a fifth
     * CO, so it earns its lower heating value at the `fuel` price, 2.10 $/GJ: per mol, CO
     * 393.5 - 110.5 = 283.0 kJ, H2 241.8 kJ, C2H4 52.4 + 2 x 393.5 + 2 x 241.8 = 1323.0 kJ
     * (burnt to CO2 and water vapour; CRC enthalpies of formation), CO2 nothing, over the
     * scenario's hours. Before, the whole stream earned 845 $/t of CO. A gas that meets the
     * grade still earns its price: the same cell's gas through a perfect separator, pure
     * H2, is sold at 2000 $/t. */
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    tdm_error err;
    tdm_tea *t = one_cell_tea(&fs, &sim, &sc);
    double co = stream_flow(sim.results, "offgas", "CO"),
           h2 = stream_flow(sim.results, "offgas", "H2"),
           c2 = stream_flow(sim.results, "offgas", "C2H4"),
           co2 = stream_flow(sim.results, "offgas", "CO2");
    double y = co / (co + h2 + c2 + co2);
    assert_true(y > 0.1 && y < 0.99);
    double gj = (co * 283.0e3 + h2 * 241.8e3 + c2 * 1323.0e3) * t->hours * 3600 / 1e9;
    const tdm_opex_line *l = opex_line(t, "CO (as fuel)");
    assert_close(l->amount, gj, 1e-9);
    assert_close(l->price, 2.10, 1e-12);
    assert_close(l->cost, -2.10 * gj, 1e-9);
    assert_non_null(strstr(l->source, "is below the 99 % its price is for"));
    for (int i = 0; i < t->nopex; i++)
        assert_true(strcmp(t->opex[i].name, "CO") != 0); /* no pure-CO credit */
    /* the main product as sold, the ethylene PSA's product (99 % of the C2H4, 1 % of the CO,
     * 0.1 % of the H2), against the 99.9 % its price is for: `tandem cost` says it falls
     * short */
    double pc = stream_flow(sim.results, "c2h4_out", "C2H4"),
           pall = pc + stream_flow(sim.results, "c2h4_out", "CO") +
                  stream_flow(sim.results, "c2h4_out", "H2") +
                  stream_flow(sim.results, "c2h4_out", "CO2");
    assert_close(t->product_purity, pc / pall, 1e-12);
    assert_true(t->product_purity < 0.999);
    assert_close(t->market_purity, 0.999, 1e-15);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    /* pure H2 at its price */
    const char *text =
        "[flowsheet]\nmain_product = CO\n"
        "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n"
        "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"
        "key_reactant = CO2\nfe.CO = 0.9\nfe.H2 = rest\ncurrent_density = 200 mA/cm2\n"
        "cell_voltage = 3 V\nsingle_pass_conversion = 0.5\nelectrolyte = acidic\n"
        "[sep]\nkind = separator\nin = c\nout = co_out, h2_out\n"
        "recovery.CO2 = 1, rest\nrecovery.CO = 1, rest\nrecovery.H2 = 0, rest\n"
        "specific_energy = 0 kWh/m3\n"
        "[product]\nkind = product\nin = co_out\nrate = 10 t/day\n"
        "[hydrogen]\nkind = product\nrole = byproduct\nspecies = H2\nin = h2_out\n"
        "[vent]\nkind = product\nrole = vent\nspecies = O2\nin = a\n";
    assert_int_equal(tdm_flowsheet_load_string(text, strlen(text), "pure.ini", &fs, &err), 0);
    tdm_simulation_init(&sim, fs);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    l = opex_line(t, "H2");
    assert_close(l->price, 2000, 1e-12);
    /* the ideal separator (no energy) is no adsorber: not priced as PSA, and listed as not
     * priced (et4's knock-out drum was 8 M$ of PSA) */
    for (int i = 0; i < t->ncapex; i++)
        assert_true(strcmp(t->capex[i].unit, "sep") != 0);
    bool listed = false;
    for (int i = 0; i < t->nunpriced; i++)
        listed |= !strcmp(t->unpriced[i], "sep");
    assert_true(listed);
    /* 10 t/day of CO at FE 0.9 brings H2 at 0.1/0.9 of its moles (the species table's
     * molar masses) */
    double h2_t = 10.0 / (1000 * tdm_species_get(TDM_SPECIES_CO)->molar_mass) * (0.1 / 0.9) *
                  (1000 * tdm_species_get(TDM_SPECIES_H2)->molar_mass) * t->hours / 24;
    assert_close(l->amount, h2_t, 1e-9);
    free(t);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_scenario_prices_a_species_by_its_own_name(void **state)
{
    (void)state;
    /* [prices] may add an item the table lacks: a species by its own name is a new price
     * (`CH3OH = 660 $/t` was refused as "did you mean `CH3OH`?", as was CH4 for a reformer's
     * feed); the same name in other case is still a typo (tests/costs/scenario_price_case.ini) */
    char dir[] = "/tmp/tandem-price-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[700];
    snprintf(path, sizeof path, "%s/s.ini", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f,
            "[scenario]\ntitle = t\nyear = 2023\nequipment = %s/costs/equipment.csv\n"
            "prices = %s/costs/prices.csv\nindex = %s/costs/cepci.csv\n"
            "[prices]\nCH3OH = 660 $/t ; a test price\n",
            root, root, root);
    fclose(f);
    tdm_scenario *sc;
    tdm_error err;
    int rc = tdm_scenario_load(path, &sc, &err);
    if (rc) print_error("%s\n", err.msg);
    assert_int_equal(rc, 0);
    const tdm_price *p = tdm_scenario_price(sc, "CH3OH");
    assert_non_null(p);
    assert_close(p->value, 0.66, 1e-12); /* $/kg */
    tdm_scenario_free(sc);
    unlink(path);
    rmdir(dir);
}

/* A scenario of base2023.ini's files with one [prices] line; its path in `path`. */
static tdm_scenario *
scenario_with(const char *dir, const char *line, char *path, size_t n, tdm_error *err)
{
    snprintf(path, n, "%s/s.ini", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f,
            "[scenario]\ntitle = t\nyear = 2023\nequipment = %s/costs/equipment.csv\n"
            "prices = %s/costs/prices.csv\nindex = %s/costs/cepci.csv\ncapacity_factor = 0.9589\n"
            "[prices]\n%s ; a test price\n",
            root, root, root, line);
    fclose(f);
    tdm_scenario *sc = NULL;
    if (tdm_scenario_load(path, &sc, err)) return NULL;
    return sc;
}

static void
test_heat_is_bought_at_its_temperature(void **state)
{
    (void)state;
    /* one_cell_mea regenerates its anode CO2 with amine: 3.35 GJ of heat per t of CO2
     * recovered, at 123 C. costs/prices.csv's coolest heating utility that reaches 123 C is
     * low-pressure steam (139 C, serving up to 129 C) at 6.47 $/GJ (0.2378 $/kmol / 18.015
     * kg/kmol = 0.013200 $/kg, over 2.148 GJ/t of latent heat and 0.95 efficiency = 6.469
     * $/GJ). Its heat rejected at 25 C goes to cooling water at 0.33 $/GJ. Hours: 8760 x
     * 0.9589 = 8400. */
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    tdm_error err;
    tdm_tea *t = one_cell_tea(&fs, &sim, &sc);
    double hours = 8760 * 0.9589;
    double co2 = stream_flow(sim.results, "anode_co2", "CO2") * 0.044009; /* kg/s */
    double gj = 3.35 * co2 * 3600 * hours / 1000;                         /* GJ/yr */
    const tdm_opex_line *l = opex_line(t, "heat_lps");
    assert_close(l->amount, gj, 1e-9);
    assert_close(l->price, 6.47, 1e-12);
    assert_close(l->cost, 6.47 * gj, 1e-9);
    l = opex_line(t, "cooling");
    assert_close(l->amount, sim.results->summary.heat_out_w * 3600 * hours / 1e9, 1e-9);
    assert_close(l->price, 0.33, 1e-12);
    tdm_scenario_free(sc);

    char dir[] = "/tmp/tandem-heat-XXXXXX", path[700];
    assert_non_null(mkdtemp(dir));
    /* steam too cool for the reboiler: the next level up, medium-pressure steam at 8.47 */
    sc = scenario_with(dir, "heat_lps = 6.47 $/GJ, 120 C", path, sizeof path, &err);
    assert_non_null(sc);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    assert_close(opex_line(t, "heat_mps")->amount, gj, 1e-9);
    tdm_scenario_free(sc);
    /* a utility of the scenario's own, reaching 125 C: cooler than the low-pressure steam
     * (129 C), so it is the one bought, at 0.09 $/kWh = 25 $/GJ */
    sc = scenario_with(dir, "heat_electric = 0.09 $/kWh, 125 C", path, sizeof path, &err);
    assert_non_null(sc);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    l = opex_line(t, "heat_electric");
    assert_close(l->amount, gj / 3.6e-3, 1e-9); /* kWh/yr */
    assert_close(l->cost, 0.09 * gj / 3.6e-3, 1e-9);
    tdm_scenario_free(sc);
    /* a temperature on what is no utility is refused at its line */
    assert_null(scenario_with(dir, "CO2 = 75 $/t, 120 C", path, sizeof path, &err));
    assert_non_null(strstr(err.msg, "s.ini:9: [prices] `CO2 = 75 $/t, 120 C`: after the price "
                                    "only a heating (heat...) or cooling (cooling...) utility "
                                    "takes its temperature"));
    unlink(path);
    rmdir(dir);
    free(t);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_recovery_priced_per_tonne_by_its_feed(void **state)
{
    (void)state;
    /* `regeneration = wilcox`: an all-in cost per t of CO2 recovered, 10^(2.18 - 0.426
     * log10 a - 0.391 log10 b - 0.028 log10 1000) (Moore et al.'s code), at the anode gas's
     * 2:1 CO2:O2 (b = 66.667 mol%) and 95 % recovered: 2.18 + 0.0094896 - 0.7131498 - 0.084
     * = 1.3923398, 24.679 $/t (the shared plant data's 24.7). No equipment: the unit is
     * priced in full, not listed as unpriced. */
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    tdm_error err;
    one_cell_priced(&fs, &sim, &sc);
    assert_int_equal(tdm_flowsheet_set(fs, sim.model, "anode_sep", "regeneration", "wilcox", &err),
                     0);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    tdm_tea *t = calloc(1, sizeof *t);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    const tdm_opex_line *l = opex_line(t, "CO2 recovery (Wilcox)");
    double b = 100 * stream_flow(sim.results, "anode_gas", "CO2") /
               (stream_flow(sim.results, "anode_gas", "CO2") +
                stream_flow(sim.results, "anode_gas", "O2"));
    assert_close(b, 200.0 / 3, 1e-9);
    assert_close(l->price, 24.679, 1e-4);
    double tons = stream_flow(sim.results, "anode_co2", "CO2") * 0.044009 * 8760 * 0.9589 * 3.6;
    assert_close(l->amount, tons, 1e-9);
    for (int i = 0; i < t->nunpriced; i++)
        assert_string_not_equal(t->unpriced[i], "anode_sep");
    for (int i = 0; i < t->ncapex; i++)
        assert_string_not_equal(t->capex[i].unit, "anode_sep");
    free(t);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_labour_follows_the_units_an_operator_tends(void **state)
{
    (void)state;
    /* Turton et al.'s rule (eq. 8.3): 4.5 (6.29 + 31.7 P^2 + 0.23 N)^0.5 operators. In
     * one_cell_mea an operator tends the cell, two PSAs and the amine plant's absorber and
     * stripper: N = 5, P = 0, 4.5 x 7.44^0.5 = 12.2744 operators at base2023's 65,460 $ a
     * year (BLS, May 2020) = 803,480 $/yr. A mixer, the feed and the products are no
     * steps. */
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    tdm_error err;
    tdm_tea *t = one_cell_tea(&fs, &sim, &sc);
    assert_int_equal(t->steps, 5);
    assert_int_equal(t->solid_steps, 0);
    const tdm_opex_line *l = opex_line(t, "labour (operators)");
    assert_close(l->amount, 12.2744, 1e-5);
    assert_close(l->cost, 4.5 * sqrt(7.44) * 65460, 1e-12);
    /* The calcium loop instead: one tended step on fluids (its contactor) and one on solids
     * (its pellets): N = 4, P = 1, 4.5 x (6.29 + 31.7 + 0.92)^0.5 = 28.070 operators. */
    assert_int_equal(
        tdm_flowsheet_set(fs, sim.model, "anode_sep", "regeneration", "calcium_loop", &err), 0);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    assert_close(opex_line(t, "labour (operators)")->amount, 28.070, 1e-4);
    /* a fixed labour figure beside the wage is refused */
    tdm_error e2;
    assert_int_not_equal(tdm_scenario_set(sc, "labour", "1 M$/yr", &e2), 0);
    assert_non_null(strstr(e2.msg, "give `labour` (a fixed figure a year) or `operator_wage`"));
    free(t);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_separation_priced_per_mass_treated(void **state)
{
    (void)state;
    /* Orella et al.'s separation cost: k_p $ per kg of the mixture treated, all in. 3 mol/s
     * of 2:1 CO2:O2 is 2 x 44.009 + 31.998 = 120.016 g/s; at 10 $/t over 8760 x 0.9589 h
     * that is 120.016e-6 t/s x 3600 x 8400.0 h = 3629.3 t/yr, 36,293 $/yr. No capital: the
     * separator names no item and is not listed as unpriced. */
    const char *text = "[flowsheet]\nmain_product = CO2\n"
                       "[f]\nkind = feed\nout = a\ncomposition.CO2 = 0.6666666666666667\n"
                       "composition.O2 = 0.3333333333333333\nflow = 3 mol/s\n"
                       "[s]\nkind = separator\nin = a\nout = b, c\nrecovery.CO2 = 0.95, rest\n"
                       "cost_per_mass = 10 $/t\n"
                       "[p]\nkind = product\nin = b\n[q]\nkind = product\nrole = vent\n"
                       "species = O2\nin = c\n";
    tdm_simulation sim;
    tdm_flowsheet *fs = solve_text(text, &sim);
    char path[700];
    snprintf(path, sizeof path, "%s/costs/base2023.ini", root);
    tdm_scenario *sc = NULL;
    tdm_error err;
    assert_int_equal(tdm_scenario_load(path, &sc, &err), 0);
    tdm_tea *t = calloc(1, sizeof *t);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    const tdm_opex_line *l = opex_line(t, "separation: s (per t treated)");
    double tons = (2 * 44.009 + 31.998) * 1e-6 * 3600 * 8760 * 0.9589;
    assert_close(l->amount, tons, 1e-9);
    assert_close(l->price, 10, 1e-12);
    assert_close(l->cost, 10 * tons, 1e-9);
    assert_int_equal(t->ncapex, 0);
    assert_int_equal(t->nunpriced, 0);
    free(t);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_what_a_plant_uses_up_is_bought_per_tonne_it_makes(void **state)
{
    (void)state;
    /* seed eb1's [consumables]: 1 kg of enzyme per t of methanol at costs/prices.csv's 316
     * $/kg: 316 $ per t made, 0.001 t of enzyme a year per t of methanol a year. */
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    solved_with_base("seed/eb1_formate_methanol_wang2025.ini", &fs, &sim, &sc);
    tdm_tea *t = calloc(1, sizeof *t);
    tdm_error err;
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    const tdm_opex_line *l = opex_line(t, "enzyme");
    assert_close(l->amount, 0.001 * t->production_t, 1e-12);
    assert_close(l->price, 316000, 1e-12);
    assert_close(l->cost / t->production_t, 316, 1e-12);
    free(t);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_laboratory_cell_is_not_priced_as_a_plant(void **state)
{
    (void)state;
    /* seed ee5 is set by its lab cells' currents: cell 2 at 4 A makes C2H4 at FE 0.45, 8
     * electrons each, 0.45 x 4 / (8 F) = 2.3318e-6 mol/s, of which its separator sells 99 %:
     * 6.477e-8 kg/s, 5.6 g a day, 1.96 kg a year at 8400 h. Plant cost curves and indirect
     * costs on grams gave 19,040 $/t; the cost is refused instead. */
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    tdm_error err;
    solved_with_base("seed/ee5_acid_co_cu_li2023.ini", &fs, &sim, &sc);
    double kg_s = 0.99 * 0.45 * 4 / (8 * 96485.33212) * 0.028054;
    assert_close(sim.results->summary.product_kg_s, kg_s, 1e-3);
    tdm_tea *t = calloc(1, sizeof *t);
    assert_int_not_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    assert_int_equal(err.cls, TDM_ESOLVE);
    assert_non_null(strstr(err.msg, "kg of its main product a year: a laboratory cell"));
    free(t);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_syngas_sells_at_a_syngas_price(void **state)
{
    (void)state;
    /* et4's syngas is a third CO (18 mol/s of CO with 36 of H2 and the unconverted feed):
     * it sold at the 845 $/t of chemical-grade CO and returned 19 % a year. Its outlet names
     * `market = CO_syngas`, 0.1 $/kg of syngas-grade CO (costs/prices.csv): 100 $/t, below
     * its levelized cost, so no IRR. */
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    tdm_error err;
    solved_with_base("seed/et4_soec_dry_reforming_lv2025.ini", &fs, &sim, &sc);
    tdm_tea *t = calloc(1, sizeof *t);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    assert_close(t->market_price, 100, 1e-12);
    assert_true(t->lcop > t->market_price);
    assert_true(isnan(t->irr));
    /* a price the table lacks is refused at the flowsheet's line */
    assert_int_equal(tdm_flowsheet_set(fs, sim.model, "syngas", "market", "CO_sygnas", &err), 0);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    assert_int_not_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    assert_non_null(strstr(err.msg, "[syngas] `market = CO_sygnas`: "));
    assert_non_null(strstr(err.msg, "has no price of that name"));
    free(t);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_cost_that_leaves_out_a_feed_says_it_is_a_lower_bound(void **state)
{
    (void)state;
    /* et3 buys phenylboronic acid and aniline, which costs/prices.csv does not price: its
     * levelized cost counts them at nothing, and says so */
    char fsp[700];
    snprintf(fsp, sizeof fsp, "%s/flowsheets/seed/et3_amide_xia.ini", root);
    run_result r = run_tandem((const char *[]){"cost", fsp, NULL});
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "  a lower bound: no price for C6H7BO2, C6H7N (not counted)\n"));
    run_free(&r);
    r = run_tandem((const char *[]){"cost", fsp, "--format", "json", NULL});
    assert_non_null(strstr(r.out, "\"unpriced_inputs\": {\"value\": 2"));
    run_free(&r);
    /* one_cell_mea prices everything it buys */
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    tdm_tea *t = one_cell_tea(&fs, &sim, &sc);
    char buf[100];
    assert_int_equal(tdm_tea_unpriced_inputs(t, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    free(t);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

/* The levelized cost is, by its definition under a discounted cash flow, the price of the
 * product at which the plant's net present value is zero (docs/economics.md): `tandem goal`
 * seeking NPV = 0 by the product's price must land on the levelized cost the same run
 * reports at that price (which does not depend on the price). */
static void
test_the_break_even_price_is_the_levelized_cost(void **state)
{
    (void)state;
    char fs[700];
    snprintf(fs, sizeof fs, "%s/flowsheets/seed/ee4_soec_mea_ozden2021.ini", root);
    run_result r = run_tandem(
        (const char *[]){"goal", fs, "--vary", "scenario.prices.C2H4=500..20000", "--target",
                         "npv=0", "--output", "levelized_cost", "--format", "csv", NULL});
    assert_int_equal(r.status, 0);
    const char *line = strchr(r.out, '\n');
    assert_non_null(line);
    double price, npv, lcop;
    assert_int_equal(sscanf(line + 1, "%lf,rising,%lf,%lf", &price, &npv, &lcop), 3);
    assert_close(price, lcop, 1e-8 * lcop);
    assert_true(fabs(npv) < 1e-6); /* M$ */
    run_free(&r);
}

int
main(void)
{
    root = getenv("TANDEM_SOURCE_ROOT");
    if (!root || !getenv("TANDEM_BIN")) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_malformed_cost_file_names_file_line_and_column),
        cmocka_unit_test(test_scaling_and_escalation_by_hand),
        cmocka_unit_test(test_units_past_the_list_of_unpriced_ones_are_counted),
        cmocka_unit_test(test_a_table_of_more_than_100000_rows_is_refused),
        cmocka_unit_test(test_depreciation_and_price_names_read_from_the_scenario),
        cmocka_unit_test(test_equipment_keys_that_cannot_price_a_unit_are_refused),
        cmocka_unit_test(test_the_default_scenario_is_looked_for_in_order_and_every_place_is_named),
        cmocka_unit_test(test_scenario_sets_reach_every_pricing_command_and_no_other),
        cmocka_unit_test(test_every_writer_of_the_cash_flow_has_its_columns),
        cmocka_unit_test(test_compare_says_why_a_cost_column_is_empty),
        cmocka_unit_test(test_a_short_stack_life_is_costed_replacement_by_replacement),
        cmocka_unit_test(test_a_by_product_below_its_grade_earns_its_heating_value),
        cmocka_unit_test(test_a_scenario_prices_a_species_by_its_own_name),
        cmocka_unit_test(test_heat_is_bought_at_its_temperature),
        cmocka_unit_test(test_a_recovery_priced_per_tonne_by_its_feed),
        cmocka_unit_test(test_labour_follows_the_units_an_operator_tends),
        cmocka_unit_test(test_a_separation_priced_per_mass_treated),
        cmocka_unit_test(test_what_a_plant_uses_up_is_bought_per_tonne_it_makes),
        cmocka_unit_test(test_a_laboratory_cell_is_not_priced_as_a_plant),
        cmocka_unit_test(test_a_syngas_sells_at_a_syngas_price),
        cmocka_unit_test(test_a_cost_that_leaves_out_a_feed_says_it_is_a_lower_bound),
        cmocka_unit_test(test_the_break_even_price_is_the_levelized_cost),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
