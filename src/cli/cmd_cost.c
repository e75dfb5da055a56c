#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/simulate.h"
#include "tandem/study.h"
#include "tandem/tea.h"
#include "tandem/unit.h"

const char cmd_cost_help[] =
    "usage: tandem cost FILE [--scenario S] [--set unit.key=value] [--set scenario.key=value]\n"
    "                        [--format text|csv|json] [-o DIR]\n"
    "\n"
    "Solves the flowsheet and prices it: installed capital of every unit from its solved size\n"
    "(cost curves in the scenario's equipment CSV, escalated with the CEPCI), indirect costs,\n"
    "operating costs (electricity, heat, feeds, water, maintenance, insurance, labour),\n"
    "by-product revenue, and the cash flow: levelized cost of the main product, NPV, IRR and\n"
    "payback at its market price, and the yearly cash-flow table. With the scenario's carbon\n"
    "intensities (costs/carbon.csv), its emissions per tonne, cradle to gate, by cause, the\n"
    "route the product replaces, the abatement cost and the break-even grid intensity\n"
    "(docs/carbon.md).\n"
    "\n"
    "  --scenario S   the cost scenario (INI in costs/); default: the flowsheet's\n"
    "                 `scenario` key, else costs/base2023.ini of the data directory\n"
    "                 ($TANDEM_DATA, the installed one, the source tree: tandem --version)\n"
    "  --set K=V      unit.key=value changes the flowsheet; scenario.key=value (or\n"
    "                 scenario.prices.CO2=50 $/t, scenario.carbon.electricity=wind_onshore)\n"
    "                 changes the scenario\n"
    "  --format F     the terminal summary as text (default), csv or json\n"
    "  -o, --report DIR  also write the full report into DIR: report.md, report.html with charts\n"
    "                 (capital.svg, operating.svg, emissions.svg, cash_flow.svg), report.json,\n"
    "                 cost_lines.csv, cash_flow.csv and report.xlsx\n"
    "\n"
    "exit status: 0 priced; 1 the flowsheet cannot be solved or does not close; 2 bad input\n";

const cli_option cmd_cost_options[] = {NULL};

/* The sensitivity section of a full report: a tornado of the levelized cost, on a copy of
 * the flowsheet and scenario of its own (a study changes what it varies in place). */
struct sensitivity {
    tdm_flowsheet *fs;
    tdm_scenario *sc;
    tdm_study st;
    bool open;
    tdm_param ps[TDM_STUDY_MAX_PARAMS];
    tdm_tornado_row rows[TDM_STUDY_MAX_PARAMS];
    char why[1200];
};

static const char default_basis[] =
    "with no [uncertainty] section in the flowsheet, the keys that set each unit's operating "
    "point (an electrolyzer's cell voltage, or its voltage model's cathode overpotential, "
    "area-specific resistance and limiting current, and its current density and single-pass "
    "conversion where its voltage and selectivity follow them) at "
    "10 % below and above the file's value (a fraction at most halfway to 1) and the price of "
    "electricity at 25 % below and above the scenario's; these ranges are assumed, not "
    "sourced: give the flowsheet an [uncertainty] section for sourced ones";

/* A parameter varied over [base (1 - f), base (1 + f)], a fraction at most halfway to 1. */
static bool
around(tdm_param *p, const char *name, double f, const tdm_flowsheet *fs, const tdm_scenario *sc)
{
    tdm_error ignored; /* a key the file does not give is not varied */
    if (tdm_param_parse(p, name, fs, sc, NULL, 0, &ignored) || !(p->base > 0)) return false;
    double hi = p->base * (1 + f);
    if (!p->unit[0] && p->base < 1) hi = fmin(hi, 0.5 * (1 + p->base));
    p->dist = TDM_DIST_UNIFORM;
    p->a = p->base * (1 - f);
    p->b = hi;
    p->source = "assumed range";
    return true;
}

static void
sensitivity(const cli_args *a, struct sensitivity *s, tdm_cost_extras *x)
{
    x->tornado_why = s->why;
    tdm_error err;
    const char *bad;
    if (tdm_flowsheet_load(a->files[0], &s->fs, &err) || cli_load_sets(a, s->fs, &err, &bad) ||
        cli_scenario_load(a, s->fs, &s->sc, &err, &bad)) {
        snprintf(s->why, sizeof s->why, "Not worked out: %s", err.msg);
        return;
    }
    int np = 0;
    if (tdm_params_read_section(s->ps, TDM_STUDY_MAX_PARAMS, &np, s->fs, s->sc, &err)) {
        snprintf(s->why, sizeof s->why, "Not worked out: %s", err.msg);
        return;
    }
    x->tornado_basis = "the flowsheet's [uncertainty] section: a uniform or triangular "
                       "distribution's ends, a normal or lognormal one's 5th and 95th percentiles";
    if (np == 0) {
        x->tornado_basis = default_basis;
        for (int u = 0; u < tdm_flowsheet_nunits(s->fs); u++) {
            const tdm_unit *unit = tdm_flowsheet_unit(s->fs, u);
            const char *const *keys = unit->kind->main_keys;
            for (int k = 0; keys && keys[k] && np < TDM_STUDY_MAX_PARAMS - 1; k++) {
                char name[300];
                snprintf(name, sizeof name, "%s.%s", unit->name, keys[k]);
                np += around(&s->ps[np], name, 0.10, s->fs, s->sc);
            }
        }
        np += around(&s->ps[np], "scenario.prices.electricity", 0.25, s->fs, s->sc);
    }
    static const char *const outs[] = {"levelized_cost"};
    if (tdm_study_open(&s->st, s->fs, s->sc, outs, 1, &err)) {
        tdm_study_close(&s->st);
        snprintf(s->why, sizeof s->why, "Not worked out: %s", err.msg);
        return;
    }
    s->open = true;
    double base;
    if (tdm_tornado_run(&s->st, s->ps, np, 0, s->rows, &base, &err)) {
        snprintf(s->why, sizeof s->why, "Not worked out: %s", err.msg);
        return;
    }
    x->tornado_study = &s->st;
    x->tornado_rows = s->rows;
    x->tornado_n = np;
    x->tornado_base = base;
}

int
cmd_cost(cli_run *r)
{
    const cli_args *a = &r->a;
    tdm_error err;
    int status = 0;
    tdm_tea *t = calloc(1, sizeof *t);
    struct sensitivity *sens = NULL;
    tdm_cost_extras extras = {0};
    if (!t) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
    } else if (tdm_simulate(&r->sim, &err) || tdm_tea_evaluate(r->sim.results, r->sc, t, &err)) {
        status = cli_fail(&err);
    } else if ((a->report || a->output) && (sens = calloc(1, sizeof *sens)) == NULL) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
    } else if ((a->report || a->output) &&
               (sensitivity(a, sens, &extras),
                tdm_report_cost_dir(a->report ? a->report : a->output, r->sim.results, t, &extras,
                                    &err))) {
        status = cli_fail(&err);
    } else {
        CLI_WRITE(status, NULL, tdm_report_cost(f, (enum tdm_format)a->format, r->sim.results, t));
    }
    free(t);
    if (sens) {
        if (sens->open) tdm_study_close(&sens->st);
        tdm_scenario_free(sens->sc);
        tdm_flowsheet_free(sens->fs);
        free(sens);
    }
    return status;
}
