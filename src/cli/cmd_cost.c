#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/simulate.h"
#include "tandem/tea.h"

static const char help[] =
    "usage: tandem cost FILE [--scenario S] [--set unit.key=value] [--set scenario.key=value]\n"
    "                        [--format text|csv|json] [-o DIR]\n"
    "\n"
    "Solves the flowsheet and prices it: installed capital of every unit from its solved size\n"
    "(cost curves in the scenario's equipment CSV, escalated with the CEPCI), indirect costs,\n"
    "operating costs (electricity, heat, feeds, water, maintenance, insurance, labour),\n"
    "by-product revenue, and the cash flow: levelized cost of the main product, NPV, IRR and\n"
    "payback at its market price, and the yearly cash-flow table.\n"
    "\n"
    "  --scenario S   the cost scenario (INI in costs/); default: the flowsheet's\n"
    "                 `scenario` key, else costs/base2023.ini of the data directory\n"
    "                 ($TANDEM_DATA, the installed one, the source tree: tandem --version)\n"
    "  --set K=V      unit.key=value changes the flowsheet; scenario.key=value (or\n"
    "                 scenario.prices.CO2=50 $/t) changes the scenario\n"
    "  --format F     the terminal summary as text (default), csv or json\n"
    "  -o, --report DIR  also write the full report into DIR: report.md, report.html with charts\n"
    "                 (capital.svg, operating.svg, cash_flow.svg), report.json,\n"
    "                 cost_lines.csv, cash_flow.csv and report.xlsx\n"
    "\n"
    "exit status: 0 priced; 1 the flowsheet cannot be solved or does not close; 2 bad input\n";

int
cmd_cost(int argc, char **argv)
{
    cli_args a;
    int rc = cli_start(argc, argv, "foscr", help, 1, 1, &a);
    if (rc >= 0) return rc;
    tdm_flowsheet *fs;
    if ((rc = cli_load(&a, &fs))) return rc;
    tdm_error err;
    tdm_scenario *sc = NULL;
    if ((rc = cli_scenario(&a, fs, &sc))) {
        tdm_flowsheet_free(fs);
        return rc;
    }
    tdm_simulation sim;
    tdm_simulation_init(&sim, fs);
    int status = 0;
    tdm_tea *t = calloc(1, sizeof *t);
    if (!t) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
    } else if (tdm_simulate(&sim, &err) || tdm_tea_evaluate(sim.results, sc, t, &err)) {
        status = cli_fail(&err);
    } else if ((a.report || a.output) &&
               tdm_report_cost_dir(a.report ? a.report : a.output, sim.results, t, &err)) {
        status = cli_fail(&err);
    } else {
        cli_out out;
        FILE *f = cli_out_begin(&out);
        if (!f || tdm_report_cost(f, (enum tdm_format)a.format, sim.results, t)) {
            if (f) cli_out_abort(&out);
            fprintf(stderr, "tandem: cannot write the cost report\n");
            status = 2;
        } else {
            status = cli_out_commit(&out, NULL);
        }
    }
    free(t);
    tdm_simulation_free(&sim);
    tdm_scenario_free(sc);
    tdm_flowsheet_free(fs);
    return status;
}
