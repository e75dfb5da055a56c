/* sobol.c: variance-based global sensitivity, Sobol's first-order and total indices, by
 * Saltelli's scheme (Saltelli et al., Computer Physics Communications 181 (2010) 259, table
 * 2): two independent sample matrices A and B of n rows and k columns, and for each input i
 * the matrix AB_i, A with its column i from B; n (k + 2) evaluations in all. First order by
 * Saltelli 2010 (b), total by Jansen 1999 (f):
 *
 *     S_i  = mean_j (f(B)_j - f0) (f(AB_i)_j - f(A)_j) / V
 *     ST_i = mean_j (f(A)_j - f(AB_i)_j)^2 / (2 V)
 *
 * with f0 and V the mean and variance of f(A) and f(B) together; f(B) is centred on f0,
 * which leaves the estimate's expectation as it is and takes out the spread an output far
 * from zero gives it (an output of mean 121 and sd 35 read S1 = 1.14 for 1 at n = 2000). Confidence
 * intervals by the bootstrap: the n rows drawn again with replacement, the indices of each
 * resample, the 2.5th and 97.5th percentiles of them. Every draw, of the matrices and of the
 * resamples, comes from (seed, row, column) alone. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/study.h"

/* the indices of the rows rows[0..n) (a resample, or 0..n-1) */
static void
estimate(const double *fA, const double *fB, const double *fAB, long n, int k, const long *rows,
         double *S1, double *ST)
{
    double sum = 0, sq = 0;
    for (long r = 0; r < n; r++) {
        long j = rows ? rows[r] : r;
        sum += fA[j] + fB[j];
    }
    double mean = sum / (2.0 * (double)n);
    for (long r = 0; r < n; r++) {
        long j = rows ? rows[r] : r;
        sq += (fA[j] - mean) * (fA[j] - mean) + (fB[j] - mean) * (fB[j] - mean);
    }
    double V = sq / (2.0 * (double)n - 1);
    for (int i = 0; i < k; i++) {
        const double *fi = &fAB[(size_t)i * (size_t)n];
        double s1 = 0, st = 0;
        for (long r = 0; r < n; r++) {
            long j = rows ? rows[r] : r;
            s1 += (fB[j] - mean) * (fi[j] - fA[j]);
            st += (fA[j] - fi[j]) * (fA[j] - fi[j]);
        }
        S1[i] = V > 0 ? s1 / (double)n / V : NAN;
        ST[i] = V > 0 ? st / (2.0 * (double)n) / V : NAN;
    }
}

static int
by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* the p-quantile of v[0..n) sorted, by linear interpolation (type 7) */
static double
quantile(const double *v, int n, double p)
{
    double h = (n - 1) * p;
    int lo = (int)floor(h);
    return lo + 1 < n ? v[lo] + (h - lo) * (v[lo + 1] - v[lo]) : v[n - 1];
}

int
tdm_sobol_estimate(const double *fA, const double *fB, const double *fAB, long n, int k,
                   uint64_t seed, int resamples, tdm_sobol_index *out)
{
    double *S1 = malloc(sizeof *S1 * (size_t)k), *ST = malloc(sizeof *ST * (size_t)k);
    long *rows = malloc(sizeof *rows * (size_t)n);
    double *b1 = malloc(sizeof *b1 * (size_t)k * (size_t)(resamples + 1));
    double *bt = malloc(sizeof *bt * (size_t)k * (size_t)(resamples + 1));
    int rc = -1;
    if (!S1 || !ST || !rows || !b1 || !bt) goto out;
    estimate(fA, fB, fAB, n, k, NULL, S1, ST);
    for (int i = 0; i < k; i++) {
        out[i].s1 = S1[i];
        out[i].st = ST[i];
    }
    for (int r = 0; r < resamples; r++) {
        for (long j = 0; j < n; j++) {
            long pick = (long)(tdm_uniform(seed ^ 0x626f6f7473747261u, (uint64_t)r, (uint64_t)j) *
                               (double)n);
            rows[j] = pick < n ? pick : n - 1;
        }
        estimate(fA, fB, fAB, n, k, rows, S1, ST);
        for (int i = 0; i < k; i++) {
            b1[(size_t)i * (size_t)resamples + (size_t)r] = S1[i];
            bt[(size_t)i * (size_t)resamples + (size_t)r] = ST[i];
        }
    }
    for (int i = 0; i < k; i++) {
        out[i].s1_lo = out[i].s1_hi = out[i].st_lo = out[i].st_hi = NAN;
        if (resamples < 2 || !isfinite(out[i].s1)) continue;
        double *c1 = &b1[(size_t)i * (size_t)resamples], *ct = &bt[(size_t)i * (size_t)resamples];
        qsort(c1, (size_t)resamples, sizeof *c1, by_value);
        qsort(ct, (size_t)resamples, sizeof *ct, by_value);
        out[i].s1_lo = quantile(c1, resamples, 0.025);
        out[i].s1_hi = quantile(c1, resamples, 0.975);
        out[i].st_lo = quantile(ct, resamples, 0.025);
        out[i].st_hi = quantile(ct, resamples, 0.975);
    }
    rc = 0;
out:
    free(S1);
    free(ST);
    free(rows);
    free(b1);
    free(bt);
    return rc;
}

/* The uniform number of row j of matrix A (m = 0) or B (m = 1), input i of k: A's from the
 * columns 0..k-1 of the generator, B's from k..2k-1, so the two are independent. */
double
tdm_sobol_uniform(uint64_t seed, long j, int i, int k, int m)
{
    return tdm_uniform(seed, (uint64_t)j, (uint64_t)(m * k + i));
}

static int
check(long n, int k, tdm_error *err)
{
    if (n < 2 || k < 1 || (double)n * (k + 2) > (double)TDM_MC_MAX_SAMPLES)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                          "command line: Sobol indices take 2 or more base samples and at most "
                          "%ld solves (n (k + 2) with k inputs), not %ld x %d",
                          TDM_MC_MAX_SAMPLES, n, k + 2);
    return 0;
}

int
tdm_sobol_points(tdm_study *st, const tdm_param *ps, int k, uint64_t seed, long n, long first,
                 long count, double *y, long *failed, tdm_error *err)
{
    if (check(n, k, err)) return -1;
    int nout = st->nout, rc = 0;
    /* evaluation e is row j = e mod n of block b = e / n: 0 A, 1 B, 2 + i AB_i */
    for (long e = first; e < first + count && !rc; e++) {
        long b = e / n, j = e % n;
        for (int i = 0; i < k && !rc; i++) {
            int m = b == 0 ? 0 : b == 1 ? 1 : (int)b - 2 == i ? 1 : 0;
            double x = tdm_param_quantile(&ps[i], tdm_sobol_uniform(seed, j, i, k, m));
            rc = tdm_study_set(st, &ps[i], x, err);
        }
        if (rc) break;
        double *yo = &y[(size_t)e * (size_t)nout];
        tdm_error why;
        if (tdm_study_eval(st, yo, &why)) {
            if (why.cls != TDM_ESOLVE) {
                *err = why;
                rc = -1;
                break;
            }
            for (int o = 0; o < nout; o++)
                yo[o] = NAN;
            (*failed)++;
        }
    }
    for (int i = 0; i < k && !rc; i++)
        rc = tdm_study_set(st, &ps[i], ps[i].base, err);
    return rc;
}

int
tdm_sobol_finish(const double *y, int nout, int k, uint64_t seed, long n, int resamples,
                 long failed, tdm_sobol *out, tdm_error *err)
{
    memset(out, 0, sizeof *out);
    if (check(n, k, err)) return -1;
    size_t cols = (size_t)k + 2, rows = (size_t)n;
    double *f = malloc(sizeof *f * rows * cols);
    if (!f) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    out->n = n;
    out->k = k;
    out->nout = nout;
    out->seed = seed;
    out->evaluations = (long)(rows * cols);
    out->failed = failed;
    int rc = 0;
    for (int o = 0; o < nout && !rc; o++) {
        /* the rows where every matrix solved: a failed point drops its row everywhere */
        long m = 0;
        for (long j = 0; j < n; j++) {
            bool ok = true;
            for (size_t b = 0; b < cols && ok; b++)
                ok = isfinite(y[(b * rows + (size_t)j) * (size_t)nout + (size_t)o]);
            if (!ok) continue;
            for (size_t b = 0; b < cols; b++)
                f[b * rows + (size_t)m] = y[(b * rows + (size_t)j) * (size_t)nout + (size_t)o];
            m++;
        }
        out->used[o] = m;
        if (m < 2) {
            for (int i = 0; i < k; i++)
                out->index[o][i] = (tdm_sobol_index){NAN, NAN, NAN, NAN, NAN, NAN};
            continue;
        }
        /* the blocks packed at stride m */
        for (size_t b = 1; b < cols; b++)
            memmove(&f[b * (size_t)m], &f[b * rows], sizeof *f * (size_t)m);
        if (tdm_sobol_estimate(f, &f[(size_t)m], &f[2 * (size_t)m], m, k, seed, resamples,
                               out->index[o]))
            rc = tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    free(f);
    return rc;
}

int
tdm_sobol_run(tdm_study *st, const tdm_param *ps, int k, uint64_t seed, long n, int resamples,
              tdm_sobol *out, tdm_error *err)
{
    memset(out, 0, sizeof *out);
    if (check(n, k, err)) return -1;
    long total = n * (k + 2), failed = 0;
    double *y = malloc(sizeof *y * (size_t)total * (size_t)st->nout);
    if (!y) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    int rc = tdm_sobol_points(st, ps, k, seed, n, 0, total, y, &failed, err);
    if (!rc) rc = tdm_sobol_finish(y, st->nout, k, seed, n, resamples, failed, out, err);
    free(y);
    return rc;
}

/* ---- Morris elementary effects ------------------------------------------------------------ */

int
tdm_morris_run(tdm_study *st, const tdm_param *ps, int k, uint64_t seed, int trajectories,
               int levels, tdm_morris *out, tdm_error *err)
{
    memset(out, 0, sizeof *out);
    if (trajectories < 2 || trajectories > 100000 || levels < 2 || levels % 2 || levels > 100 ||
        k < 1)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                          "command line: Morris takes 2 to 100000 trajectories and an even number "
                          "of levels from 2 to 100, not %d and %d",
                          trajectories, levels);
    int nout = st->nout;
    /* the step: p / (2 (p - 1)) of the unit range (Morris 1991), so that every level is
     * reached as often as any other */
    double delta = levels / (2.0 * (levels - 1));
    /* a level is the probability in the middle of its cell (so that the ends of an unbounded
     * distribution are finite): a step of delta in the grid is dp in probability, and an
     * effect is the change over dp, per the whole range of probability */
    double dp = delta * (levels - 1) / levels;
    double *sum = calloc((size_t)k * (size_t)nout, sizeof *sum);
    double *sumabs = calloc((size_t)k * (size_t)nout, sizeof *sumabs);
    double *sumsq = calloc((size_t)k * (size_t)nout, sizeof *sumsq);
    long *count = calloc((size_t)k * (size_t)nout, sizeof *count);
    double *u = malloc(sizeof *u * (size_t)k), *y0 = malloc(sizeof *y0 * (size_t)(nout + 1));
    double *y1 = malloc(sizeof *y1 * (size_t)(nout + 1));
    int *order = malloc(sizeof *order * (size_t)k);
    int rc = 0;
    if (!sum || !sumabs || !sumsq || !count || !u || !y0 || !y1 || !order) {
        rc = tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        goto out;
    }
    for (int t = 0; t < trajectories && !rc; t++) {
        /* a start on the lower levels (those from which a step up stays in range), then
         * each input moved once, in a random order, up or down by delta */
        int start_levels = levels / 2;
        for (int i = 0; i < k; i++) {
            int lv = (int)(tdm_uniform(seed, (uint64_t)t, (uint64_t)i) * start_levels);
            u[i] = (lv < start_levels ? lv : start_levels - 1) / (double)(levels - 1);
            order[i] = i;
        }
        for (int i = k - 1; i > 0; i--) { /* Fisher-Yates, from (seed, t) */
            int j = (int)(tdm_uniform(seed, (uint64_t)t, (uint64_t)(k + i)) * (i + 1));
            if (j > i) j = i;
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        bool ok0 = true;
        for (int step = 0; step <= k && !rc; step++) {
            if (step > 0) u[order[step - 1]] += delta;
            for (int i = 0; i < k && !rc; i++) {
                double p = (u[i] * (levels - 1) + 0.5) / levels;
                rc = tdm_study_set(st, &ps[i], tdm_param_quantile(&ps[i], p), err);
            }
            if (rc) break;
            double *y = step % 2 ? y1 : y0;
            tdm_error why;
            out->evaluations++;
            bool ok = true;
            if (tdm_study_eval(st, y, &why)) {
                if (why.cls != TDM_ESOLVE) {
                    *err = why;
                    rc = -1;
                    break;
                }
                ok = false;
                out->failed++;
            }
            if (step > 0 && ok && ok0) {
                int i = order[step - 1];
                const double *before = step % 2 ? y0 : y1;
                for (int o = 0; o < nout; o++) {
                    double ee = (y[o] - before[o]) / dp;
                    if (!isfinite(ee)) continue;
                    size_t at = (size_t)o * (size_t)k + (size_t)i;
                    sum[at] += ee;
                    sumabs[at] += fabs(ee);
                    sumsq[at] += ee * ee;
                    count[at]++;
                }
            }
            ok0 = ok;
        }
    }
    for (int i = 0; i < k && !rc; i++)
        rc = tdm_study_set(st, &ps[i], ps[i].base, err);
    out->k = k;
    out->nout = nout;
    out->trajectories = trajectories;
    out->levels = levels;
    out->seed = seed;
    for (int o = 0; o < nout; o++)
        for (int i = 0; i < k; i++) {
            size_t at = (size_t)o * (size_t)k + (size_t)i;
            long c = count[at];
            tdm_morris_effect *m = &out->effect[o][i];
            m->n = c;
            m->mu = c ? sum[at] / (double)c : NAN;
            m->mu_star = c ? sumabs[at] / (double)c : NAN;
            m->sigma =
                c > 1 ? sqrt(fmax(0, (sumsq[at] - sum[at] * sum[at] / (double)c) / (double)(c - 1)))
                      : NAN;
        }
out:
    free(sum);
    free(sumabs);
    free(sumsq);
    free(count);
    free(u);
    free(y0);
    free(y1);
    free(order);
    return rc;
}
