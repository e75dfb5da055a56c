/* runs.c: sweeps, tornado and Monte Carlo over one open study. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/quantity.h"
#include "tandem/study.h"

/* Puts every parameter back at the file's value. */
static int
restore(tdm_study *st, const tdm_param *const *ps, int n, tdm_error *err)
{
    for (int j = 0; j < n; j++)
        if (tdm_study_set(st, ps[j], ps[j]->base, err)) return -1;
    return 0;
}

int
tdm_sweep_alloc(tdm_sweep *sw, int nout, tdm_error *err)
{
    int n0 = sw->n[0], n1 = sw->np > 1 ? sw->n[1] : 1;
    sw->npoints = 0;
    sw->failed = 0;
    sw->x = sw->y = NULL;
    if (n0 < 1 || n1 < 1 || (long)n0 * n1 > TDM_SWEEP_MAX_POINTS)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                          "command line: a sweep takes 1 to %d points in all, not %d x %d",
                          TDM_SWEEP_MAX_POINTS, n0, n1);
    sw->npoints = (long)n0 * n1;
    sw->x = calloc((size_t)sw->npoints * (size_t)sw->np + 1, sizeof(double));
    sw->y = calloc((size_t)sw->npoints * (size_t)nout + 1, sizeof(double));
    if (!sw->x || !sw->y) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    return 0;
}

/* Value a of n between lo and hi. */
static double
grid(double lo, double hi, int a, int n)
{
    return n > 1 ? lo + (hi - lo) * a / (n - 1) : lo;
}

int
tdm_sweep_points(tdm_study *st, tdm_sweep *sw, long first, long count, tdm_error *err)
{
    int n1 = sw->np > 1 ? sw->n[1] : 1;
    int at = -1; /* the first parameter's grid point now set */
    for (long k = first; k < first + count; k++) {
        int a = (int)(k / n1), b = (int)(k % n1);
        double va = grid(sw->lo[0], sw->hi[0], a, sw->n[0]);
        if (a != at && tdm_study_set(st, sw->p[0], va, err)) return -1;
        at = a;
        sw->x[k * sw->np] = va;
        if (sw->np > 1) {
            double vb = grid(sw->lo[1], sw->hi[1], b, n1);
            if (tdm_study_set(st, sw->p[1], vb, err)) return -1;
            sw->x[k * sw->np + 1] = vb;
        }
        tdm_error why;
        if (tdm_study_eval(st, &sw->y[k * st->nout], &why)) {
            if (why.cls != TDM_ESOLVE) {
                *err = why;
                return -1;
            }
            for (int i = 0; i < st->nout; i++)
                sw->y[k * st->nout + i] = NAN;
            sw->failed++;
        }
    }
    return restore(st, sw->p, sw->np, err);
}

int
tdm_sweep_run(tdm_study *st, tdm_sweep *sw, tdm_error *err)
{
    if (tdm_sweep_alloc(sw, st->nout, err)) return -1;
    return tdm_sweep_points(st, sw, 0, sw->npoints, err);
}

void
tdm_sweep_free(tdm_sweep *sw)
{
    free(sw->x);
    free(sw->y);
    sw->x = sw->y = NULL;
}

/* The low and high ends a tornado uses. */
static void
ends(const tdm_param *p, double *lo, double *hi)
{
    switch (p->dist) {
    case TDM_DIST_UNIFORM:
        *lo = fmax(p->a, p->lo);
        *hi = fmin(p->b, p->hi);
        return;
    case TDM_DIST_TRIANGULAR:
        *lo = fmax(p->a, p->lo);
        *hi = fmin(p->c, p->hi);
        return;
    default:
        *lo = tdm_param_quantile(p, 0.05);
        *hi = tdm_param_quantile(p, 0.95);
    }
}

static int
by_swing(const void *a, const void *b)
{
    const tdm_tornado_row *x = a, *y = b;
    double sx = fabs(x->y_hi - x->y_lo), sy = fabs(y->y_hi - y->y_lo);
    if (!isfinite(sx)) sx = -1;
    if (!isfinite(sy)) sy = -1;
    return (sx < sy) - (sx > sy);
}

/* A value drawn from a parameter's distribution that the flowsheet refuses (a Faradaic
 * efficiency above 1 from a wide normal): the error names the parameter's line, the draw
 * and the way out, and keeps the flowsheet's reason. */
static int
refused(const tdm_param *p, const char *what, double si, tdm_error *err)
{
    if (err->cls != TDM_EINPUT || !p->file) return -1;
    char reason[sizeof err->msg];
    snprintf(reason, sizeof reason, "%s", err->msg);
    const char *u = p->unit;
    return tdm_errorf(err, TDM_EINPUT, p->file, p->line,
                      "`%s`: %s is %.6g%s%s, which the flowsheet refuses; bound the "
                      "distribution with `, LO .. HI` (%s)",
                      p->name, what, tdm_quantity_shown(si, u), u[0] ? " " : "", u, reason);
}

int
tdm_tornado_points(tdm_study *st, const tdm_param *ps, int n, int out, tdm_tornado_row *rows,
                   double *base, tdm_error *err)
{
    double *v = malloc(sizeof *v * (size_t)st->nout);
    if (!v) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    int rc = tdm_study_eval(st, v, err);
    if (!rc) *base = v[out];
    for (int j = 0; j < n && !rc; j++) {
        const tdm_param *p = &ps[j];
        tdm_tornado_row *r = &rows[j];
        r->p = p;
        ends(p, &r->lo, &r->hi);
        double ys[2];
        double xs[2] = {r->lo, r->hi};
        for (int e = 0; e < 2 && !rc; e++) {
            tdm_error why;
            if (tdm_study_set(st, p, xs[e], err)) {
                rc = refused(p, e ? "the high end" : "the low end", xs[e], err);
                break;
            }
            if (tdm_study_eval(st, v, &why)) {
                if (why.cls != TDM_ESOLVE) {
                    *err = why;
                    rc = -1;
                }
                ys[e] = NAN;
            } else {
                ys[e] = v[out];
            }
        }
        if (!rc) rc = tdm_study_set(st, p, p->base, err);
        r->y_lo = ys[0];
        r->y_hi = ys[1];
    }
    free(v);
    return rc;
}

void
tdm_tornado_sort(tdm_tornado_row *rows, int n)
{
    qsort(rows, (size_t)n, sizeof *rows, by_swing);
}

int
tdm_tornado_run(tdm_study *st, const tdm_param *ps, int n, int out, tdm_tornado_row *rows,
                double *base, tdm_error *err)
{
    if (tdm_tornado_points(st, ps, n, out, rows, base, err)) return -1;
    tdm_tornado_sort(rows, n);
    return 0;
}

int
tdm_mc_run(tdm_study *st, const tdm_param *ps, int np, const tdm_mc_plan *plan, tdm_mc *mc,
           tdm_error *err)
{
    memset(mc, 0, sizeof *mc);
    uint64_t seed = plan->seed;
    long n = plan->n, first = plan->first, count = plan->count;
    if (n < 1 || n > TDM_MC_MAX_SAMPLES || first < 0 || first > n || count < 0 || count > n - first)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                          "command line: a Monte Carlo run takes 1 to %ld samples (this shard: "
                          "%ld from sample %ld of %ld)",
                          TDM_MC_MAX_SAMPLES, count, first, n);
    if (plan->sampling == TDM_SAMPLING_SOBOL && np > TDM_SOBOL_MAX_DIMS)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                          "command line: Sobol's sequence takes at most %d parameters (the "
                          "direction numbers tandem carries), not %d: use --sampling lhs",
                          TDM_SOBOL_MAX_DIMS, np);
    mc->seed = seed;
    mc->sampling = plan->sampling;
    mc->n = n;
    mc->first = first;
    mc->count = count;
    mc->np = np;
    mc->nout = st->nout;
    mc->lent = plan->x && plan->y;
    mc->x = mc->lent ? plan->x : calloc((size_t)count * (size_t)np + 1, sizeof(double));
    mc->y = mc->lent ? plan->y : calloc((size_t)count * (size_t)st->nout + 1, sizeof(double));
    if (!mc->x || !mc->y) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    const tdm_param *pp[TDM_STUDY_MAX_PARAMS];
    for (int j = 0; j < np; j++)
        pp[j] = &ps[j];
    long step = count / 200 + 1;
    for (long s = 0; s < count; s++) {
        uint64_t i = (uint64_t)(first + s);
        double *x = &mc->x[s * np], u[TDM_STUDY_MAX_PARAMS];
        for (int j = 0; j < np; j++)
            u[j] = plan->sampling == TDM_SAMPLING_LHS
                       ? tdm_lhs_uniform(seed, i, (uint64_t)j, (uint64_t)n)
                   : plan->sampling == TDM_SAMPLING_SOBOL ? tdm_sobol_seq_uniform(seed, i, j)
                                                          : tdm_uniform(seed, i, (uint64_t)j);
        if (plan->copula) tdm_copula_apply(plan->copula, u);
        for (int j = 0; j < np; j++) {
            x[j] = tdm_param_quantile(&ps[j], u[j]);
            if (tdm_study_set(st, &ps[j], x[j], err)) {
                char what[48];
                snprintf(what, sizeof what, "sample %lu", (unsigned long)i);
                return refused(&ps[j], what, x[j], err);
            }
        }
        tdm_error why;
        if (tdm_study_eval(st, &mc->y[s * st->nout], &why)) {
            if (why.cls != TDM_ESOLVE) {
                *err = why;
                return -1;
            }
            for (int k = 0; k < st->nout; k++)
                mc->y[s * st->nout + k] = NAN;
        }
        if (plan->progress && (s % step == 0 || s + 1 == count))
            plan->progress(s + 1, count, plan->ctx);
    }
    return restore(st, pp, np, err);
}

void
tdm_mc_free(tdm_mc *mc)
{
    if (!mc->lent) {
        free(mc->x);
        free(mc->y);
    }
    mc->x = mc->y = NULL;
}

/* Column j of a row-major table of n rows and w columns. */
static void
column(const double *table, long n, int w, int j, double *out)
{
    for (long i = 0; i < n; i++)
        out[i] = table[i * w + j];
}

static bool
all_finite(const double *v, long n)
{
    for (long i = 0; i < n; i++)
        if (!isfinite(v[i])) return false;
    return true;
}

int
tdm_mc_summarize(const tdm_mc *mc, double target, tdm_mc_summary *s)
{
    memset(s, 0, sizeof *s);
    s->target = target;
    s->p_below = NAN;
    long n = mc->count;
    size_t sz = (size_t)(n > 0 ? n : 1);
    /* each input's ranks are computed once, when every sample has it */
    double *col = malloc(sizeof *col * sz), *xin = malloc(sizeof *xin * sz);
    double *rank_out = malloc(sizeof *rank_out * sz);
    double *rank_in = malloc(sizeof *rank_in * sz * (size_t)(mc->np > 0 ? mc->np : 1));
    bool in_ranked[TDM_STUDY_MAX_PARAMS];
    int rc = -1;
    if (!col || !xin || !rank_out || !rank_in) goto out;
    for (int j = 0; j < mc->np; j++) {
        column(mc->x, n, mc->np, j, xin);
        in_ranked[j] = all_finite(xin, n);
        if (in_ranked[j] && tdm_ranks(xin, n, rank_in + (size_t)j * sz)) goto out;
    }
    for (int k = 0; k < mc->nout; k++) {
        column(mc->y, n, mc->nout, k, col);
        if (tdm_stats_of(col, n, &s->out[k])) goto out;
        if (k == 0 && isfinite(target) && s->out[0].n > 0) {
            long below = 0;
            for (long i = 0; i < n; i++)
                below += isfinite(col[i]) && col[i] <= target;
            s->p_below = (double)below / (double)s->out[0].n;
        }
        /* an output constant to within rounding has no correlation with anything: the ranks
         * of its last bits (1e-15 of a fixed product rate) once gave a rho of 0.24 */
        const tdm_stats *st = &s->out[k];
        if (!(st->max - st->min > 1e-9 * fmax(fabs(st->max), fabs(st->min)))) {
            for (int j = 0; j < mc->np; j++)
                s->rho[j][k] = NAN;
            continue;
        }
        bool out_ranked = all_finite(col, n);
        if (out_ranked && tdm_ranks(col, n, rank_out)) goto out;
        for (int j = 0; j < mc->np; j++) {
            if (in_ranked[j] && out_ranked) {
                s->rho[j][k] = tdm_rank_correlation(rank_in + (size_t)j * sz, rank_out, n);
                continue;
            }
            /* failed samples (NaN) are left out pair by pair */
            column(mc->x, n, mc->np, j, xin);
            s->rho[j][k] = tdm_spearman(xin, col, n);
        }
    }
    rc = 0;
out:
    free(col);
    free(xin);
    free(rank_out);
    free(rank_in);
    return rc;
}

int
tdm_mc_write(FILE *f, const tdm_mc *mc)
{
    /* a Latin hypercube says so; a plain random run's line is as it always was */
    fprintf(f, "# tandem mc: flowsheet=%s; seed=%llu; samples=%ld; first=%ld; count=%ld%s%s%s\n",
            mc->flowsheet, (unsigned long long)mc->seed, mc->n, mc->first, mc->count,
            mc->sampling == TDM_SAMPLING_LHS     ? "; sampling=lhs"
            : mc->sampling == TDM_SAMPLING_SOBOL ? "; sampling=sobol"
                                                 : "",
            mc->correlations && mc->correlations[0] ? "; correlations=" : "",
            mc->correlations ? mc->correlations : "");
    fputs("sample", f);
    for (int j = 0; j < mc->np; j++)
        fprintf(f, ",%s [SI]", mc->param[j]);
    for (int k = 0; k < mc->nout; k++)
        fprintf(f, ",%s [%s]", mc->out[k], mc->out_unit[k]);
    fputc('\n', f);
    for (long s = 0; s < mc->count; s++) {
        fprintf(f, "%ld", mc->first + s);
        for (int j = 0; j < mc->np; j++)
            fprintf(f, ",%.17g", mc->x[s * mc->np + j]);
        for (int k = 0; k < mc->nout; k++) {
            double v = mc->y[s * mc->nout + k];
            if (isfinite(v))
                fprintf(f, ",%.17g", v);
            else
                fputc(',', f);
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

/* One header field "name [unit]": the name and the unit, in the arena. */
static int
header_field(tdm_arena *a, const char *f, size_t len, const char **name, const char **unit)
{
    const char *open = memchr(f, '[', len);
    if (!open || f[len - 1] != ']' || open == f || open[-1] != ' ') return -1;
    *name = tdm_arena_strndup(a, f, (size_t)(open - 1 - f));
    *unit = tdm_arena_strndup(a, open + 1, (size_t)(f + len - 1 - (open + 1)));
    return *name && *unit ? 0 : -2; /* -2: out of memory */
}

int
tdm_mc_read(const char *const *paths, int npaths, tdm_arena *a, tdm_mc *mc, tdm_error *err)
{
    memset(mc, 0, sizeof *mc);
    char *seen = NULL;
    int rc = 0;
    for (int fi = 0; fi < npaths && !rc; fi++) {
        const char *path = paths[fi];
        /* read line by line: a shard of any size, held only as its numbers (a whole file in
         * memory capped shards at 4 MiB, some 20,000 samples) */
        FILE *in = tdm_open_input(path, err);
        if (!in) {
            rc = -1;
            break;
        }
        char *line = NULL;
        size_t cap = 0;
        ssize_t got;
        long lineno = 0;
        tdm_mc part;
        memset(&part, 0, sizeof part);
        char fsbuf[1024];
        unsigned long long seed;
        while (!rc && (got = getline(&line, &cap, in)) > 0) {
            size_t l = strlen(line);
            if (l && line[l - 1] == '\n') line[--l] = '\0';
            if (l && line[l - 1] == '\r') line[--l] = '\0';
            lineno++;
            if (lineno == 1) {
                if (sscanf(line,
                           "# tandem mc: flowsheet=%1023[^;]; seed=%llu; samples=%ld; "
                           "first=%ld; count=%ld",
                           fsbuf, &seed, &part.n, &part.first, &part.count) != 5) {
                    rc = tdm_errorf(err, TDM_EINPUT, path, 1,
                                    "not a sample file of `tandem mc` (its first line names the "
                                    "flowsheet, seed and samples)");
                    break;
                }
                if (part.n < 1 || part.n > TDM_MC_MAX_SAMPLES || part.first < 0 ||
                    part.first > part.n || part.count < 0 || part.count > part.n - part.first) {
                    rc = tdm_errorf(err, TDM_EINPUT, path, 1,
                                    "samples=%ld, first=%ld, count=%ld: a run has 1 to %ld "
                                    "samples and a shard's lie within them",
                                    part.n, part.first, part.count, TDM_MC_MAX_SAMPLES);
                    break;
                }
                part.seed = seed;
                part.sampling = strstr(line, "; sampling=lhs")     ? TDM_SAMPLING_LHS
                                : strstr(line, "; sampling=sobol") ? TDM_SAMPLING_SOBOL
                                                                   : TDM_SAMPLING_RANDOM;
                const char *corr = strstr(line, "; correlations=");
                if (corr) {
                    corr += 15;
                    size_t cl = strcspn(corr, "\r\n"); /* its pairs end in ';' too */
                    part.correlations = tdm_arena_strndup(a, corr, cl);
                    if (!part.correlations) {
                        rc = tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
                        break;
                    }
                }
                part.flowsheet = tdm_arena_strdup(a, fsbuf);
                if (!part.flowsheet) {
                    rc = tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
                    break;
                }
                continue;
            }
            if (lineno == 2) {
                char *f = line;
                int nf = 0;
                while (f) {
                    char *comma = strchr(f, ',');
                    size_t fl = comma ? (size_t)(comma - f) : strlen(f);
                    if (nf == 0) {
                        if (fl != 6 || strncmp(f, "sample", 6)) rc = -1;
                    } else {
                        const char *name, *unit;
                        int hf = header_field(a, f, fl, &name, &unit);
                        if (hf) {
                            rc = rc ? rc : hf;
                        } else if (!strcmp(unit, "SI") && part.nout == 0) {
                            if (part.np == TDM_STUDY_MAX_PARAMS)
                                rc = -1;
                            else
                                part.param[part.np++] = name;
                        } else {
                            if (part.nout == TDM_STUDY_MAX_OUTPUTS)
                                rc = -1;
                            else {
                                part.out[part.nout] = name;
                                part.out_unit[part.nout++] = unit;
                            }
                        }
                    }
                    nf++;
                    f = comma ? comma + 1 : NULL;
                }
                if (rc == -2) {
                    rc = tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
                    break;
                }
                if (rc || part.nout == 0) {
                    rc = tdm_errorf(err, TDM_EINPUT, path, 2,
                                    "the header is `sample,<param> [SI],...,<output> [unit],...`");
                    break;
                }
                if (fi == 0) {
                    *mc = part;
                    mc->first = 0;
                    mc->count = mc->n;
                    mc->x = calloc((size_t)mc->n * (size_t)mc->np + 1, sizeof(double));
                    mc->y = calloc((size_t)mc->n * (size_t)mc->nout + 1, sizeof(double));
                    seen = calloc((size_t)mc->n, 1);
                    if (!mc->x || !mc->y || !seen) {
                        rc = tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
                        break;
                    }
                } else {
                    bool same = part.seed == mc->seed && part.sampling == mc->sampling &&
                                !strcmp(part.correlations ? part.correlations : "",
                                        mc->correlations ? mc->correlations : "") &&
                                part.n == mc->n && !strcmp(part.flowsheet, mc->flowsheet) &&
                                part.np == mc->np && part.nout == mc->nout;
                    for (int j = 0; same && j < mc->np; j++)
                        same = !strcmp(part.param[j], mc->param[j]);
                    for (int k = 0; same && k < mc->nout; k++)
                        same = !strcmp(part.out[k], mc->out[k]) &&
                               !strcmp(part.out_unit[k], mc->out_unit[k]);
                    if (!same) {
                        rc = tdm_errorf(err, TDM_EINPUT, path, 1,
                                        "this shard is of another run than %s (flowsheet, seed, "
                                        "sampling, correlations, samples, parameters and "
                                        "outputs must agree)",
                                        paths[0]);
                        break;
                    }
                }
                continue;
            }
            if (!line[0]) continue;
            char *end;
            long i = strtol(line, &end, 10);
            if (end == line || *end != ',' || i < part.first || i >= part.first + part.count) {
                rc = tdm_errorf(err, TDM_EINPUT, path, lineno,
                                "sample number `%.20s` is not in this shard's range %ld..%ld", line,
                                part.first, part.first + part.count - 1);
                break;
            }
            if (seen[i]) {
                rc = tdm_errorf(err, TDM_EINPUT, path, lineno, "sample %ld appears twice", i);
                break;
            }
            seen[i] = 1;
            char *f = end + 1;
            for (int c = 0; c < mc->np + mc->nout && !rc; c++) {
                double v = NAN;
                if (*f && *f != ',') {
                    v = strtod(f, &end);
                    if (end == f) {
                        rc = tdm_errorf(err, TDM_EINPUT, path, lineno, "column %d is not a number",
                                        c + 2);
                        break;
                    }
                    f = end;
                }
                if (c < mc->np)
                    mc->x[i * mc->np + c] = v;
                else
                    mc->y[i * mc->nout + (c - mc->np)] = v;
                if (c + 1 < mc->np + mc->nout) {
                    if (*f != ',') {
                        rc = tdm_errorf(err, TDM_EINPUT, path, lineno,
                                        "a row has fewer columns than the header");
                        break;
                    }
                    f++;
                }
            }
            if (!rc && *f)
                rc = tdm_errorf(err, TDM_EINPUT, path, lineno,
                                "a row has more columns than the header");
        }
        if (!rc && ferror(in))
            rc = tdm_errorf(err, TDM_ESYSTEM, path, 0, "cannot read the file: %s", strerror(errno));
        if (!rc && lineno < 2)
            rc = tdm_errorf(err, TDM_EINPUT, path, 1, "not a sample file of `tandem mc`");
        free(line);
        fclose(in);
    }
    for (long i = 0; !rc && i < mc->n; i++)
        if (!seen[i])
            rc = tdm_errorf(err, TDM_EINPUT, NULL, 0,
                            "sample %ld of %ld is in none of the files: a shard is missing", i,
                            mc->n);
    free(seen);
    if (rc) tdm_mc_free(mc);
    return rc;
}
