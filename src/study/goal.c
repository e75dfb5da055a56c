/* goal.c: goal seeking on one open study: the values of a parameter at which an output meets
 * a target. The range is scanned (warm re-solves, as a sweep) for changes of sign of
 * output - target, and each change is closed in by Brent's method (inverse quadratic
 * interpolation guarded by bisection, Brent 1973, ch. 4), so a target met more than once in
 * the range (a levelized cost against current density falls and then rises) gives each
 * answer. Points that cannot be solved are stepped over, never bracketed across. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/study.h"

/* output - target at x, all outputs into y; 1 when the point cannot be solved */
static int
gap(tdm_study *st, tdm_goal *g, double x, double *y, double *d, tdm_error *err)
{
    if (tdm_study_set(st, g->p, x, err)) return -1;
    g->evaluations++;
    tdm_error why;
    if (tdm_study_eval(st, y, &why)) {
        if (why.cls != TDM_ESOLVE) {
            *err = why;
            return -1;
        }
        return 1;
    }
    *d = y[g->out] - g->target;
    return isfinite(*d) ? 0 : 1;
}

/* Brent's zero of output - target between a and b, whose gaps fa and fb differ in sign. */
static int
brent(tdm_study *st, tdm_goal *g, double a, double fa, double b, double fb, double *root, double *y,
      tdm_error *err)
{
    double c = a, fc = fa, d = b - a, e = d;
    for (int it = 0; it < 200; it++) {
        if ((fb > 0) == (fc > 0)) {
            c = a;
            fc = fa;
            d = e = b - a;
        }
        if (fabs(fc) < fabs(fb)) {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        double tol = 2 * 1e-15 * fabs(b) + 0.5 * g->xtol, m = 0.5 * (c - b);
        if (fabs(m) <= tol || fb == 0) break;
        if (fabs(e) >= tol && fabs(fa) > fabs(fb)) {
            double s = fb / fa, p, q;
            if (a == c) { /* secant */
                p = 2 * m * s;
                q = 1 - s;
            } else { /* inverse quadratic interpolation */
                double qa = fa / fc, r = fb / fc;
                p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
                q = (qa - 1) * (r - 1) * (s - 1);
            }
            if (p > 0)
                q = -q;
            else
                p = -p;
            if (2 * p < fmin(3 * m * q - fabs(tol * q), fabs(e * q))) {
                e = d;
                d = p / q;
            } else {
                d = e = m;
            }
        } else {
            d = e = m;
        }
        a = b;
        fa = fb;
        b += fabs(d) > tol ? d : (m > 0 ? tol : -tol);
        int rc = gap(st, g, b, y, &fb, err);
        if (rc < 0) return -1;
        if (rc > 0) return 1; /* a point inside the bracket cannot be solved */
    }
    *root = b;
    return 0;
}

int
tdm_goal_run(tdm_study *st, tdm_goal *g, tdm_error *err)
{
    g->n = 0;
    g->evaluations = g->failed = 0;
    g->lowest = HUGE_VAL;
    g->highest = -HUGE_VAL;
    if (g->points < 2 || g->points > TDM_SWEEP_MAX_POINTS)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                          "command line: a goal scans its range in 2 to %d points, not %d",
                          TDM_SWEEP_MAX_POINTS, g->points);
    if (!(g->xtol > 0)) g->xtol = 1e-9 * fmax(fabs(g->lo), fabs(g->hi));
    double *y = calloc((size_t)st->nout + 1, sizeof *y);
    if (!y) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    int rc = 0;
    double xprev = NAN, dprev = NAN;
    for (int i = 0; i < g->points && rc == 0; i++) {
        double x = g->lo + (g->hi - g->lo) * i / (g->points - 1), d;
        int r = gap(st, g, x, y, &d, err);
        if (r < 0) {
            rc = -1;
            break;
        }
        if (r > 0) {
            g->failed++;
            xprev = dprev = NAN; /* never a bracket across a point that cannot be solved */
            continue;
        }
        if (y[g->out] < g->lowest) {
            g->lowest = y[g->out];
            g->at_lowest = x;
        }
        if (y[g->out] > g->highest) {
            g->highest = y[g->out];
            g->at_highest = x;
        }
        double root = NAN;
        if (d == 0) {
            root = x;
        } else if (isfinite(dprev) && dprev != 0 && (dprev > 0) != (d > 0)) {
            int b = brent(st, g, xprev, dprev, x, d, &root, y, err);
            if (b < 0) {
                rc = -1;
                break;
            }
            if (b > 0) root = NAN;
        }
        if (isfinite(root) && g->n < TDM_GOAL_MAX) {
            /* the answer simulated: every output at it */
            double dd;
            int r2 = gap(st, g, root, y, &dd, err);
            if (r2 < 0) {
                rc = -1;
                break;
            }
            if (r2 == 0) {
                g->x[g->n] = root;
                memcpy(g->y[g->n], y, (size_t)st->nout * sizeof *y);
                g->rising[g->n] = isfinite(dprev) ? dprev < d : false;
                g->n++;
            }
        }
        xprev = x;
        dprev = d;
    }
    free(y);
    if (rc) return rc;
    return tdm_study_set(st, g->p, g->p->base, err);
}

int
tdm_goal_boundary_run(tdm_study *st, tdm_goal *g, tdm_goal_boundary *b, tdm_error *err)
{
    b->evaluations = b->failed = 0;
    b->qx = b->x = NULL;
    b->m = NULL;
    b->rising = NULL;
    if (b->n < 1 || (long)b->n * g->points > TDM_SWEEP_MAX_POINTS)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0,
                          "command line: a boundary takes 1 to %d points of its second "
                          "parameter, each scanned in %d",
                          TDM_SWEEP_MAX_POINTS / (g->points > 0 ? g->points : 1), g->points);
    size_t n = (size_t)b->n;
    b->qx = calloc(n, sizeof *b->qx);
    b->x = calloc(n * TDM_GOAL_MAX, sizeof *b->x);
    b->m = calloc(n, sizeof *b->m);
    b->rising = calloc(n * TDM_GOAL_MAX, sizeof *b->rising);
    if (!b->qx || !b->x || !b->m || !b->rising)
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    for (int i = 0; i < b->n; i++) {
        double q = b->n > 1 ? b->lo + (b->hi - b->lo) * i / (b->n - 1) : b->lo;
        b->qx[i] = q;
        if (tdm_study_set(st, b->q, q, err) || tdm_goal_run(st, g, err)) return -1;
        b->evaluations += g->evaluations;
        b->failed += g->failed;
        b->m[i] = g->n;
        for (int k = 0; k < g->n; k++) {
            b->x[(size_t)i * TDM_GOAL_MAX + k] = g->x[k];
            b->rising[(size_t)i * TDM_GOAL_MAX + k] = g->rising[k];
        }
    }
    return tdm_study_set(st, b->q, b->q->base, err);
}

void
tdm_goal_boundary_free(tdm_goal_boundary *b)
{
    free(b->qx);
    free(b->x);
    free(b->m);
    free(b->rising);
    b->qx = b->x = NULL;
    b->m = NULL;
    b->rising = NULL;
}
