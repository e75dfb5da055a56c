#include <stdio.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/simulate.h"

const char cmd_solve_help[] =
    "usage: tandem solve FILE [--format text|csv|json] [-o OUT] [--set unit.key=value]...\n"
    "\n"
    "Solves the flowsheet's mass balances as one linear model and prints the stream table\n"
    "(flows per species in mol/s and kg/h, totals, temperature, pressure, phase), the unit\n"
    "table (electrolyzers: current, current density, voltage, power, area, heat; separators:\n"
    "energy) and the plant summary (product rate, electric energy per tonne, carbon\n"
    "efficiency, CO2 lost to carbonate, conversions, element closure).\n"
    "\n"
    "  --format F     text (default), csv (section,item,quantity,unit,value) or json\n"
    "  -o, --output   write to this file (through a temporary file; nothing on failure)\n"
    "  --set U.K=V    change key K of unit U before solving, e.g. --set cell.fe.C2H4=0.55\n"
    "\n"
    "exit status: 0 solved; 1 cannot be solved, a balance does not close (no report), or a\n"
    "product specification fails (the report is still written); 2 bad input\n";

const cli_option cmd_solve_options[] = {NULL};

int
cmd_solve(cli_run *run)
{
    const cli_args *a = &run->a;
    tdm_error err;
    int status = 0;
    if (tdm_simulate(&run->sim, &err)) {
        status = cli_fail(&err);
    } else {
        CLI_WRITE(status, a->output,
                  tdm_report_solve(f, (enum tdm_format)a->format, run->sim.results));
        if (status == 0) {
            const tdm_results *r = run->sim.results;
            for (int i = 0; i < r->nwarnings && a->output; i++) /* the report has them too */
                fprintf(stderr, "%s\n", r->warnings[i]);
            for (int i = 0; i < r->nunits; i++)
                if (r->units[i].failed) {
                    fprintf(stderr, "%s: %s\n", tdm_flowsheet_path(run->fs), r->units[i].failed);
                    status = 1;
                }
        }
    }
    return status;
}
