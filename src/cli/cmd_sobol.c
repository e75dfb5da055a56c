#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* tandem sobol and tandem morris: global sensitivity over the [uncertainty] parameters. */
#include "cli.h"
#include "study_args.h"
#include "tandem/report.h"

const char cmd_sobol_help[] =
    "usage: tandem sobol FILE [--samples N] [--seed S] [--resamples R] [--params F.csv]\n"
    "                         [--output K[,K...]] [--chart F.svg] [--jobs N] [--scenario S]\n"
    "                         [--set unit.key=value]\n"
    "                         [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Global sensitivity of each output to the [uncertainty] parameters (or those of\n"
    "--params F.csv): Sobol's first-order index (the share of the output's variance a\n"
    "parameter explains alone) and total index (with all its interactions), by Saltelli's\n"
    "sampling, N (k + 2) solves for k parameters, each with a 95 % bootstrap interval.\n"
    "\n"
    "  --samples N    base samples (default 1000)    --seed S: default 1\n"
    "  --resamples R  bootstrap resamples for the intervals (default 100; 0: none)\n"
    "  --output K     the outputs (default levelized_cost, total_energy)\n"
    "  --chart F.svg  bars of the first output's S1 and ST for each parameter (the largest\n"
    "                 16 by ST)\n"
    "  --jobs N       solve in N threads (default: one per core); the same result for any N\n"
    "  --format F     text (default), csv or json;  -o: write to a file atomically\n";

const cli_option cmd_sobol_options[] = {
    {"--samples", true}, {"--seed", true},  {"--resamples", true}, {"--params", true},
    {"--output", true},  {"--chart", true}, CLI_JOBS_OPTION,       {NULL}};

/* The evaluations shared among the jobs: job k solves its part into y. */
typedef struct sobol_jobs {
    const char *params;
    const cli_study *s;
    uint64_t seed;
    long n, total;
    double *y;
    long *failed; /* per job */
} sobol_jobs;

static int
sobol_open(cli_job *j, void *ctx)
{
    const sobol_jobs *run = ctx;
    return cli_job_params(j, run->params) || cli_job_study(j, run->s, run->s->nout, false) ? -1 : 0;
}

static int
sobol_work(cli_job *j, void *ctx)
{
    sobol_jobs *run = ctx;
    long a = run->total * j->k / j->njobs, b = run->total * (j->k + 1) / j->njobs;
    return tdm_sobol_points(j->st, j->ps, j->np, run->seed, run->n, a, b - a, run->y,
                            &run->failed[j->k], &j->err);
}

/* What sobol and morris share: the outputs into s (default levelized_cost, total_energy;
 * the study keeps pointing into it), the uncertain parameters into ps, the study opened on
 * them. 0 with st open (the caller closes it), or the exit status after saying why. */
static int
open_study(cli_run *r, cli_study *s, tdm_param *ps, int *np, tdm_study *st)
{
    static const char *const defaults[] = {"levelized_cost", "total_energy"};
    int status = cli_study_take(&r->a, s, defaults, 2);
    if (status) return status;
    status =
        cli_study_params(cli_args_opt(&r->a, "--params"), r->fs, r->sc, &r->scenario_why, ps, np);
    if (status) return status;
    tdm_error err;
    if (tdm_study_open(st, r->fs, r->sc, s->outputs, s->nout, &err)) {
        tdm_study_close(st);
        return cli_study_fail(&err, r->sc, &r->scenario_why);
    }
    return 0;
}

static long
sum(const long *v, int n)
{
    long t = 0;
    for (int i = 0; i < n; i++)
        t += v[i];
    return t;
}

int
cmd_sobol(cli_run *r)
{
    const cli_args *a = &r->a;
    const char *nsamp = cli_args_opt(a, "--samples"), *seedtxt = cli_args_opt(a, "--seed"),
               *restxt = cli_args_opt(a, "--resamples");
    long n = 1000, resamples = 100;
    unsigned long long seed = 1;
    char *end;
    if (nsamp && ((n = strtol(nsamp, &end, 10)) < 2 || *end)) {
        fprintf(stderr, "tandem sobol: --samples takes 2 or more\n");
        return 2;
    }
    if (seedtxt && (seed = strtoull(seedtxt, &end, 10), *end || !*seedtxt)) {
        fprintf(stderr, "tandem sobol: --seed takes a whole number\n");
        return 2;
    }
    if (restxt && ((resamples = strtol(restxt, &end, 10)) < 0 || *end || resamples > 10000)) {
        fprintf(stderr, "tandem sobol: --resamples takes 0 to 10000\n");
        return 2;
    }
    tdm_param *ps = calloc(TDM_STUDY_MAX_PARAMS, sizeof *ps);
    tdm_sobol *so = calloc(1, sizeof *so);
    cli_study s;
    tdm_study st;
    tdm_error err;
    int status = 0, np = 0;
    if (!ps || !so) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
    } else if (!(status = open_study(r, &s, ps, &np, &st))) {
        long total = n * (np + 2);
        int njobs = 1;
        if ((status = cli_study_memory("sobol", total, 0, st.nout)) == 0 &&
            (status = cli_jobs_count(a, total, 256, &njobs)) == 0) {
            sobol_jobs run = {.params = cli_args_opt(a, "--params"),
                              .s = &s,
                              .seed = seed,
                              .n = n,
                              .total = total,
                              .y = malloc(sizeof(double) * (size_t)total * (size_t)st.nout + 1),
                              .failed = calloc((size_t)njobs, sizeof(long))};
            cli_job main_job = {.fs = r->fs, .sc = r->sc, .ps = ps, .np = np, .st = &st};
            cli_jobs jobs = {.a = a,
                             .n = njobs,
                             .main = &main_job,
                             .open = sobol_open,
                             .work = sobol_work,
                             .ctx = &run};
            if (!run.y || !run.failed) {
                fprintf(stderr, "tandem: out of memory\n");
                status = 2;
            } else if (cli_jobs_run(&jobs, &err) ||
                       tdm_sobol_finish(run.y, st.nout, np, seed, n, (int)resamples,
                                        sum(run.failed, njobs), so, &err) ||
                       (s.chart && tdm_report_sobol_chart(s.chart, &st, 0, ps, so, &err))) {
                status = cli_study_fail(&err, r->sc, &r->scenario_why);
            } else {
                CLI_WRITE(status, a->output,
                          tdm_report_sobol(f, (enum tdm_format)a->format, &st, ps, so));
            }
            free(run.y);
            free(run.failed);
        }
        tdm_study_close(&st);
    }
    free(ps);
    free(so);
    return status;
}

const char cmd_morris_help[] =
    "usage: tandem morris FILE [--trajectories R] [--levels P] [--seed S] [--params F.csv]\n"
    "                          [--output K[,K...]] [--chart F.svg] [--scenario S]\n"
    "                          [--set unit.key=value]\n"
    "                          [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Screens the [uncertainty] parameters (or those of --params F.csv) by Morris's\n"
    "elementary effects: R trajectories (default 20) on a grid of P levels (default 4, even)\n"
    "of each parameter's probability, each moving every parameter once; R (k + 1) solves for\n"
    "k parameters. mu* (the mean size of a parameter's effects, in the output's unit per its\n"
    "whole range) ranks them; sigma (their spread) says how far one acts non-linearly or\n"
    "through others. Cheaper than Sobol indices, for many parameters.\n"
    "\n"
    "  --output K     the outputs (default levelized_cost, total_energy)\n"
    "  --chart F.svg  bars of the first output's mu* for each parameter (the largest 16)\n"
    "  --format F     text (default), csv or json;  -o: write to a file atomically\n";

const cli_option cmd_morris_options[] = {{"--trajectories", true},
                                         {"--levels", true},
                                         {"--seed", true},
                                         {"--params", true},
                                         {"--output", true},
                                         {"--chart", true},
                                         {NULL}};

int
cmd_morris(cli_run *r)
{
    const cli_args *a = &r->a;
    const char *rtxt = cli_args_opt(a, "--trajectories"), *ptxt = cli_args_opt(a, "--levels"),
               *seedtxt = cli_args_opt(a, "--seed");
    long traj = 20, levels = 4;
    unsigned long long seed = 1;
    char *end;
    if ((rtxt && ((traj = strtol(rtxt, &end, 10)), *end || !*rtxt)) ||
        (ptxt && ((levels = strtol(ptxt, &end, 10)), *end || !*ptxt)) ||
        (seedtxt && (seed = strtoull(seedtxt, &end, 10), *end || !*seedtxt)) || traj < 2 ||
        traj > 100000 || levels < 2 || levels > 100 || levels % 2) {
        fprintf(stderr, "tandem morris: --trajectories takes 2 to 100000, --levels an even number "
                        "from 2 to 100, --seed a whole number\n");
        return 2;
    }
    tdm_param *ps = calloc(TDM_STUDY_MAX_PARAMS, sizeof *ps);
    tdm_morris *m = calloc(1, sizeof *m);
    cli_study s;
    tdm_study st;
    tdm_error err;
    int status = 0, np = 0;
    if (!ps || !m) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
    } else if (!(status = open_study(r, &s, ps, &np, &st))) {
        if (tdm_morris_run(&st, ps, np, seed, (int)traj, (int)levels, m, &err) ||
            (s.chart && tdm_report_morris_chart(s.chart, &st, 0, ps, m, &err)))
            status = cli_study_fail(&err, r->sc, &r->scenario_why);
        else
            CLI_WRITE(status, a->output,
                      tdm_report_morris(f, (enum tdm_format)a->format, &st, ps, m));
        tdm_study_close(&st);
    }
    free(ps);
    free(m);
    return status;
}
