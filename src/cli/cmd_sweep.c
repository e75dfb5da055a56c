#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "study_args.h"
#include "tandem/report.h"

const char cmd_sweep_help[] =
    "usage: tandem sweep FILE --vary unit.key=LO..HI[:N] [--vary ...] [--output K[,K...]]\n"
    "                         [--chart F.svg] [--jobs N] [--scenario S] [--set unit.key=value]\n"
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
    "  --jobs N       solve the points in N threads (default: one per core); the result\n"
    "                 is the same to the bit for any N\n"
    "\n"
    "Points that cannot be solved are reported as missing values, not errors.\n";

const cli_option cmd_sweep_options[] = {
    {"--vary", true}, CLI_STUDY_OPTIONS, CLI_JOBS_OPTION, {NULL}};

/* The grid shared among the jobs: job k solves its part of the points into the arrays. */
typedef struct sweep_jobs {
    const cli_study *s;
    char name[2][256]; /* the varied parameters */
    const tdm_sweep *sw;
    long *failed; /* per job */
} sweep_jobs;

static int
sweep_open(cli_job *j, void *ctx)
{
    const sweep_jobs *run = ctx;
    j->np = run->sw->np;
    for (int i = 0; i < j->np; i++)
        if (tdm_param_parse(&j->ps[i], run->name[i], j->fs, j->sc, NULL, 0, &j->err)) return -1;
    return cli_job_study(j, run->s, run->s->nout, true);
}

static int
sweep_work(cli_job *j, void *ctx)
{
    sweep_jobs *run = ctx;
    tdm_sweep part = *run->sw;
    for (int i = 0; i < part.np; i++)
        part.p[i] = &j->ps[i];
    part.failed = 0;
    long a = part.npoints * j->k / j->njobs, b = part.npoints * (j->k + 1) / j->njobs;
    int rc = tdm_sweep_points(j->st, &part, a, b - a, &j->err);
    run->failed[j->k] = part.failed;
    return rc;
}

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
    sweep_jobs run = {.s = &s, .sw = &sw};
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
        snprintf(run.name[j], sizeof run.name[j], "%s", name);
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
    int njobs = 1;
    if (tdm_sweep_alloc(&sw, st.nout, &err)) {
        status = cli_study_fail(&err, sc, scwhy);
        goto done;
    }
    if ((status = cli_jobs_count(a, sw.npoints, 64, &njobs))) goto done;
    if (!(run.failed = calloc((size_t)njobs, sizeof *run.failed))) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
        goto done;
    }
    cli_job main_job = {.fs = fs, .sc = sc, .ps = p, .np = nvary, .st = &st};
    cli_jobs jobs = {
        .a = a, .n = njobs, .main = &main_job, .open = sweep_open, .work = sweep_work, .ctx = &run};
    rc = cli_jobs_run(&jobs, &err);
    for (int k = 0; k < njobs; k++)
        sw.failed += run.failed[k];
    if (rc || (s.chart && tdm_report_sweep_chart(s.chart, &st, &sw, &err))) {
        status = cli_study_fail(&err, sc, scwhy);
        goto done;
    }
    CLI_WRITE(status, a->output, tdm_report_sweep(f, (enum tdm_format)a->format, &st, &sw));
done:
    free(run.failed);
    tdm_sweep_free(&sw);
    if (open) tdm_study_close(&st);
    return status;
}
