#include "study_args.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "tandem/quantity.h"

int
cli_study_take(const cli_args *a, cli_study *s, const char *const *defaults, int ndefaults)
{
    memset(s, 0, sizeof *s);
    s->chart = cli_args_opt(a, "--chart");
    size_t used = 0;
    for (int i = 0; i < a->nown; i++) {
        if (strcmp(a->own[i].name, "--output")) continue;
        size_t l = strlen(a->own[i].value);
        if (used + l + 1 > sizeof s->outbuf) {
            fprintf(stderr, "tandem %s: too many outputs\n", a->command);
            return 2;
        }
        char *buf = s->outbuf + used;
        memcpy(buf, a->own[i].value, l + 1);
        used += l + 1;
        char *save = NULL; /* strtok_r, as everywhere: strtok's state is the process's */
        for (char *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            while (*t == ' ')
                t++;
            if (s->nout == TDM_STUDY_MAX_OUTPUTS) {
                fprintf(stderr, "tandem %s: at most %d outputs\n", a->command,
                        TDM_STUDY_MAX_OUTPUTS);
                return 2;
            }
            if (*t) s->outputs[s->nout++] = t;
        }
    }
    s->defaulted = s->nout == 0;
    if (s->nout == 0)
        for (int k = 0; k < ndefaults; k++)
            s->outputs[s->nout++] = defaults[k];
    return 0;
}

int
cli_study_range(const tdm_param *p, const char *text, double *lo, double *hi, int *n, char *why,
                size_t whylen)
{
    const char *unit = p->unit[0] ? p->unit : "plain numbers";
    char a[100], b[100];
    const char *dots = strstr(text, "..");
    size_t bl = 0;
    const char *colon = dots ? strchr(dots + 2, ':') : NULL;
    if (dots) bl = colon ? (size_t)(colon - dots - 2) : strlen(dots + 2);
    if (!dots || dots == text || (size_t)(dots - text) >= sizeof a || bl == 0 || bl >= sizeof b) {
        snprintf(why, whylen, "write the range as LO..HI[:N] in %s (the unit the file uses)", unit);
        return -1;
    }
    memcpy(a, text, (size_t)(dots - text));
    a[dots - text] = '\0';
    memcpy(b, dots + 2, bl);
    b[bl] = '\0';
    *n = 11;
    if (colon) {
        char *end;
        errno = 0;
        long v = strtol(colon + 1, &end, 10);
        if (end == colon + 1 || *end || errno || v < 1 || v > TDM_SWEEP_MAX_POINTS) {
            snprintf(why, whylen, "the number of points N (after `:`) takes 1 to %d, not `%s`",
                     TDM_SWEEP_MAX_POINTS, colon + 1);
            return -1;
        }
        *n = (int)v;
    }
    const char *ends[2] = {a, b};
    double *out[2] = {lo, hi};
    for (int e = 0; e < 2; e++) {
        char buf[250], qwhy[120];
        tdm_dim d, dp;
        double one;
        snprintf(buf, sizeof buf, "%s %s", ends[e], p->unit);
        char base[120];
        snprintf(base, sizeof base, "1 %s", p->unit);
        if (tdm_quantity_parse(buf, out[e], &d, qwhy, sizeof qwhy) ||
            tdm_quantity_parse(base, &one, &dp, qwhy, sizeof qwhy) || !tdm_dim_equal(d, dp)) {
            snprintf(why, whylen, "`%s` is no number in %s (the unit the file uses)", ends[e],
                     unit);
            return -1;
        }
    }
    return 0;
}

int
cli_study_fail(const tdm_error *err, const tdm_scenario *sc, const tdm_error *why)
{
    if (!sc && why->cls != TDM_OK && err->reason == TDM_R_NO_SCENARIO) return cli_fail(why);
    return cli_fail(err);
}

int
cli_study_params(const char *params, const tdm_flowsheet *fs, const tdm_scenario *sc,
                 const tdm_error *scwhy, tdm_param *ps, int *np)
{
    tdm_error err;
    if (params ? tdm_params_read_csv(params, ps, TDM_STUDY_MAX_PARAMS, np, fs, sc, &err)
               : tdm_params_read_section(ps, TDM_STUDY_MAX_PARAMS, np, fs, sc, &err))
        return cli_study_fail(&err, sc, scwhy);
    if (*np == 0) {
        fprintf(stderr,
                "%s: no uncertain parameters: add an [uncertainty] section or give --params "
                "F.csv\n",
                tdm_flowsheet_path(fs));
        return 2;
    }
    return 0;
}

int
cli_study_memory(const char *cmd, long n, int np, int nout)
{
    /* the samples' inputs and outputs, and the sort and rank copies of one column */
    double need = (double)n * (np + nout + 4) * sizeof(double);
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    double have = pages > 0 && page > 0 ? (double)pages * (double)page : HUGE_VAL;
    if (need <= 0.8 * have) return 0;
    fprintf(stderr,
            "tandem %s: %ld samples of %d parameters and %d outputs keep %.1f GB in memory; "
            "this machine has %.1f GB: take fewer samples, parameters or outputs\n",
            cmd, n, np, nout, need / 1e9, have / 1e9);
    return 2;
}

int
cli_jobs_count(const cli_args *a, long points, long least, int *n)
{
    const char *t = cli_args_opt(a, "--jobs");
    if (t) {
        char *end;
        errno = 0;
        long v = strtol(t, &end, 10);
        if (end == t || *end || errno || v < 1 || v > 1024) {
            fprintf(stderr, "tandem %s: --jobs takes 1 to 1024, not `%s`\n", a->command, t);
            return 2;
        }
        *n = (int)v;
    } else {
        long most = points / (least > 0 ? least : 1);
        *n = most < 1 ? 1 : most < tdm_cores() ? (int)most : tdm_cores();
    }
    struct stat sb;
    if (stat(a->files[0], &sb) != 0 || !S_ISREG(sb.st_mode)) *n = 1;
    if (*n > points) *n = points > 0 ? (int)points : 1;
    return 0;
}

int
cli_job_params(cli_job *j, const char *params)
{
    return params ? tdm_params_read_csv(params, j->ps, TDM_STUDY_MAX_PARAMS, &j->np, j->fs, j->sc,
                                        &j->err)
                  : tdm_params_read_section(j->ps, TDM_STUDY_MAX_PARAMS, &j->np, j->fs, j->sc,
                                            &j->err);
}

int
cli_job_study(cli_job *j, const cli_study *s, int nout, bool follow)
{
    if (tdm_study_open(j->st, j->fs, j->sc, s->outputs, nout, &j->err) ||
        (follow && s->defaulted && tdm_study_follow_cells(j->st, j->ps, j->np, &j->err))) {
        tdm_study_close(j->st);
        return -1;
    }
    return 0;
}

typedef struct jobs_run {
    const cli_jobs *j;
    cli_job *jobs; /* 1 .. n - 1 */
} jobs_run;

/* Job k > 0, in its own thread: the flowsheet and scenario loaded again, its study opened,
 * its part solved, all of it freed again in this thread. */
static int
other_job(cli_job *job, const cli_jobs *J)
{
    const char *bad;
    cli_glpk_thread();
    int rc = -1;
    job->ps = calloc(TDM_STUDY_MAX_PARAMS, sizeof *job->ps);
    job->st = calloc(1, sizeof *job->st);
    if (!job->ps || !job->st) {
        tdm_errorf(&job->err, TDM_ESYSTEM, NULL, 0, "out of memory");
    } else if (!tdm_flowsheet_load(J->a->files[0], &job->fs, &job->err) &&
               !cli_load_sets(J->a, job->fs, &job->err, &bad) &&
               (!J->main->sc || !cli_scenario_load(J->a, job->fs, &job->sc, &job->err, &bad))) {
        if (!J->open(job, J->ctx)) {
            rc = J->work(job, J->ctx);
            tdm_study_close(job->st);
        }
    }
    tdm_scenario_free(job->sc);
    tdm_flowsheet_free(job->fs);
    free(job->ps);
    free(job->st);
    return rc;
}

static int
one_job(int k, void *ctx)
{
    jobs_run *run = ctx;
    if (k == 0) return run->j->work(run->j->main, run->j->ctx);
    return other_job(&run->jobs[k], run->j);
}

int
cli_jobs_run(const cli_jobs *j, tdm_error *err)
{
    j->main->k = 0;
    j->main->njobs = j->n;
    tdm_error_clear(&j->main->err);
    jobs_run run = {j, NULL};
    if (j->n > 1) {
        run.jobs = calloc((size_t)j->n, sizeof *run.jobs);
        if (!run.jobs) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        for (int k = 1; k < j->n; k++)
            run.jobs[k] = (cli_job){.k = k, .njobs = j->n};
    }
    int rc = tdm_jobs_run(j->n, one_job, &run);
    const tdm_error *why = NULL;
    for (int k = 0; rc && !why && k < j->n; k++) {
        const tdm_error *e = k ? &run.jobs[k].err : &j->main->err;
        if (e->cls != TDM_OK) why = e;
    }
    if (why) *err = *why;
    free(run.jobs);
    if (rc && !why) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "a job of the study failed");
    return rc ? -1 : 0;
}
