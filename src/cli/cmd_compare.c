#include <stdio.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/simulate.h"
#include "tandem/tea.h"

#include <stdlib.h>
#include <string.h>

const char cmd_compare_help[] =
    "usage: tandem compare FILE FILE... [--format text|csv|json|markdown] [--layout L]\n"
    "                      [--scenario S | --no-costs] [-o OUT]\n"
    "\n"
    "Solves each flowsheet and shows their plant summaries side by side: product rate,\n"
    "electric energy per tonne (and where it goes), heat, Gibbs minimum and second-law\n"
    "efficiency, carbon efficiency, CO2 carried to the anodes as carbonate, conversions and\n"
    "element closure; and each priced in its cost scenario: total capital, operating cost,\n"
    "levelized cost, NPV and IRR, and its emissions against the route it replaces (a\n"
    "flowsheet that cannot be priced shows `-` and a warning).\n"
    "With more than four flowsheets, one row each with the headline figures.\n"
    "\n"
    "  --format F     text (default), csv, json, or markdown (one table row per flowsheet,\n"
    "                 as in docs/gallery.md)\n"
    "  --scenario S   price every flowsheet in this scenario (default: each its own, else\n"
    "                 costs/base2023.ini of the data directory, as for `tandem cost`)\n"
    "  --no-costs     leave the costs out\n"
    "  --chart F.svg  also draw the levelized costs (energy per tonne without costs) as a chart\n"
    "  --emissions-chart F.svg  also draw the emissions per tonne (docs/carbon.md)\n"
    "  --layout L     text layout: columns (one column per flowsheet, every figure) or rows\n"
    "                 (one row per flowsheet, headline figures); default by count\n"
    "  -o, --output   write to this file (through a temporary file; nothing on failure)\n";

const cli_option cmd_compare_options[] = {
    {"--chart", true}, {"--emissions-chart", true}, {"--no-costs", false}, {NULL}};

/* Under the table of a text or Markdown comparison: why a cost column shows `-` (a
 * flowsheet its scenario cannot price, and the reason). */
static int
not_priced(FILE *f, int format, const char *const *files, char *const *why, int n)
{
    if (format != TDM_FMT_TEXT && format != TDM_FMT_MARKDOWN) return 0;
    for (int i = 0; i < n; i++)
        if (why[i])
            fprintf(f, "%sNot priced (its cost figures show `-`): %s: %s\n",
                    format == TDM_FMT_MARKDOWN ? "\n" : "", files[i], why[i]);
    return ferror(f) ? -1 : 0;
}

int
cmd_compare(cli_run *r)
{
    const cli_args *a = &r->a;
    bool costs = !cli_args_opt(a, "--no-costs");
    const char *chart = cli_args_opt(a, "--chart");
    const char *echart = cli_args_opt(a, "--emissions-chart");
    if (echart && !costs) {
        fprintf(stderr, "tandem compare: --emissions-chart needs the costs (their carbon "
                        "intensities): leave out --no-costs\n");
        return 2;
    }
    tdm_flowsheet *fs[ARGS_MAX_FILES] = {0};
    tdm_simulation sim[ARGS_MAX_FILES];
    const tdm_results *res[ARGS_MAX_FILES];
    tdm_tea *tea[ARGS_MAX_FILES] = {0};
    const tdm_tea *teas[ARGS_MAX_FILES] = {0};
    char *why[ARGS_MAX_FILES] = {0}; /* why a flowsheet is not priced */
    int status = 0, n = 0;
    tdm_error err;
    for (; n < a->nfiles; n++) {
        tdm_simulation_init(&sim[n], NULL);
        if (tdm_flowsheet_load(a->files[n], &fs[n], &err)) {
            status = cli_fail(&err);
            break;
        }
        tdm_simulation_init(&sim[n], fs[n]);
        if (tdm_simulate(&sim[n], &err)) {
            status = cli_fail(&err);
            n++;
            break;
        }
        res[n] = sim[n].results;
        if (!costs) continue;
        /* Pricing is extra: a flowsheet that cannot be priced is still compared. */
        tdm_scenario *sc = NULL;
        tdm_error cerr;
        const char *bad;
        tea[n] = calloc(1, sizeof *tea[n]);
        if (tea[n] && !cli_scenario_load(a, fs[n], &sc, &cerr, &bad) &&
            !tdm_tea_evaluate(res[n], sc, tea[n], &cerr)) {
            teas[n] = tea[n];
            tea[n]->sc = NULL; /* the scenario is freed below */
        } else {
            why[n] = strdup(tea[n] ? cerr.msg : "out of memory");
            fprintf(stderr, "tandem compare: %s not priced: %s\n", a->files[n],
                    tea[n] ? cerr.msg : "out of memory");
        }
        tdm_scenario_free(sc);
    }
    if (status == 0 && chart && tdm_report_compare_chart(chart, res, teas, n, &err))
        status = cli_fail(&err);
    if (status == 0 && echart && tdm_report_compare_emissions_chart(echart, res, teas, n, &err))
        status = cli_fail(&err);
    if (status == 0) {
        CLI_WRITE(status, a->output,
                  tdm_report_compare(f, (enum tdm_format)a->format, (enum tdm_layout)a->layout, res,
                                     teas, n) ||
                      not_priced(f, a->format, a->files, why, n));
    }
    for (int i = 0; i < n; i++) {
        free(why[i]);
        free(tea[i]);
        tdm_simulation_free(&sim[i]);
        tdm_flowsheet_free(fs[i]);
    }
    return status;
}
