/* The carbon account (docs/carbon.md) on plants worked by hand: every emission line, the sums
 * by cause, the comparison with the route the product replaces, the break-even grid, and the
 * carbon file and [carbon] refused with file:line. */
#include <unistd.h>

#include "../run_cmd.h"
#include "../support.h"
#include "tandem/constants.h"
#include "tandem/tea.h"

static const char *root;

/* Molar masses of the species table (IUPAC conventional atomic weights: C 12.011, O 15.999) */
#define M_CO2 (44.009e-3)
#define M_CO (28.010e-3)

/* A CO2 -> CO cell at 3 V making 10 t/day of CO at a faradaic efficiency of 1, half its CO2
 * converted a pass and none recycled; a perfect separator sends the CO to the product and the
 * CO2 left to a vent. anode: `acidic` (no carbonate) or `neutral` (0.5 mol CO2 to the anode
 * per mol of electrons), the anode gas vented through a cooler. */
static const char rows[] = "electricity,100,g/kWh,,,,2023,test grid\n"
                           "electricity.wind,10,g/kWh,,,,2023,test wind\n"
                           "CO2,0.1,kg/kg,,,,2023,test capture\n"
                           "CO,1.5,kg/kg,,,,2023,test reference route\n"
                           "cooling,0,kg/GJ,,,,2023,test cooling water\n";

static const char *
cell(bool carbonate)
{
    static char text[2][1400];
    char *t = text[carbonate];
    snprintf(t, sizeof text[0],
             "[flowsheet]\nmain_product = CO\n"
             "[co2]\nkind = feed\nout = f\ncomposition.CO2 = 1\n"
             "[cell]\nkind = electrolyzer\nin = f\ncathode_out = c\nanode_out = a\n"
             "key_reactant = CO2\nfe.CO = 1\ncurrent_density = 200 mA/cm2\n"
             "cell_voltage = 3 V\nsingle_pass_conversion = 0.5\nelectrolyte = %s\n"
             "[sep]\nkind = separator\nin = c\nout = co_out, co2_out\n"
             "recovery.CO2 = 0, rest\nrecovery.CO = 1, rest\nspecific_energy = 0 kWh/m3\n"
             "[product]\nkind = product\nin = co_out\nrate = 10 t/day\n"
             "[co2_vent]\nkind = product\nrole = vent\nspecies = CO2\nin = co2_out\n"
             "%s"
             "[vent]\nkind = product\nrole = vent\nspecies = O2\nin = %s\n",
             carbonate ? "neutral" : "acidic",
             carbonate ? "[anode_cooler]\nkind = cooler\nin = a\nout = a2\ntemperature = 25 C\n"
                       : "",
             carbonate ? "a2" : "a");
    return t;
}

/* A scenario in dir with the shipped cost data, a carbon file of its own and `extra` lines
 * (its [scenario] keys first, then sections); NULL with err when refused. */
static tdm_scenario *
scenario(const char *dir, const char *carbon_rows, const char *extra, tdm_error *err)
{
    char path[700], cpath[700];
    snprintf(cpath, sizeof cpath, "%s/c.csv", dir);
    FILE *f = fopen(cpath, "w");
    assert_non_null(f);
    fprintf(f, "item,intensity,unit,electricity,heat,temperature,year,source\n%s", carbon_rows);
    fclose(f);
    snprintf(path, sizeof path, "%s/s.ini", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f,
            "[scenario]\ntitle = t\nyear = 2023\nequipment = %s/costs/equipment.csv\n"
            "prices = %s/costs/prices.csv\nindex = %s/costs/cepci.csv\ncarbon = c.csv\n"
            "capacity_factor = 0.9589\n%s",
            root, root, root, extra);
    fclose(f);
    tdm_scenario *sc = NULL;
    if (tdm_scenario_load(path, &sc, err)) return NULL;
    return sc;
}

/* The cell solved and priced with a scenario of `rows` in a new directory dir (see clean). */
static tdm_tea *
solved(bool carbonate, char *dir, tdm_flowsheet **fs, tdm_simulation *sim, tdm_scenario **sc)
{
    tdm_error err;
    const char *text = cell(carbonate);
    assert_int_equal(tdm_flowsheet_load_string(text, strlen(text), "c.ini", fs, &err), 0);
    tdm_simulation_init(sim, *fs);
    assert_int_equal(tdm_simulate(sim, &err), 0);
    assert_non_null(mkdtemp(dir));
    *sc = scenario(dir, rows, "", &err);
    if (!*sc) print_error("%s\n", err.msg);
    assert_non_null(*sc);
    tdm_tea *t = calloc(1, sizeof *t);
    assert_non_null(t);
    assert_int_equal(tdm_tea_evaluate(sim->results, *sc, t, &err), 0);
    return t;
}

/* Removes what scenario() wrote in dir, and `other` there (or NULL), and dir. */
static void
clean(const char *dir, const char *other)
{
    const char *names[] = {"c.csv", "s.ini", other};
    for (int i = 0; i < 3; i++) {
        char p[700];
        if (!names[i]) continue;
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        unlink(p);
    }
    rmdir(dir);
}

/* Frees what solved() made and removes dir. */
static void
release(tdm_tea *t, tdm_scenario *sc, tdm_simulation *sim, tdm_flowsheet *fs, const char *dir)
{
    tdm_scenario_free(sc);
    free(t);
    tdm_simulation_free(sim);
    tdm_flowsheet_free(fs);
    clean(dir, NULL);
}

static const tdm_co2_line *
line(const tdm_tea *t, const char *name)
{
    for (int i = 0; i < t->nco2; i++)
        if (!strcmp(t->co2[i].name, name)) return &t->co2[i];
    print_error("no emission line `%s`\n", name);
    fail();
    return NULL;
}

static void
test_a_cell_s_emissions_by_hand(void **state)
{
    (void)state;
    /* Per kg of CO: electricity 2 F x 3 V / M_CO = 20.67 MJ = 5.742 kWh, at 0.1 kg/kWh; CO2
     * fed 2 mol per mol CO (half converted a pass), 2 x 44.009 / 28.010 = 3.142 kg, whose
     * capture emits 0.1 kg/kg and whose uptake counts -1 kg/kg; the CO2 left, 1.571 kg,
     * vented. Total 0.5742 + 0.3142 + 1.571 - 3.142 = -0.682 kg CO2e per kg CO. The route it
     * replaces emits 1.5: 2.18 avoided. Break-even grid: the emissions but the electricity's,
     * -1.256, plus 5.742 G equal 1.5 at G = 0.480 kg/kWh. CO2 bound in CO: 44.009/28.010. */
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    tdm_error err;
    char dir[] = "/tmp/tandem-carbon-XXXXXX";
    tdm_tea *t = solved(false, dir, &fs, &sim, &sc);
    double kg = t->production_t * 1000;
    assert_close(kg, 10e3 / 24 * t->hours, 1e-9);
    double kwh = 2 * TDM_FARADAY * 3.0 / M_CO / 3.6e6, fed = 2 * M_CO2 / M_CO,
           vented = M_CO2 / M_CO;
    const tdm_co2_line *l = line(t, "electricity: electrolyzers");
    assert_int_equal(l->cause, TDM_CO2_ELECTRICITY);
    assert_close(l->amount / kg, kwh, 1e-9);
    assert_close(l->intensity, 0.1, 1e-12); /* kg/kWh */
    assert_close(l->co2e / kg, 0.1 * kwh, 1e-9);
    l = line(t, "CO2");
    assert_int_equal(l->cause, TDM_CO2_SUPPLY);
    assert_close(l->co2e / kg, 0.1 * fed, 1e-9);
    l = line(t, "CO2 fed");
    assert_int_equal(l->cause, TDM_CO2_UPTAKE);
    assert_close(l->co2e / kg, -fed, 1e-9);
    l = line(t, "co2_vent");
    assert_int_equal(l->cause, TDM_CO2_VENTED);
    assert_close(l->co2e / kg, vented, 1e-9);
    const tdm_carbon *c = &t->carbon;
    double total = 0.1 * kwh + 0.1 * fed + vented - fed;
    assert_close(c->per_kg, total, 1e-9);
    assert_close(c->cause[TDM_CO2_ELECTRICITY] / kg, 0.1 * kwh, 1e-9);
    assert_close(c->fed, fed, 1e-9);
    assert_close(c->fixed, M_CO2 / M_CO, 1e-4); /* the atomic weights' rounding */
    assert_close(c->net_utilized, -total, 1e-9);
    assert_close(c->reference, 1.5, 1e-12);
    assert_close(c->avoided, 1.5 - total, 1e-9);
    assert_close(c->abatement, (t->lcop - t->market_price) / (1.5 - total), 1e-9);
    assert_close(c->breakeven_grid, (1.5 - (total - 0.1 * kwh)) / kwh, 1e-9);
    assert_close(c->grid, 0.1, 1e-12);
    /* H2O is bought by nobody here, and every line has its intensity */
    assert_int_equal(c->nmissing, 0);
    tdm_scenario_free(sc);

    /* the uptake not credited: the total grows by the CO2 fed; what is utilized does not move */
    sc = scenario(dir, rows, "co2_uptake = not credited\n", &err);
    assert_non_null(sc);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    assert_close(t->carbon.per_kg, total + fed, 1e-9);
    assert_close(t->carbon.net_utilized, -total, 1e-9);
    tdm_scenario_free(sc);

    /* a choice of the file by name, and a number of the scenario's own; a study's set moves
     * every figure that depends on it: at the break-even grid the plant equals the route */
    sc = scenario(dir, rows, "[carbon]\nelectricity = wind\n", &err);
    assert_non_null(sc);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    assert_close(t->carbon.per_kg, total - 0.09 * kwh, 1e-9);
    double g = c->breakeven_grid;
    char value[64];
    snprintf(value, sizeof value, "%.17g g/kWh", g * 1000);
    assert_int_equal(tdm_scenario_set(sc, "carbon.electricity", value, &err), 0);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    assert_close(t->carbon.per_kg, 1.5, 1e-9);
    assert_close(t->carbon.breakeven_grid, g, 1e-9);
    tdm_scenario_free(sc);

    /* without a reference row: no comparison; without an intensity for electricity: listed
     * as not assessed */
    sc = scenario(dir, "CO2,0.1,kg/kg,,,,2023,test capture\ncooling,0,kg/GJ,,,,2023,test\n", "",
                  &err);
    assert_non_null(sc);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    assert_true(isnan(t->carbon.reference) && isnan(t->carbon.abatement));
    assert_true(isnan(t->carbon.breakeven_grid));
    assert_int_equal(t->carbon.nmissing, 1);
    assert_string_equal(t->carbon.missing[0], "electricity: electrolyzers");
    assert_string_equal(line(t, "electricity: electrolyzers")->source,
                        "no intensity in the carbon file: not assessed");
    assert_close(t->carbon.per_kg, 0.1 * fed + vented - fed, 1e-9);
    release(t, sc, &sim, fs, dir);
}

static void
test_co2_vented_with_the_anode_gas_is_carbonate_lost(void **state)
{
    (void)state;
    /* A neutral electrolyte carries 0.5 mol CO2 to the anode per mol of electrons: 1 mol per
     * mol CO, M_CO2 / M_CO kg per kg, vented with the O2 through a cooler. The conversion a
     * pass counts the CO2 the cell takes, carbonate included: 2 mol fed per mol CO are all
     * taken, and the cathode's vent carries none. */
    tdm_flowsheet *fs;
    tdm_simulation sim;
    tdm_scenario *sc;
    char dir[] = "/tmp/tandem-carbon-XXXXXX";
    tdm_tea *t = solved(true, dir, &fs, &sim, &sc);
    double kg = t->production_t * 1000;
    const tdm_co2_line *l = line(t, "vent");
    assert_int_equal(l->cause, TDM_CO2_CARBONATE);
    assert_close(l->co2e / kg, M_CO2 / M_CO, 1e-6);
    assert_close(t->carbon.cause[TDM_CO2_CARBONATE] / kg, M_CO2 / M_CO, 1e-6);
    assert_close(t->carbon.fed, 2 * M_CO2 / M_CO, 1e-9);
    assert_true(t->carbon.cause[TDM_CO2_VENTED] == 0);
    release(t, sc, &sim, fs, dir);
}

static void
test_a_capture_route_follows_the_grid_and_the_steam(void **state)
{
    (void)state;
    /* costs/carbon.csv's direct air capture: 500 kWh and 7.2 GJ of heat at 100 C per t of
     * CO2. At 414.1 g/kWh and low-pressure steam (the coolest heating utility of prices.csv
     * that reaches 100 C) at 85.0 kg/GJ: 0.2071 + 0.612 = 0.8191 kg CO2e per kg of CO2, with
     * 0.5 kWh of electricity behind it. */
    char path[700];
    snprintf(path, sizeof path, "%s/costs/base2023.ini", root);
    tdm_scenario *sc;
    tdm_error err;
    assert_int_equal(tdm_scenario_load(path, &sc, &err), 0);
    assert_int_equal(tdm_scenario_set(sc, "carbon.CO2", "dac_sorbent", &err), 0);
    tdm_flowsheet *fs;
    tdm_simulation sim;
    const char *text = cell(false);
    assert_int_equal(tdm_flowsheet_load_string(text, strlen(text), "c.ini", &fs, &err), 0);
    tdm_simulation_init(&sim, fs);
    assert_int_equal(tdm_simulate(&sim, &err), 0);
    tdm_tea *t = calloc(1, sizeof *t);
    assert_non_null(t);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    const tdm_co2_line *l = line(t, "CO2");
    assert_close(l->intensity, 1000 * (0.5 * 0.4141 + 7.2e-3 * 85.0), 1e-9); /* kg/t */
    assert_close(l->electricity, l->amount * 500, 1e-9);                     /* kWh/yr */
    /* heat that no heating utility reaches: not assessed, and the line says why */
    assert_int_equal(tdm_scenario_set(sc, "prices.heat_lps", "6.47 $/GJ, 90 C", &err), 0);
    assert_int_equal(tdm_scenario_set(sc, "prices.heat_mps", "8.47 $/GJ, 95 C", &err), 0);
    assert_int_equal(tdm_scenario_set(sc, "prices.heat_hps", "11.59 $/GJ, 99 C", &err), 0);
    assert_int_equal(tdm_scenario_set(sc, "prices.heat_fired", "2.63 $/GJ, 99.5 C", &err), 0);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    assert_true(isnan(line(t, "CO2")->intensity));
    assert_non_null(strstr(line(t, "CO2")->source, "needs heat that no heating utility"));
    assert_int_equal(tdm_scenario_set(sc, "prices.heat_lps", "6.47 $/GJ, 129 C", &err), 0);
    /* a grid at 50 g/kWh moves it */
    assert_int_equal(tdm_scenario_set(sc, "carbon.electricity", "50 g/kWh", &err), 0);
    assert_int_equal(tdm_tea_evaluate(sim.results, sc, t, &err), 0);
    assert_close(line(t, "CO2")->intensity, 1000 * (0.5 * 0.050 + 7.2e-3 * 85.0), 1e-9);
    free(t);
    tdm_scenario_free(sc);
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
}

static void
test_a_sweep_varies_an_intensity_and_what_follows_it(void **state)
{
    (void)state;
    /* the grid from 100 to 200 g/kWh: the hand cell's emissions grow by its 5.742 kWh per kg
     * of CO times 0.1 kg/kWh (its test cooling water needs no electricity) */
    char dir[] = "/tmp/tandem-carbon-XXXXXX", fsp[700], scp[700];
    assert_non_null(mkdtemp(dir));
    tdm_error err;
    tdm_scenario *sc = scenario(dir, rows, "", &err);
    assert_non_null(sc);
    tdm_scenario_free(sc);
    snprintf(fsp, sizeof fsp, "%s/cell.ini", dir);
    snprintf(scp, sizeof scp, "%s/s.ini", dir);
    FILE *f = fopen(fsp, "w");
    assert_non_null(f);
    fputs(cell(false), f);
    fclose(f);
    run_result r = run_tandem((const char *[]){"sweep", fsp, "--scenario", scp, "--vary",
                                               "scenario.carbon.electricity=100..200:2", "--output",
                                               "emissions", "--format", "csv", NULL});
    assert_int_equal(r.status, 0);
    double g[2], e[2];
    const char *p = strchr(r.out, '\n');
    assert_non_null(p);
    assert_int_equal(sscanf(p + 1, "%lf,%lf\n%lf,%lf", &g[0], &e[0], &g[1], &e[1]), 4);
    run_free(&r);
    double kwh = 2 * TDM_FARADAY * 3.0 / M_CO / 3.6e6;
    assert_close(e[1] - e[0], 0.1 * kwh, 1e-6);
    /* an item the scenario has no intensity for is refused by name */
    r = run_tandem((const char *[]){"sweep", fsp, "--scenario", scp, "--vary",
                                    "scenario.carbon.KOH=1..2:2", NULL});
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "the scenario has no carbon intensity for `KOH`"));
    run_free(&r);
    clean(dir, "cell.ini");
}

static void
test_bad_carbon_data_is_refused_at_its_line(void **state)
{
    (void)state;
    char dir[] = "/tmp/tandem-carbon-XXXXXX";
    assert_non_null(mkdtemp(dir));
    tdm_error err;
    static const struct {
        const char *rows, *extra, *says;
    } cases[] = {
        {"electricity,100,$/kWh,,,,2023,x\n", "",
         "c.csv:2:3: unit `$/kWh` for `electricity`: "
         "give mass of CO2e per energy"},
        {"CO2,0.1,g/kWh,,,,2023,x\n", "",
         "c.csv:2:3: unit `g/kWh` for `CO2`: give mass of CO2e "
         "per mass"},
        {"CO2,0,kg/kg,,3 GJ/t,,2023,x\n", "", "c.csv:2:5: `CO2` needs heat: give the temperature"},
        {"CO2,0,kg/kg,5 kWh/GJ,,,2023,x\n", "", "c.csv:2:4: `5 kWh/GJ` is no energy per mass"},
        {"electricity,100,g/kWh,1 kWh/GJ,,,2023,x\n", "",
         "c.csv:2:4: `electricity` is electricity"},
        {"CO2,0.1,kg/kg,,,,2023,\n", "", "c.csv:2:8: `CO2` names no source"},
        {rows, "[carbon]\nelectricity = solar\n",
         "s.ini:10: [carbon] `electricity = solar`: neither an intensity (e.g. 50 g/kWh) nor a "
         "row `electricity.solar` of"},
        {rows, "[carbon]\nCO = 2 g/kWh\n",
         "s.ini:10: [carbon] `CO = 2 g/kWh`: give mass of CO2e "
         "per mass"},
        {rows, "co2_uptake = yes\n", "s.ini:9: [scenario] `co2_uptake = yes`: credited"},
        {rows, "[carbon]\nelectricty = 50 g/kWh\n",
         "s.ini:10: [carbon] `electricty`: no item of that name; did you mean `electricity`?"},
        {rows, "[carbon]\nco2 = 0.2 kg/kg\n",
         "s.ini:10: [carbon] `co2`: no item of that name; "
         "did you mean `CO2`?"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        tdm_scenario *sc = scenario(dir, cases[i].rows, cases[i].extra, &err);
        if (sc || !strstr(err.msg, cases[i].says)) {
            print_error("case %zu: expected `%s`, got `%s`\n", i, cases[i].says,
                        sc ? "(accepted)" : err.msg);
            fail();
        }
    }
    clean(dir, NULL);
}

int
main(void)
{
    root = getenv("TANDEM_SOURCE_ROOT");
    if (!root || !getenv("TANDEM_BIN")) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_cell_s_emissions_by_hand),
        cmocka_unit_test(test_co2_vented_with_the_anode_gas_is_carbonate_lost),
        cmocka_unit_test(test_a_capture_route_follows_the_grid_and_the_steam),
        cmocka_unit_test(test_a_sweep_varies_an_intensity_and_what_follows_it),
        cmocka_unit_test(test_bad_carbon_data_is_refused_at_its_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
