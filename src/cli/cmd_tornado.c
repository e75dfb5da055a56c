#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "study_args.h"
#include "tandem/report.h"

const char cmd_tornado_help[] =
    "usage: tandem tornado FILE [--params F.csv] [--output K] [--chart F.svg] [--scenario S]\n"
    "                           [--set unit.key=value] [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Each uncertain parameter of the flowsheet's [uncertainty] section (or of --params, a\n"
    "CSV: parameter, distribution, a, b, c, unit, low, high, source) at its low and high\n"
    "value, the others at the file's values, sorted by how far it moves the output (default\n"
    "levelized_cost). Low and high: a uniform or triangular distribution's ends, a normal\n"
    "or lognormal one's 5th and 95th percentiles, within its bounds.\n";

const cli_option cmd_tornado_options[] = {{"--params", true}, CLI_STUDY_OPTIONS, {NULL}};

int
cmd_tornado(cli_run *r)
{
    static const char *const defaults[] = {"levelized_cost"};
    const cli_args *a = &r->a;
    cli_study s;
    int rc = cli_study_take(a, &s, defaults, 1);
    if (rc) return rc;
    const char *params = cli_args_opt(a, "--params");
    tdm_flowsheet *fs = r->fs;
    tdm_scenario *sc = r->sc;
    const tdm_error *scwhy = &r->scenario_why;
    tdm_param *ps = calloc(TDM_STUDY_MAX_PARAMS, sizeof *ps);
    tdm_tornado_row *rows = calloc(TDM_STUDY_MAX_PARAMS, sizeof *rows);
    tdm_study st;
    bool open = false;
    tdm_error err;
    int status = 0, np = 0;
    double base = 0;
    if (!ps || !rows) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
        goto done;
    }
    if ((status = cli_study_params(params, fs, sc, scwhy, ps, &np))) goto done;
    if (tdm_study_open(&st, fs, sc, s.outputs, 1, &err)) {
        status = cli_study_fail(&err, sc, scwhy);
        tdm_study_close(&st);
        goto done;
    }
    open = true;
    if (tdm_tornado_run(&st, ps, np, 0, rows, &base, &err) ||
        (s.chart && tdm_report_tornado_chart(s.chart, &st, 0, rows, np, base, &err))) {
        status = cli_study_fail(&err, sc, scwhy);
        goto done;
    }
    CLI_WRITE(status, a->output,
              tdm_report_tornado(f, (enum tdm_format)a->format, &st, 0, rows, np, base));
done:
    if (open) tdm_study_close(&st);
    free(ps);
    free(rows);
    return status;
}
