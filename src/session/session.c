/* session.c: the library as another language calls it (tandem/session.h). What the
 * commands of src/cli do with their options, done with the session's changes instead of
 * --set: the same library calls in the same order, so that the answers are the command
 * line's numbers. */
#include "tandem/session.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/optimize.h"
#include "tandem/quantity.h"
#include "tandem/simulate.h"
#include "tandem/study.h"
#include "tandem/tea.h"

struct change {
    char *name, *value;
};

struct tdm_session {
    char *path;
    char *scenario; /* the scenario's path; NULL: the one tdm_scenario_locate finds */
    tdm_flowsheet *fs;
    tdm_simulation sim;
    bool sim_ready;
    tdm_scenario *sc; /* NULL until something prices */
    struct change *ch;
    int nch, cap;
};

static bool
is_scenario(const char *name)
{
    return strncmp(name, "scenario.", 9) == 0;
}

/* A change of a unit's key as --set makes it: the unit is the longest unit name before a
 * dot (a name may hold dots); with none, the text before the first dot, which the
 * flowsheet then names as no unit of its. */
static int
set_unit_key(tdm_flowsheet *fs, tdm_model *m, const char *name, const char *value, tdm_error *err)
{
    const char *dot = strchr(name, '.');
    if (!dot || dot == name || !dot[1])
        return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                          "a change takes unit.key (e.g. cell.cell_voltage), not `%s`", name);
    char unit[256];
    const char *key;
    int ui = tdm_flowsheet_unit_key(fs, name, &key);
    if (ui < 0) key = dot + 1;
    if ((size_t)(key - 1 - name) >= sizeof unit)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0, "`%.40s...`: the name is too long", name);
    snprintf(unit, sizeof unit, "%.*s", (int)(key - 1 - name), name);
    return tdm_flowsheet_set(fs, m, unit, key, value, err);
}

/* The flowsheet from its file with the session's changes made again. */
static int
load_flowsheet(const tdm_session *s, tdm_flowsheet **fs, tdm_error *err)
{
    if (tdm_flowsheet_load(s->path, fs, err)) return -1;
    for (int i = 0; i < s->nch; i++)
        if (!is_scenario(s->ch[i].name) &&
            set_unit_key(*fs, NULL, s->ch[i].name, s->ch[i].value, err)) {
            tdm_flowsheet_free(*fs);
            *fs = NULL;
            return -1;
        }
    return 0;
}

/* The scenario (the session's, or the one found for fs) with the session's changes of it
 * made again. */
static int
load_scenario(const tdm_session *s, const char *path, const tdm_flowsheet *fs, tdm_scenario **sc,
              tdm_error *err)
{
    char found[1200];
    *sc = NULL;
    if (!path) {
        if (tdm_scenario_locate(fs, found, sizeof found, err)) return -1;
        path = found;
    }
    if (tdm_scenario_load(path, sc, err)) return -1;
    for (int i = 0; i < s->nch; i++)
        if (is_scenario(s->ch[i].name) &&
            tdm_scenario_set(*sc, s->ch[i].name + 9, s->ch[i].value, err)) {
            tdm_scenario_free(*sc);
            *sc = NULL;
            return -1;
        }
    return 0;
}

static void
drop_simulation(tdm_session *s)
{
    if (s->sim_ready) tdm_simulation_free(&s->sim);
    s->sim_ready = false;
}

int
tdm_session_open(const char *path, tdm_session **out, tdm_error *err)
{
    *out = NULL;
    tdm_session *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    if (load_flowsheet(s, &s->fs, err)) {
        tdm_session_free(s);
        return -1;
    }
    *out = s;
    return 0;
}

void
tdm_session_free(tdm_session *s)
{
    if (!s) return;
    drop_simulation(s);
    tdm_scenario_free(s->sc);
    tdm_flowsheet_free(s->fs);
    for (int i = 0; i < s->nch; i++) {
        free(s->ch[i].name);
        free(s->ch[i].value);
    }
    free(s->ch);
    free(s->scenario);
    free(s->path);
    free(s);
}

const char *
tdm_session_path(const tdm_session *s)
{
    return s->path;
}

int
tdm_session_nchanges(const tdm_session *s)
{
    return s->nch;
}

const char *
tdm_session_change(const tdm_session *s, int i, const char **value)
{
    if (i < 0 || i >= s->nch) return NULL;
    if (value) *value = s->ch[i].value;
    return s->ch[i].name;
}

int
tdm_session_use_scenario(tdm_session *s, const char *path, tdm_error *err)
{
    tdm_scenario *sc;
    char *copy = path ? strdup(path) : NULL;
    if (path && !copy) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    if (load_scenario(s, path, s->fs, &sc, err)) {
        free(copy);
        return -1;
    }
    tdm_scenario_free(s->sc);
    s->sc = sc;
    free(s->scenario);
    s->scenario = copy;
    return 0;
}

static int
want_scenario(tdm_session *s, tdm_error *err)
{
    return s->sc ? 0 : load_scenario(s, s->scenario, s->fs, &s->sc, err);
}

int
tdm_session_set(tdm_session *s, const char *name, const char *value, tdm_error *err)
{
    if (s->nch == s->cap) {
        int cap = s->cap ? 2 * s->cap : 8;
        struct change *ch = realloc(s->ch, (size_t)cap * sizeof *ch);
        if (!ch) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        s->ch = ch;
        s->cap = cap;
    }
    struct change c = {strdup(name), strdup(value)};
    if (!c.name || !c.value) {
        free(c.name);
        free(c.value);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    int rc;
    if (is_scenario(name)) {
        rc = want_scenario(s, err) || tdm_scenario_set(s->sc, name + 9, value, err) ? -1 : 0;
        if (rc && s->sc) { /* the scenario as it was: read again with the changes kept */
            tdm_scenario_free(s->sc);
            s->sc = NULL;
        }
    } else {
        rc = set_unit_key(s->fs, s->sim_ready ? s->sim.model : NULL, name, value, err);
        if (rc) { /* the flowsheet as it was: read again with the changes kept */
            tdm_error again;
            tdm_flowsheet *fs;
            drop_simulation(s);
            if (load_flowsheet(s, &fs, &again) == 0) {
                tdm_flowsheet_free(s->fs);
                s->fs = fs;
            }
        }
    }
    if (rc) {
        free(c.name);
        free(c.value);
        return -1;
    }
    /* a key changed again takes its first change's place: the list stays as long as the keys
     * changed (a study by hand sets the same keys at every sample) */
    for (int i = 0; i < s->nch; i++)
        if (!strcmp(s->ch[i].name, c.name)) {
            free(s->ch[i].name);
            free(s->ch[i].value);
            s->ch[i] = c;
            return 0;
        }
    s->ch[s->nch++] = c;
    return 0;
}

/* ---- solve, cost, optimize ------------------------------------------------------------ */

static int
simulate(tdm_session *s, tdm_error *err)
{
    if (!s->sim_ready) {
        tdm_simulation_init(&s->sim, s->fs);
        s->sim_ready = true;
    }
    return tdm_simulate(&s->sim, err);
}

int
tdm_session_solve(tdm_session *s, tdm_doc **out, tdm_error *err)
{
    *out = NULL;
    if (simulate(s, err)) return -1;
    return tdm_doc_solve(s->sim.results, out, err);
}

int
tdm_session_cost(tdm_session *s, tdm_doc **out, tdm_error *err)
{
    *out = NULL;
    if (want_scenario(s, err) || simulate(s, err)) return -1;
    tdm_tea *t = calloc(1, sizeof *t);
    if (!t) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    int rc =
        tdm_tea_evaluate(s->sim.results, s->sc, t, err) || tdm_doc_cost(s->sim.results, t, out, err)
            ? -1
            : 0;
    free(t);
    return rc;
}

int
tdm_session_optimize(tdm_session *s, const char *const *opts, int n, tdm_doc **out, tdm_error *err)
{
    *out = NULL;
    tdm_flowsheet *fs = NULL;
    tdm_scenario *sc = NULL;
    tdm_kv *extra = calloc((size_t)n + 1, sizeof *extra);
    tdm_opt_problem *p = calloc(1, sizeof *p);
    tdm_optimum *o = calloc(1, sizeof *o);
    tdm_simulation sim;
    bool sim_ready = false;
    tdm_error why; /* a scenario found nowhere: an error only for an objective that prices */
    int rc = -1;
    if (!extra || !p || !o) {
        tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        goto done;
    }
    for (int i = 0; i < n; i++)
        extra[i] = (tdm_kv){.key = opts[2 * i], .value = opts[2 * i + 1]};
    if (load_flowsheet(s, &fs, err)) goto done;
    if (load_scenario(s, s->scenario, fs, &sc, &why)) sc = NULL;
    if (tdm_opt_read(p, fs, tdm_flowsheet_optimize_section(fs), extra, n, err)) goto done;
    if (tdm_objective_get(p->objective)->needs_cost && !sc) {
        *err = why;
        goto done;
    }
    tdm_simulation_init(&sim, fs);
    sim_ready = true;
    rc =
        tdm_optimize(&sim, p, sc, o, err) || tdm_doc_optimize(p, o, sim.results, out, err) ? -1 : 0;
done:
    if (sim_ready) tdm_simulation_free(&sim);
    free(o);
    free(p);
    free(extra);
    tdm_scenario_free(sc);
    tdm_flowsheet_free(fs);
    return rc;
}

/* ---- studies, in jobs ------------------------------------------------------------------ */

/* A job of a study: the flowsheet and scenario loaded again in its own thread (the solver's
 * memory is the thread's), its parameters and its open study. */
typedef struct job {
    tdm_flowsheet *fs;
    tdm_scenario *sc;
    tdm_error scwhy; /* no scenario: why */
    tdm_param ps[TDM_STUDY_MAX_PARAMS];
    int np;
    tdm_study st;
    bool open;
    tdm_error err;
    long failed;
} job;

/* What all jobs share: the session, the study's options, and the kind's own. */
typedef struct study_run {
    const tdm_session *s;
    const tdm_session_study *o;
    const char *const *outputs;
    int nout;
    bool defaulted;
    int (*params)(job *j, const struct study_run *r); /* the job's parameters */
    int (*work)(job *j, int k, int n, struct study_run *r);
    job **jobs; /* job 0 opened in the calling thread; the others in theirs */
    int njobs;
    /* sweep */
    int np;
    const char *const *names;
    tdm_sweep *sw;
    /* mc */
    tdm_mc_plan plan;
    int mc_np, mc_nout;
    /* tornado */
    tdm_tornado_row *rows;
    double base;
    /* sobol: n base samples, total evaluations into y (total x nout) */
    long n, total;
    double *y;
} study_run;

/* A study's failure: with no scenario found, the reason none was found when it was a cost
 * figure or a scenario parameter that needed one (as the commands say). */
static int
job_fail(job *j)
{
    if (!j->sc && j->scwhy.cls != TDM_OK && j->err.reason == TDM_R_NO_SCENARIO) j->err = j->scwhy;
    return -1;
}

static int
job_open(job *j, study_run *r)
{
    tdm_error_clear(&j->scwhy);
    if (load_flowsheet(r->s, &j->fs, &j->err)) return -1;
    if (load_scenario(r->s, r->s->scenario, j->fs, &j->sc, &j->scwhy)) j->sc = NULL;
    if (r->params(j, r)) return job_fail(j);
    if (tdm_study_open(&j->st, j->fs, j->sc, r->outputs, r->nout, &j->err) ||
        (r->defaulted && tdm_study_follow_cells(&j->st, j->ps, j->np, &j->err))) {
        tdm_study_close(&j->st);
        return job_fail(j);
    }
    j->open = true;
    return 0;
}

static void
job_close(job *j)
{
    if (j->open) tdm_study_close(&j->st);
    j->open = false;
    tdm_scenario_free(j->sc);
    tdm_flowsheet_free(j->fs);
    j->sc = NULL;
    j->fs = NULL;
}

/* Job 0 of a run, opened in the calling thread (its parameters and study tell the run's size):
 * NULL with err filled when it cannot be. */
static job *
first_job(study_run *r, tdm_error *err)
{
    job *j0 = calloc(1, sizeof *j0);
    if (!j0) {
        tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        return NULL;
    }
    if (job_open(j0, r)) {
        *err = j0->err;
        job_close(j0);
        free(j0);
        return NULL;
    }
    return j0;
}

/* Job k: job 0 is open already (in the calling thread); every other opens, works and
 * closes in its own. */
static int
one_job(int k, void *ctx)
{
    study_run *r = ctx;
    job *j = r->jobs[k];
    if (k > 0 && job_open(j, r)) {
        job_close(j);
        return -1;
    }
    int rc = r->work(j, k, r->njobs, r);
    if (rc) job_fail(j);
    if (k > 0) job_close(j);
    return rc;
}

/* The number of jobs: the option, else one per core with at least `least` points each. */
static int
count_jobs(const tdm_session_study *o, long points, long least)
{
    long n = o && o->jobs > 0 ? o->jobs : points / least;
    if (!(o && o->jobs > 0) && n > tdm_cores()) n = tdm_cores();
    if (n > points) n = points;
    if (n > 1024) n = 1024;
    return n < 1 ? 1 : (int)n;
}

/* The run's n jobs, job 0 the one open already: -1 when memory runs out. */
static int
make_jobs(study_run *r, job *j0, int n, tdm_error *err)
{
    r->njobs = n;
    if (!(r->jobs = calloc((size_t)n, sizeof *r->jobs)))
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    r->jobs[0] = j0;
    for (int k = 1; k < n; k++)
        if (!(r->jobs[k] = calloc(1, sizeof *r->jobs[k])))
            return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    return 0;
}

static void
free_jobs(study_run *r)
{
    for (int k = 1; r->jobs && k < r->njobs; k++)
        free(r->jobs[k]);
    free(r->jobs);
}

/* Job 0 closed and freed, and the other jobs' places. */
static void
end_run(study_run *r, job *j0)
{
    job_close(j0);
    free(j0);
    free_jobs(r);
}

/* Runs the jobs after job 0 (open) has made the run ready: 0, or -1 with the error of the
 * lowest-numbered job that failed. */
static int
run_jobs(study_run *r, tdm_error *err)
{
    if (tdm_jobs_run(r->njobs, one_job, r) == 0) return 0;
    for (int k = 0; k < r->njobs; k++)
        if (r->jobs[k]->err.cls != TDM_OK) {
            *err = r->jobs[k]->err;
            return -1;
        }
    return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "a job of the study failed");
}

static void
study_outputs(study_run *r, const tdm_session_study *o, const char *const *defaults, int n)
{
    r->defaulted = !o || !o->outputs || o->nout <= 0;
    r->outputs = r->defaulted ? defaults : o->outputs;
    r->nout = r->defaulted ? n : o->nout;
}

/* "LO..HI" in the parameter's unit, or "LO..HI UNIT": SI ends. */
static int
parse_range(const tdm_param *p, const char *text, double *lo, double *hi, tdm_error *err)
{
    const char *dots = strstr(text, "..");
    char a[128], b[128], unit[64] = "", one[80];
    if (!dots || dots == text || (size_t)(dots - text) >= sizeof a || strlen(dots + 2) >= sizeof b)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                          "%s: write the range as LO..HI, in %s or with a unit after HI "
                          "(\"100..1000 mA/cm2\"), not `%s`",
                          p->name, p->unit[0] ? p->unit : "plain numbers", text);
    snprintf(a, sizeof a, "%.*s", (int)(dots - text), text);
    snprintf(b, sizeof b, "%s", dots + 2);
    char *end;
    strtod(b, &end);
    while (*end == ' ')
        end++;
    if (end != b && *end) { /* a unit after HI: both ends in it */
        snprintf(unit, sizeof unit, "%s", end);
        *end = '\0';
    } else {
        snprintf(unit, sizeof unit, "%s", p->unit);
    }
    const char *ends[2] = {a, b};
    double *at[2] = {lo, hi};
    tdm_dim d, want;
    double ignored;
    char why[120];
    snprintf(one, sizeof one, "1 %s", p->unit);
    if (tdm_quantity_parse(one, &ignored, &want, why, sizeof why))
        return tdm_errorf(err, TDM_EINPUT, NULL, 0, "%s: %s", p->name, why);
    for (int e = 0; e < 2; e++) {
        char q[200];
        snprintf(q, sizeof q, "%s %s", ends[e], unit);
        if (tdm_quantity_parse(q, at[e], &d, why, sizeof why) || !tdm_dim_equal(d, want))
            return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                              "%s: `%s` in the range `%s` is no value in %s%s", p->name, ends[e],
                              text, p->unit[0] ? p->unit : "plain numbers",
                              p->unit[0] ? " or a unit of its kind" : "");
    }
    return 0;
}

static int
sweep_params(job *j, const study_run *r)
{
    j->np = r->np;
    for (int i = 0; i < r->np; i++)
        if (tdm_param_parse(&j->ps[i], r->names[i], j->fs, j->sc, NULL, 0, &j->err)) return -1;
    return 0;
}

static int
sweep_work(job *j, int k, int n, study_run *r)
{
    tdm_sweep part = *r->sw;
    for (int i = 0; i < part.np; i++)
        part.p[i] = &j->ps[i];
    part.failed = 0;
    long a = part.npoints * k / n, b = part.npoints * (k + 1) / n;
    int rc = tdm_sweep_points(&j->st, &part, a, b - a, &j->err);
    j->failed = part.failed;
    return rc;
}

int
tdm_session_sweep(tdm_session *s, int np, const char *const *names, const char *const *ranges,
                  const int *n, const tdm_session_study *o, tdm_doc **out, tdm_error *err)
{
    static const char *const defaults[] = {"total_energy", "levelized_cost", "carbon_efficiency"};
    *out = NULL;
    if (np < 1 || np > 2)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0, "a sweep varies one or two parameters");
    tdm_sweep sw;
    memset(&sw, 0, sizeof sw);
    study_run r = {.s = s,
                   .o = o,
                   .params = sweep_params,
                   .work = sweep_work,
                   .np = np,
                   .names = names,
                   .sw = &sw};
    study_outputs(&r, o, defaults, 3);
    job *j0 = first_job(&r, err);
    int rc = -1;
    if (!j0) return -1;
    for (int i = 0; i < np; i++) {
        if (parse_range(&j0->ps[i], ranges[i], &sw.lo[i], &sw.hi[i], err)) goto done;
        if (n[i] < 1 || n[i] > TDM_SWEEP_MAX_POINTS) {
            tdm_errorf(err, TDM_EINPUT, NULL, 0, "%s: the number of points takes 1 to %d, not %d",
                       names[i], TDM_SWEEP_MAX_POINTS, n[i]);
            goto done;
        }
        sw.n[i] = n[i];
        sw.p[i] = &j0->ps[i];
    }
    sw.np = np;
    if (tdm_sweep_alloc(&sw, j0->st.nout, err)) goto done;
    if (make_jobs(&r, j0, count_jobs(o, sw.npoints, 64), err)) goto done;
    rc = run_jobs(&r, err);
    for (int k = 0; k < r.njobs; k++)
        sw.failed += r.jobs[k] ? r.jobs[k]->failed : 0;
    if (!rc) rc = tdm_doc_sweep(&j0->st, &sw, out, err);
done:
    end_run(&r, j0);
    tdm_sweep_free(&sw);
    return rc;
}

static int
mc_params(job *j, const study_run *r)
{
    const char *csv = r->o ? r->o->params : NULL;
    if (csv ? tdm_params_read_csv(csv, j->ps, TDM_STUDY_MAX_PARAMS, &j->np, j->fs, j->sc, &j->err)
            : tdm_params_read_section(j->ps, TDM_STUDY_MAX_PARAMS, &j->np, j->fs, j->sc, &j->err))
        return -1;
    if (j->np == 0)
        return tdm_errorf(&j->err, TDM_EINPUT, tdm_flowsheet_path(j->fs), 0,
                          "no uncertain parameters: add an [uncertainty] section or give params "
                          "(a CSV)");
    return 0;
}

static int
mc_work(job *j, int k, int n, study_run *r)
{
    long a = r->plan.count * k / n, b = r->plan.count * (k + 1) / n;
    tdm_mc_plan plan = r->plan;
    plan.first += a;
    plan.count = b - a;
    plan.x = r->plan.x + a * r->mc_np;
    plan.y = r->plan.y + a * r->mc_nout;
    tdm_mc part;
    int rc = tdm_mc_run(&j->st, j->ps, j->np, &plan, &part, &j->err);
    tdm_mc_free(&part);
    return rc;
}

/* The correlations of the [uncertainty] section and of the options: the copula (NULL when
 * none) and their text. */
static int
mc_correlations(const job *j, const tdm_session_study *o, tdm_copula **copula, char *text,
                size_t len, tdm_error *err)
{
    *copula = NULL;
    tdm_correlation *c = calloc(TDM_STUDY_MAX_CORRELATIONS, sizeof *c);
    int nc = 0, rc = -1;
    if (!c) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    if (tdm_correlations_read_section(c, TDM_STUDY_MAX_CORRELATIONS, &nc, j->fs, j->ps, j->np, err))
        goto done;
    for (int i = 0; o && i < o->ncorrelate; i++) {
        const char *v = o->correlate[i], *eq = strrchr(v, '=');
        char pair[600];
        if (nc == TDM_STUDY_MAX_CORRELATIONS) {
            tdm_errorf(err, TDM_EINPUT, NULL, 0, "at most %d correlations",
                       TDM_STUDY_MAX_CORRELATIONS);
            goto done;
        }
        if (!eq || (size_t)(eq - v) >= sizeof pair) {
            tdm_errorf(err, TDM_EINPUT, NULL, 0,
                       "a correlation takes A,B=RHO (two uncertain parameters and Spearman's "
                       "rank correlation), not `%s`",
                       v);
            goto done;
        }
        snprintf(pair, sizeof pair, "%.*s", (int)(eq - v), v);
        if (tdm_correlation_parse(&c[nc], pair, eq + 1, j->ps, j->np, NULL, 0, err)) goto done;
        nc++;
    }
    rc = 0;
    if (nc == 0) goto done;
    rc = -1;
    if (!(*copula = malloc(sizeof **copula))) {
        tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    } else if (tdm_copula_make(*copula, c, nc, j->ps, j->np, err) == 0) {
        tdm_mc_correlations(c, nc, j->ps, text, len);
        rc = 0;
    }
done:
    free(c);
    return rc;
}

int
tdm_session_mc(tdm_session *s, const tdm_session_study *o, tdm_doc **out, tdm_error *err)
{
    static const char *const defaults[] = {"levelized_cost", "total_energy", "carbon_efficiency"};
    *out = NULL;
    long n = o && o->samples ? o->samples : 1000;
    if (n < 1 || n > TDM_MC_MAX_SAMPLES)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0, "samples takes 1 to %ld, not %ld",
                          TDM_MC_MAX_SAMPLES, n);
    int sampling = o ? o->sampling : TDM_SAMPLING_RANDOM;
    if (sampling < TDM_SAMPLING_RANDOM || sampling > TDM_SAMPLING_SOBOL)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0, "sampling is random, lhs or sobol");
    study_run r = {.s = s, .o = o, .params = mc_params, .work = mc_work};
    study_outputs(&r, o, defaults, 3);
    job *j0 = first_job(&r, err);
    if (!j0) return -1;
    tdm_copula *copula = NULL;
    char corrtext[4096] = "";
    tdm_mc mc;
    memset(&mc, 0, sizeof mc);
    int rc = -1;
    if (mc_correlations(j0, o, &copula, corrtext, sizeof corrtext, err)) goto done;
    r.mc_np = j0->np;
    r.mc_nout = j0->st.nout;
    mc = (tdm_mc){.seed = o ? o->seed : 1,
                  .sampling = (enum tdm_sampling)sampling,
                  .n = n,
                  .first = 0,
                  .count = n,
                  .np = j0->np,
                  .nout = j0->st.nout,
                  .correlations = corrtext};
    mc.x = calloc((size_t)n * (size_t)j0->np + 1, sizeof(double));
    mc.y = calloc((size_t)n * (size_t)j0->st.nout + 1, sizeof(double));
    r.plan = (tdm_mc_plan){.seed = mc.seed,
                           .n = n,
                           .first = 0,
                           .count = n,
                           .sampling = mc.sampling,
                           .x = mc.x,
                           .y = mc.y,
                           .copula = copula};
    if (!mc.x || !mc.y) {
        tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        goto done;
    }
    if (make_jobs(&r, j0, count_jobs(o, n, 256), err)) goto done;
    if (run_jobs(&r, err)) goto done;
    const tdm_study *st = &j0->st;
    mc.flowsheet = tdm_flowsheet_path(j0->fs);
    for (int k = 0; k < mc.np; k++)
        mc.param[k] = j0->ps[k].name;
    for (int i = 0; i < st->nout; i++) {
        mc.out[i] = st->out[i];
        mc.out_unit[i] = st->out_unit[i];
    }
    tdm_mc_summary *sum = malloc(sizeof *sum);
    if (!sum || tdm_mc_summarize(&mc, o ? o->target : NAN, sum)) {
        tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    } else {
        const char *units[TDM_STUDY_MAX_PARAMS];
        for (int k = 0; k < mc.np; k++)
            units[k] = j0->ps[k].unit;
        rc = tdm_doc_mc(&mc, sum, units, out, err);
    }
    free(sum);
done:
    tdm_mc_free(&mc);
    end_run(&r, j0);
    free(copula);
    return rc;
}

/* A tornado's job: its part of the parameters' ends. */
static int
tornado_work(job *j, int k, int n, study_run *r)
{
    int a = j->np * k / n, b = j->np * (k + 1) / n;
    double base;
    int rc = tdm_tornado_points(&j->st, j->ps + a, b - a, 0, r->rows + a, &base, &j->err);
    if (k == 0) r->base = base;
    return rc;
}

int
tdm_session_tornado(tdm_session *s, const tdm_session_study *o, tdm_doc **out, tdm_error *err)
{
    static const char *const defaults[] = {"levelized_cost"};
    *out = NULL;
    study_run r = {.s = s, .o = o, .params = mc_params, .work = tornado_work};
    study_outputs(&r, o, defaults, 1);
    r.nout = 1;          /* the first output: the one the bars are drawn for */
    r.defaulted = false; /* and no cell's voltage or FE added to it */
    job *j0 = first_job(&r, err);
    if (!j0) return -1;
    tdm_tornado_row *rows = r.rows = calloc(TDM_STUDY_MAX_PARAMS, sizeof *rows);
    int rc = -1;
    if (!rows) {
        tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        goto done;
    }
    if (make_jobs(&r, j0, count_jobs(o, j0->np, 8), err)) goto done;
    if (run_jobs(&r, err)) goto done;
    /* a job's rows name its own copy of the parameters: job 0's, in the same order */
    for (int i = 0; i < j0->np; i++)
        rows[i].p = &j0->ps[i];
    tdm_tornado_sort(rows, j0->np);
    rc = tdm_doc_tornado(&j0->st, 0, rows, j0->np, r.base, out, err);
done:
    end_run(&r, j0);
    free(rows);
    return rc;
}

/* A Sobol run's job: its part of the evaluations, into the run's y. */
static int
sobol_work(job *j, int k, int n, study_run *r)
{
    long a = r->total * k / n, b = r->total * (k + 1) / n;
    return tdm_sobol_points(&j->st, j->ps, j->np, r->o ? r->o->seed : 1, r->n, a, b - a, r->y,
                            &j->failed, &j->err);
}

int
tdm_session_sobol(tdm_session *s, const tdm_session_study *o, int resamples, tdm_doc **out,
                  tdm_error *err)
{
    static const char *const defaults[] = {"levelized_cost", "total_energy"};
    *out = NULL;
    long n = o && o->samples ? o->samples : 1000;
    if (n < 2) return tdm_errorf(err, TDM_EINPUT, NULL, 0, "samples takes 2 or more, not %ld", n);
    if (resamples < 0 || resamples > 10000)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0, "resamples takes 0 to 10000, not %d",
                          resamples);
    study_run r = {.s = s, .o = o, .params = mc_params, .work = sobol_work, .n = n};
    study_outputs(&r, o, defaults, 2);
    r.defaulted = false; /* no cell's voltage or FE added */
    job *j0 = first_job(&r, err);
    if (!j0) return -1;
    tdm_sobol *so = calloc(1, sizeof *so);
    int rc = -1;
    r.total = n * (j0->np + 2);
    if (!so || !(r.y = malloc(sizeof(double) * (size_t)r.total * (size_t)j0->st.nout + 1))) {
        tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        goto done;
    }
    if (make_jobs(&r, j0, count_jobs(o, r.total, 256), err) || run_jobs(&r, err)) goto done;
    long failed = 0;
    for (int k = 0; k < r.njobs; k++)
        failed += r.jobs[k]->failed;
    if (tdm_sobol_finish(r.y, j0->st.nout, j0->np, o ? o->seed : 1, n, resamples, failed, so, err))
        goto done;
    rc = tdm_doc_sobol(&j0->st, j0->ps, so, out, err);
done:
    end_run(&r, j0);
    free(r.y);
    free(so);
    return rc;
}

/* A goal's parameter, by its name. */
static int
goal_params(job *j, const study_run *r)
{
    j->np = 1;
    return tdm_param_parse(&j->ps[0], r->names[0], j->fs, j->sc, NULL, 0, &j->err);
}

/* The target's value in the figure's display unit: a bare number is in it; a quantity is
 * converted to it (as `tandem goal --target F=V` reads it). */
static int
target_value(const char *text, const char *figure, const char *unit, double *out, tdm_error *err)
{
    char *end, why[120], one[120];
    double v = strtod(text, &end), si, ignored;
    while (*end == ' ')
        end++;
    if (end != text && *end == '\0' && isfinite(v)) {
        *out = v;
        return 0;
    }
    tdm_dim d, du;
    snprintf(one, sizeof one, "1 %s", unit);
    if (tdm_quantity_parse(text, &si, &d, why, sizeof why) ||
        tdm_quantity_parse(one, &ignored, &du, why, sizeof why) || !tdm_dim_equal(d, du))
        return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                          "the target of %s: `%s` is no value in %s, the figure's unit", figure,
                          text, unit[0] ? unit : "plain numbers");
    *out = tdm_quantity_shown(si, unit);
    return 0;
}

int
tdm_session_goal(tdm_session *s, const char *name, const char *range, int points,
                 const char *figure, const char *value, const tdm_session_study *o, tdm_doc **out,
                 tdm_error *err)
{
    *out = NULL;
    const char *outputs[TDM_STUDY_MAX_OUTPUTS] = {figure};
    int nout = 1;
    for (int i = 0; o && o->outputs && i < o->nout; i++) {
        if (nout == TDM_STUDY_MAX_OUTPUTS)
            return tdm_errorf(err, TDM_EINPUT, NULL, 0, "at most %d outputs besides the target's",
                              TDM_STUDY_MAX_OUTPUTS - 1);
        outputs[nout++] = o->outputs[i];
    }
    if (points == 0) points = 21;
    const char *names[] = {name};
    /* the target's figure first, then those asked for; none asked for: a varied cell's
     * voltage and FE follow it */
    study_run r = {.s = s,
                   .o = o,
                   .params = goal_params,
                   .names = names,
                   .np = 1,
                   .outputs = outputs,
                   .nout = nout,
                   .defaulted = nout == 1};
    job *j0 = first_job(&r, err);
    if (!j0) return -1;
    int rc = -1;
    tdm_goal g;
    memset(&g, 0, sizeof g);
    g.p = &j0->ps[0];
    g.points = points;
    if (parse_range(g.p, range, &g.lo, &g.hi, err) ||
        target_value(value, figure, j0->st.out_unit[0], &g.target, err))
        goto done;
    if (tdm_goal_run(&j0->st, &g, &j0->err)) {
        job_fail(j0);
        *err = j0->err;
        goto done;
    }
    rc = tdm_doc_goal(&j0->st, &g, out, err);
done:
    end_run(&r, j0);
    return rc;
}

/* ---- units and layouts ------------------------------------------------------------------ */

int
tdm_convert(double v, const char *from, const char *to, double *out, char *why, size_t whylen)
{
    char q[200], one[200], w[120];
    double si, ignored;
    tdm_dim a, b;
    snprintf(q, sizeof q, "%.17g %s", v, from);
    snprintf(one, sizeof one, "1 %s", to);
    if (tdm_quantity_parse(q, &si, &a, w, sizeof w) ||
        tdm_quantity_parse(one, &ignored, &b, w, sizeof w)) {
        snprintf(why, whylen, "%s", w);
        return -1;
    }
    if (!tdm_dim_equal(a, b)) {
        snprintf(why, whylen, "%s and %s measure different things", from[0] ? from : "a number",
                 to[0] ? to : "a number");
        return -1;
    }
    *out = tdm_quantity_shown(si, to);
    return 0;
}

size_t
tdm_error_size(void)
{
    return sizeof(tdm_error);
}

size_t
tdm_session_study_size(void)
{
    return sizeof(tdm_session_study);
}

size_t
tdm_node_view_size(void)
{
    return sizeof(tdm_node_view);
}
