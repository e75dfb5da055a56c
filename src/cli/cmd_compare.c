#include <stdio.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/simulate.h"

static const char help[] =
    "usage: tandem compare FILE FILE... [--format text|csv|json|markdown] [--layout L] [-o OUT]\n"
    "\n"
    "Solves each flowsheet and shows their plant summaries side by side: product rate,\n"
    "electric energy per tonne (and where it goes), heat, Gibbs minimum and second-law\n"
    "efficiency, carbon efficiency, CO2 carried to the anodes as carbonate, conversions and\n"
    "element closure. With more than four flowsheets, one row each with the headline figures.\n"
    "\n"
    "  --format F     text (default), csv, json, or markdown (one table row per flowsheet,\n"
    "                 as in docs/gallery.md)\n"
    "  --layout L     text layout: columns (one column per flowsheet, every figure) or rows\n"
    "                 (one row per flowsheet, headline figures); default by count\n"
    "  -o, --output   write to this file (through a temporary file; nothing on failure)\n";

int
cmd_compare(int argc, char **argv)
{
    cli_args a;
    int rc = cli_start(argc, argv, "fmlo", help, 1, ARGS_MAX_FILES, &a);
    if (rc >= 0) return rc;
    tdm_flowsheet *fs[ARGS_MAX_FILES] = {0};
    tdm_simulation sim[ARGS_MAX_FILES];
    const tdm_results *res[ARGS_MAX_FILES];
    int status = 0, n = 0;
    tdm_error err;
    for (; n < a.nfiles; n++) {
        tdm_simulation_init(&sim[n], NULL);
        if (tdm_flowsheet_load(a.files[n], &fs[n], &err)) {
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
    }
    if (status == 0) {
        cli_out out;
        FILE *f = cli_out_begin(&out);
        if (!f ||
            tdm_report_compare(f, (enum tdm_format)a.format, (enum tdm_layout)a.layout, res, n)) {
            if (f) cli_out_abort(&out);
            fprintf(stderr, "tandem: cannot write the comparison\n");
            status = 2;
        } else {
            status = cli_out_commit(&out, a.output);
        }
        for (int i = 0; i < n && status == 0; i++)
            if (!res[i]->summary.closed) {
                fprintf(stderr, "%s: the element balances do not close\n", a.files[i]);
                status = 1;
            }
    }
    for (int i = 0; i < n; i++) {
        tdm_simulation_free(&sim[i]);
        tdm_flowsheet_free(fs[i]);
    }
    return status;
}
