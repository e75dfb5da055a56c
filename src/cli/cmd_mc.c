#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "study_args.h"
#include "tandem/report.h"

const char cmd_mc_help[] =
    "usage: tandem mc FILE [--samples N] [--seed S] [--sampling M] [--jobs N] [--shard k/n]\n"
    "                      [--samples-csv F] [--params F.csv] [--output K[,K...]] [--target T]\n"
    "                      [--correlate A,B=RHO] [--chart F.svg]\n"
    "                      [--scenario S] [--set unit.key=value] [--format text|csv|json]\n"
    "                      [-o OUT]\n"
    "\n"
    "Monte Carlo over the distributions of the flowsheet's [uncertainty] section (or of\n"
    "--params F.csv): mean, standard deviation, 5th/50th/95th percentiles of each output,\n"
    "the Spearman rank correlation of each input with each output, and, with --target, the\n"
    "probability that the first output is at most T (in its unit).\n"
    "\n"
    "  --samples N      how many (default 1000, at most 10^8);  --seed S: default 1\n"
    "  --jobs N         solve the samples in N threads (default: one per core); the\n"
    "                   result is the same to the bit for any N\n"
    "  --sampling M     random (default); lhs: a Latin hypercube, each parameter's range\n"
    "                   cut into N strata of equal probability, one sample in each; sobol:\n"
    "                   Sobol's sequence, digitally shifted by the seed (N a power of 2;\n"
    "                   at most 32 parameters)\n"
    "  --correlate A,B=RHO  impose Spearman's rank correlation RHO between uncertain\n"
    "                   parameters A and B (again for more pairs; the [uncertainty]\n"
    "                   section's `correlation(A, B) = RHO` lines are taken too)\n"
    "  --shard k/n      run the k-th of n slices; sample i depends only on (seed, i), and\n"
    "                   `tandem merge` joins the slices' --samples-csv files into exactly\n"
    "                   the result of the unsplit run\n"
    "  --samples-csv F  every sample (inputs in SI, outputs in their units) as CSV\n"
    "  --output K       the outputs (default levelized_cost, total_energy,\n"
    "                   carbon_efficiency, and a varied cell's voltage and FE); UNIT.ROW\n"
    "                   a row of a unit's table, as `tandem solve --format csv` names it\n"
    "  --chart F.svg    a histogram of the first output\n";

const cli_option cmd_mc_options[] = {CLI_STUDY_OPTIONS,
                                     {"--samples", true},
                                     {"--seed", true},
                                     {"--shard", true},
                                     {"--samples-csv", true},
                                     {"--params", true},
                                     {"--target", true},
                                     {"--sampling", true},
                                     CLI_JOBS_OPTION,
                                     {"--correlate", true},
                                     {NULL}};

const char cmd_merge_help[] =
    "usage: tandem merge SHARD.csv... [--target T] [--chart F.svg] [--format text|csv|json]\n"
    "                    [-o OUT]\n"
    "\n"
    "Joins the --samples-csv files of `tandem mc --shard k/n` runs and reports exactly what\n"
    "the unsplit run reports (the same flowsheet, seed and sample count; every sample once).\n";

const cli_option cmd_merge_options[] = {
    {"--target", true}, {"--chart", true}, {"--samples-csv", true}, {NULL}};

struct progress {
    double t0;
    long last_pct;
};

/* The run's samples shared among its jobs: job k solves its part into the run's arrays. */
typedef struct mc_jobs mc_jobs;
typedef struct mc_slot {
    _Atomic long done; /* samples this job has solved */
    mc_jobs *run;
    int k;
} mc_slot;
struct mc_jobs {
    const char *params;
    const cli_study *s;
    tdm_mc_plan plan; /* the whole run's (or shard's) */
    int np, nout;
    double *x, *y;
    int njobs;
    mc_slot *slot;
    struct progress *prog; /* NULL: none shown */
};

static double
now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void
show_progress(long done, long total, void *ctx)
{
    struct progress *p = ctx;
    long pct = 1000 * done / total;
    if (pct == p->last_pct && done != total) return;
    p->last_pct = pct;
    double dt = now() - p->t0;
    fprintf(stderr, "\r  %5.1f %%  %ld / %ld samples  %.0f per second ", pct / 10.0, done, total,
            dt > 0 ? (double)done / dt : 0.0);
    if (done == total) fputc('\n', stderr);
}

static int
parse_target(const char *t, double *target, const char *cmd)
{
    *target = NAN;
    if (!t) return 0;
    char *end;
    *target = strtod(t, &end);
    if (end == t || *end || !isfinite(*target)) {
        fprintf(stderr, "tandem %s: --target takes a number in the first output's unit\n", cmd);
        return 2;
    }
    return 0;
}

/* Each job tells its count; job 0 shows the sum of them all. */
static void
job_progress(long done, long total, void *ctx)
{
    (void)total;
    mc_slot *slot = ctx;
    slot->done = done;
    mc_jobs *run = slot->run;
    if (slot->k != 0 || !run->prog) return;
    long sum = 0;
    for (int k = 0; k < run->njobs; k++)
        sum += run->slot[k].done;
    show_progress(sum, run->plan.count, run->prog);
}

/* Job j's parameters and study, as job 0's were opened. */
static int
mc_open(cli_job *j, void *ctx)
{
    const mc_jobs *run = ctx;
    return cli_job_params(j, run->params) || cli_job_study(j, run->s, run->s->nout, true) ? -1 : 0;
}

/* Job j's part of the samples, into the run's arrays. */
static int
mc_work(cli_job *j, void *ctx)
{
    mc_jobs *run = ctx;
    long a = run->plan.count * j->k / j->njobs, b = run->plan.count * (j->k + 1) / j->njobs;
    tdm_mc_plan plan = run->plan;
    plan.first += a;
    plan.count = b - a;
    plan.x = run->x + a * run->np;
    plan.y = run->y + a * run->nout;
    plan.progress = job_progress;
    plan.ctx = &run->slot[j->k];
    tdm_mc part;
    int rc = tdm_mc_run(j->st, j->ps, j->np, &plan, &part, &j->err);
    tdm_mc_free(&part);
    return rc;
}

/* The correlations of the [uncertainty] section and of --correlate: the copula (NULL when
 * none) and their text for the report and the shard files. 0, or 2 after saying why. */
static int
correlations(const cli_args *a, const tdm_flowsheet *fs, const tdm_param *ps, int np,
             tdm_copula **copula, char *text, size_t len)
{
    tdm_correlation *c = calloc(TDM_STUDY_MAX_CORRELATIONS, sizeof *c);
    tdm_error err;
    int nc = 0, status = 0;
    if (!c) {
        fprintf(stderr, "tandem: out of memory\n");
        return 2;
    }
    if (tdm_correlations_read_section(c, TDM_STUDY_MAX_CORRELATIONS, &nc, fs, ps, np, &err)) {
        status = cli_fail(&err);
        goto done;
    }
    for (int i = 0; i < a->nown; i++) {
        if (strcmp(a->own[i].name, "--correlate")) continue;
        const char *v = a->own[i].value, *eq = strrchr(v, '=');
        char pair[600];
        if (nc == TDM_STUDY_MAX_CORRELATIONS) {
            fprintf(stderr, "tandem mc: at most %d correlations\n", TDM_STUDY_MAX_CORRELATIONS);
            status = 2;
            goto done;
        }
        if (!eq || (size_t)(eq - v) >= sizeof pair) {
            fprintf(stderr,
                    "tandem mc: --correlate takes A,B=RHO (two uncertain parameters and "
                    "Spearman's rank correlation), not `%s`\n",
                    v);
            status = 2;
            goto done;
        }
        snprintf(pair, sizeof pair, "%.*s", (int)(eq - v), v);
        if (tdm_correlation_parse(&c[nc], pair, eq + 1, ps, np, NULL, 0, &err)) {
            status = cli_fail(&err);
            goto done;
        }
        nc++;
    }
    if (nc == 0) goto done;
    if (!(*copula = malloc(sizeof **copula))) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
    } else if (tdm_copula_make(*copula, c, nc, ps, np, &err)) {
        status = cli_fail(&err);
    } else {
        tdm_mc_correlations(c, nc, ps, text, len);
    }
done:
    free(c);
    return status;
}

/* The summary, the chart and the samples file of a run (or of merged shards). */
static int
report(const cli_args *a, const tdm_mc *mc, double target, const char *chart, const char *samples)
{
    tdm_mc_summary *sum = malloc(sizeof *sum);
    tdm_error err;
    int status = 0;
    if (!sum || tdm_mc_summarize(mc, target, sum)) {
        fprintf(stderr, "tandem: out of memory\n");
        free(sum);
        return 2;
    }
    if (chart && tdm_report_mc_chart(chart, mc, &err)) {
        free(sum);
        return cli_fail(&err);
    }
    if (samples) {
        CLI_WRITE(status, samples, tdm_mc_write(f, mc));
        if (status) {
            free(sum);
            return status;
        }
    }
    CLI_WRITE(status, a->output, tdm_report_mc(f, (enum tdm_format)a->format, mc, sum));
    free(sum);
    return status;
}

int
cmd_mc(cli_run *r)
{
    return cli_mc(r, NULL);
}

int
cli_mc(cli_run *r, const cli_mc_split *split)
{
    static const char *const defaults[] = {"levelized_cost", "total_energy", "carbon_efficiency"};
    const cli_args *a = &r->a;
    cli_study s;
    int rc = cli_study_take(a, &s, defaults, 3);
    if (rc) return rc;
    const char *nsamp = cli_args_opt(a, "--samples"), *seedtxt = cli_args_opt(a, "--seed"),
               *shard = cli_args_opt(a, "--shard"), *samples = cli_args_opt(a, "--samples-csv"),
               *params = cli_args_opt(a, "--params"), *targettxt = cli_args_opt(a, "--target"),
               *sampling = cli_args_opt(a, "--sampling");
    if (sampling && strcmp(sampling, "random") && strcmp(sampling, "lhs") &&
        strcmp(sampling, "sobol")) {
        fprintf(stderr, "tandem mc: --sampling is random, lhs or sobol, not `%s`\n", sampling);
        return 2;
    }
    long n = 1000, k = 1, nk = 1;
    unsigned long long seed = 1;
    char *end;
    if (nsamp && ((n = strtol(nsamp, &end, 10)) < 1 || *end || n > TDM_MC_MAX_SAMPLES)) {
        fprintf(stderr, "tandem mc: --samples takes 1 to %ld\n", TDM_MC_MAX_SAMPLES);
        return 2;
    }
    errno = 0;
    if (seedtxt && (seed = strtoull(seedtxt, &end, 10),
                    *end || !isdigit((unsigned char)seedtxt[0]) || errno == ERANGE)) {
        fprintf(stderr, "tandem mc: --seed takes a whole number from 0 to %llu\n", ULLONG_MAX);
        return 2;
    }
    int used = 0; /* the whole text is k/n: `1/2/3` and `1/10x` were read as 1/2 and 1/10 */
    if (shard && (sscanf(shard, "%ld/%ld%n", &k, &nk, &used) != 2 || shard[used] != '\0' ||
                  nk < 1 || k < 1 || k > nk || nk > n)) {
        fprintf(stderr, "tandem mc: --shard takes k/n with 1 <= k <= n <= samples\n");
        return 2;
    }
    if (split && shard) {
        fprintf(stderr, "tandem mc: the ranks share the samples already: no --shard\n");
        return 2;
    }
    if (split) {
        k = split->rank + 1;
        nk = split->size;
        if (nk > n) {
            fprintf(stderr, "tandem mc: more ranks (%ld) than samples (%ld)\n", nk, n);
            return 2;
        }
    }
    if (shard && !samples) {
        fprintf(stderr, "tandem mc: a shard writes its samples for `tandem merge`: give "
                        "--samples-csv F\n");
        return 2;
    }
    double target;
    if ((rc = parse_target(targettxt, &target, "mc"))) return rc;
    tdm_flowsheet *fs = r->fs;
    tdm_scenario *sc = r->sc;
    const tdm_error *scwhy = &r->scenario_why;
    tdm_param *ps = calloc(TDM_STUDY_MAX_PARAMS, sizeof *ps);
    tdm_copula *copula = NULL;
    char corrtext[4096] = "";
    tdm_mc mc;
    memset(&mc, 0, sizeof mc);
    tdm_study st;
    bool open = false;
    tdm_error err;
    int status = 0, np = 0;
    if (!ps) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
        goto done;
    }
    if ((status = cli_study_params(params, fs, sc, scwhy, ps, &np))) goto done;
    if (tdm_study_open(&st, fs, sc, s.outputs, s.nout, &err) ||
        (s.defaulted && tdm_study_follow_cells(&st, ps, np, &err))) {
        status = cli_study_fail(&err, sc, scwhy);
        tdm_study_close(&st);
        goto done;
    }
    open = true;
    long first = n * (k - 1) / nk, count = n * k / nk - first;
    if ((status = cli_study_memory("mc", count, np, st.nout))) goto done;
    int njobs;
    if ((status = cli_jobs_count(a, count, 256, &njobs))) goto done;
    if ((status = correlations(a, fs, ps, np, &copula, corrtext, sizeof corrtext))) goto done;
    struct progress prog = {now(), -1};
    bool bar = isatty(2) && count >= 2000 && (!split || split->rank == 0);
    mc_jobs run = {.params = params,
                   .s = &s,
                   .plan = {.copula = copula,
                            .seed = seed,
                            .n = n,
                            .first = first,
                            .count = count,
                            .sampling = !sampling                    ? TDM_SAMPLING_RANDOM
                                        : !strcmp(sampling, "lhs")   ? TDM_SAMPLING_LHS
                                        : !strcmp(sampling, "sobol") ? TDM_SAMPLING_SOBOL
                                                                     : TDM_SAMPLING_RANDOM},
                   .np = np,
                   .nout = st.nout,
                   .njobs = njobs,
                   .prog = bar ? &prog : NULL};
    mc = (tdm_mc){.seed = seed,
                  .sampling = run.plan.sampling,
                  .n = n,
                  .first = first,
                  .count = count,
                  .np = np,
                  .nout = st.nout,
                  .correlations = corrtext};
    run.x = mc.x = calloc((size_t)count * (size_t)np + 1, sizeof(double));
    run.y = mc.y = calloc((size_t)count * (size_t)st.nout + 1, sizeof(double));
    run.slot = calloc((size_t)njobs, sizeof *run.slot);
    if (!mc.x || !mc.y || !run.slot) {
        free(run.slot);
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
        goto done;
    }
    for (int j = 0; j < njobs; j++) {
        run.slot[j].run = &run;
        run.slot[j].k = j;
    }
    cli_job main_job = {.fs = fs, .sc = sc, .ps = ps, .np = np, .st = &st};
    cli_jobs jobs = {
        .a = a, .n = njobs, .main = &main_job, .open = mc_open, .work = mc_work, .ctx = &run};
    rc = cli_jobs_run(&jobs, &err);
    free(run.slot);
    if (rc) {
        status = cli_study_fail(&err, sc, scwhy);
        goto done;
    }
    mc.flowsheet = tdm_flowsheet_path(fs);
    for (int j = 0; j < np; j++)
        mc.param[j] = ps[j].name;
    for (int i = 0; i < st.nout; i++) {
        mc.out[i] = st.out[i];
        mc.out_unit[i] = st.out_unit[i];
    }
    if (split) {
        /* the ranks' slices joined on rank 0, in sample order: the unsplit run */
        if (split->gather(&mc, split->ctx)) {
            fprintf(stderr, "tandem mc: the ranks could not join their samples\n");
            status = 2;
            goto done;
        }
        if (split->rank != 0) goto done;
    }
    status = report(a, &mc, target, s.chart, samples);
done:
    tdm_mc_free(&mc);
    if (open) tdm_study_close(&st);
    free(ps);
    free(copula);
    return status;
}

int
cmd_merge(cli_run *r)
{
    const cli_args *a = &r->a;
    const char *targettxt = cli_args_opt(a, "--target"), *chart = cli_args_opt(a, "--chart"),
               *samples = cli_args_opt(a, "--samples-csv");
    int rc;
    double target;
    if ((rc = parse_target(targettxt, &target, "merge"))) return rc;
    tdm_arena *arena = tdm_arena_new();
    if (!arena) {
        fprintf(stderr, "tandem: out of memory\n");
        return 2;
    }
    tdm_mc mc;
    tdm_error err;
    int status;
    if (tdm_mc_read(a->files, a->nfiles, arena, &mc, &err)) {
        status = cli_fail(&err);
    } else {
        status = report(a, &mc, target, chart, samples);
        tdm_mc_free(&mc);
    }
    tdm_arena_free(arena);
    return status;
}
