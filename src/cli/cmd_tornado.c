#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "study_args.h"
#include "tandem/report.h"

const char cmd_tornado_help[] =
    "usage: tandem tornado FILE [--params F.csv] [--output K] [--chart F.svg] [--scenario S]\n"
    "                           [--jobs N] [--set unit.key=value] [--format text|csv|json]\n"
    "                           [-o OUT]\n"
    "\n"
    "Each uncertain parameter of the flowsheet's [uncertainty] section (or of --params, a\n"
    "CSV: parameter, distribution, a, b, c, unit, low, high, source) at its low and high\n"
    "value, the others at the file's values, sorted by how far it moves the output (default\n"
    "levelized_cost). Low and high: a uniform or triangular distribution's ends, a normal\n"
    "or lognormal one's 5th and 95th percentiles, within its bounds.\n"
    "\n"
    "  --jobs N       solve the parameters' ends in N threads (default: one per core for\n"
    "                 every 8 parameters); the result is the same to the bit for any N\n";

const cli_option cmd_tornado_options[] = {
    {"--params", true}, CLI_STUDY_OPTIONS, CLI_JOBS_OPTION, {NULL}};

/* The parameters shared among the jobs: job k solves the ends of its part of them. */
typedef struct tornado_jobs {
    const char *params;
    const cli_study *s;
    tdm_tornado_row *rows;
    double base;
} tornado_jobs;

static int
tornado_open(cli_job *j, void *ctx)
{
    const tornado_jobs *run = ctx;
    return cli_job_params(j, run->params) || cli_job_study(j, run->s, 1, false) ? -1 : 0;
}

static int
tornado_work(cli_job *j, void *ctx)
{
    tornado_jobs *run = ctx;
    int a = j->np * j->k / j->njobs, b = j->np * (j->k + 1) / j->njobs;
    double base;
    int rc = tdm_tornado_points(j->st, j->ps + a, b - a, 0, run->rows + a, &base, &j->err);
    if (j->k == 0) run->base = base;
    return rc;
}

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
    int njobs;
    if ((status = cli_jobs_count(a, np, 8, &njobs))) goto done;
    tornado_jobs run = {.params = params, .s = &s, .rows = rows};
    cli_job main_job = {.fs = fs, .sc = sc, .ps = ps, .np = np, .st = &st};
    cli_jobs jobs = {.a = a,
                     .n = njobs,
                     .main = &main_job,
                     .open = tornado_open,
                     .work = tornado_work,
                     .ctx = &run};
    rc = cli_jobs_run(&jobs, &err);
    /* a job's rows name its own copy of the parameters: the run's, in the same order */
    for (int j = 0; j < np; j++)
        rows[j].p = &ps[j];
    base = run.base;
    if (!rc) tdm_tornado_sort(rows, np);
    if (rc || (s.chart && tdm_report_tornado_chart(s.chart, &st, 0, rows, np, base, &err))) {
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
