#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "study_args.h"
#include "tandem/report.h"

const char cmd_sweep_help[] =
    "usage: tandem sweep FILE --vary unit.key=LO..HI[:N] [--vary ...] [--output K[,K...]]\n"
    "                         [--chart F.svg] [--scenario S] [--set unit.key=value]\n"
    "                         [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Solves the flowsheet over a grid of one or two parameters (unit.key, or scenario.key\n"
    "such as scenario.prices.electricity), LO and HI in the unit the file writes the key\n"
    "in, N points each (default 11; at most 10^6 in all). The model is built once and each\n"
    "point re-solved warm.\n"
    "\n"
    "  --vary P=LO..HI:N  a parameter and its range (once or twice)\n"
    "  --output K     the figures to report (default total_energy, levelized_cost,\n"
    "                 carbon_efficiency, and a varied cell's voltage and FE; `tandem\n"
    "                 compare --format csv FILE` lists them; UNIT.ROW a unit's row,\n"
    "                 as `tandem solve --format csv` names it: cell.fe.CO)\n"
    "  --chart F.svg  the first output against one parameter, or a heat map over two\n"
    "  --format F     text (default), csv or json;  -o: write to a file atomically\n"
    "\n"
    "Points that cannot be solved are reported as missing values, not errors.\n";

const cli_option cmd_sweep_options[] = {{"--vary", true}, CLI_STUDY_OPTIONS, {NULL}};

int
cmd_sweep(cli_run *r)
{
    static const char *const defaults[] = {"total_energy", "levelized_cost", "carbon_efficiency"};
    const cli_args *a = &r->a;
    cli_study s;
    int rc = cli_study_take(a, &s, defaults, 3);
    if (rc) return rc;
    const char *vary[2];
    int nvary = 0;
    for (int i = 0; i < a->nown; i++) {
        if (strcmp(a->own[i].name, "--vary")) continue;
        if (nvary == 2) {
            fprintf(stderr, "tandem sweep: --vary takes unit.key=LO..HI[:N], once or twice\n");
            return 2;
        }
        vary[nvary++] = a->own[i].value;
    }
    if (nvary == 0) {
        fprintf(stderr, "tandem sweep: give --vary unit.key=LO..HI[:N]\n");
        return 2;
    }
    tdm_flowsheet *fs = r->fs;
    tdm_scenario *sc = r->sc;
    const tdm_error *scwhy = &r->scenario_why;
    tdm_param p[2];
    tdm_sweep sw;
    memset(&sw, 0, sizeof sw);
    tdm_study st;
    bool open = false;
    tdm_error err;
    int status = 0;
    for (int j = 0; j < nvary; j++) {
        char name[256];
        const char *eq = strchr(vary[j], '=');
        if (!eq || (size_t)(eq - vary[j]) >= sizeof name) {
            fprintf(stderr, "tandem sweep: --vary takes unit.key=LO..HI[:N], not `%s`\n", vary[j]);
            status = 2;
            goto done;
        }
        snprintf(name, sizeof name, "%.*s", (int)(eq - vary[j]), vary[j]);
        if (tdm_param_parse(&p[j], name, fs, sc, NULL, 0, &err)) {
            status = cli_study_fail(&err, sc, scwhy);
            goto done;
        }
        char why[200];
        if (cli_study_range(&p[j], eq + 1, &sw.lo[j], &sw.hi[j], &sw.n[j], why, sizeof why)) {
            fprintf(stderr, "tandem sweep: `%s`: %s\n", vary[j], why);
            status = 2;
            goto done;
        }
        sw.p[j] = &p[j];
    }
    sw.np = nvary;
    if (tdm_study_open(&st, fs, sc, s.outputs, s.nout, &err) ||
        (s.defaulted && tdm_study_follow_cells(&st, p, nvary, &err))) {
        status = cli_study_fail(&err, sc, scwhy);
        tdm_study_close(&st);
        goto done;
    }
    open = true;
    if (tdm_sweep_run(&st, &sw, &err) ||
        (s.chart && tdm_report_sweep_chart(s.chart, &st, &sw, &err))) {
        status = cli_study_fail(&err, sc, scwhy);
        goto done;
    }
    CLI_WRITE(status, a->output, tdm_report_sweep(f, (enum tdm_format)a->format, &st, &sw));
done:
    tdm_sweep_free(&sw);
    if (open) tdm_study_close(&st);
    return status;
}
