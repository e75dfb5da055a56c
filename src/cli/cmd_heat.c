#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/heat.h"
#include "tandem/quantity.h"
#include "tandem/report.h"
#include "tandem/simulate.h"

const char cmd_heat_help[] =
    "usage: tandem heat FILE [--dtmin 10K] [--chart F.svg] [--format text|csv|json] [-o OUT]\n"
    "                        [--set unit.key=value]\n"
    "\n"
    "Heat integration of the solved flowsheet: every heat duty (heaters, coolers, reactor\n"
    "preheat and reaction heat, cell heat, metabolic heat, separations) is a hot or cold\n"
    "stream; the heat cascade, solved as a linear program, gives the minimum hot and cold\n"
    "utility at a minimum approach temperature, the pinch, and the heat the streams can\n"
    "exchange instead of taking it from utilities. CSV gives the composite curves.\n"
    "\n"
    "  --dtmin T      minimum approach temperature (default 10 K)\n"
    "  --chart F.svg  draw the composite curves (PLplot)\n"
    "  --format F     text (default), csv or json\n"
    "  -o, --output   write to this file (through a temporary file; nothing on failure)\n";

const cli_option cmd_heat_options[] = {{"--dtmin", true}, {"--chart", true}, {NULL}};

int
cmd_heat(cli_run *r)
{
    double dtmin = 10.0;
    const char *chart = cli_args_opt(&r->a, "--chart"), *dt = cli_args_opt(&r->a, "--dtmin");
    if (dt) {
        double v;
        tdm_dim d;
        char why[160];
        tdm_dim k = {{0}};
        k.e[TDM_DIM_K] = 1;
        /* a difference: 10 C is 10 K here (pinch texts write "dTmin = 10 C"), not the
         * 283.15 K a temperature of 10 C would read as */
        if (tdm_quantity_parse_difference(dt, &v, &d, why, sizeof why) || !tdm_dim_equal(d, k))
            v = NAN;
        if (!(v >= 0 && v <= 500)) {
            fprintf(stderr,
                    "tandem heat: --dtmin takes a temperature difference from 0 to 500 K, "
                    "e.g. 10 K, not `%s`\n",
                    dt);
            return 2;
        }
        dtmin = v;
    }
    tdm_error err;
    int status = 0;
    tdm_heat *h = calloc(1, sizeof *h);
    if (!h) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
    } else if (tdm_simulate(&r->sim, &err) || tdm_heat_analyze(r->sim.results, dtmin, h, &err) ||
               (chart && tdm_report_heat_chart(chart, h, &err))) {
        status = cli_fail(&err);
    } else {
        CLI_WRITE(status, r->a.output, tdm_report_heat(f, (enum tdm_format)r->a.format, h));
    }
    free(h);
    return status;
}
