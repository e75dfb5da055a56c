/* study.c: one built model, parameters changed in place, outputs read by key; and the
 * statistics of many samples. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "tandem/quantity.h"
#include "tandem/figures.h"
#include "tandem/study.h"
#include "tandem/tea.h"

enum { MAX_QUANTS = 320 };

/* The output figures of a solved point (summary and, with a TEA, the cost headline). */
static int
quants(const tdm_study *st, tdm_quant *q)
{
    int n = tdm_compare_quants(st->sim.results, st->need_tea ? st->tea : NULL, q, MAX_QUANTS);
    return n < MAX_QUANTS ? n : MAX_QUANTS; /* the figures past the first MAX_QUANTS */
}

/* Output i is shown in `unit`: its SI factor is found once, not at every sample. */
static void
set_unit(tdm_study *st, int i, const char *unit)
{
    tdm_dim dim;
    st->out_unit[i] = unit;
    if (!unit[0] || tdm_unit_parse(unit, &st->out_si[i], &dim, NULL, 0)) st->out_si[i] = 1.0;
}

/* UNIT.ROW: a row of a unit's table at the first solve. The output's index is st->nout's
 * caller's i, found by key: sets out_uidx, out_ukey and out_unit of the output named key.
 * Returns the unit's index, -1 when key names no unit (a plant or cost figure, perhaps), -2
 * with err set when it names a unit but none of its rows. */
static int
unit_output(tdm_study *st, const char *key, tdm_error *err)
{
    const char *dot = strchr(key, '.');
    if (!dot) return -1;
    char name[256];
    size_t len = (size_t)(dot - key);
    if (len >= sizeof name) return -1;
    memcpy(name, key, len);
    name[len] = 0;
    int ui = tdm_flowsheet_find_unit(st->fs, name);
    if (ui < 0) return -1;
    const tdm_unit_result *r = &st->sim.results->units[ui];
    int i = 0;
    while (i < st->nout && st->out[i] != key)
        i++;
    for (int k = 0; k < r->nq; k++)
        if (!strcmp(r->q[k].key, dot + 1)) {
            if (i < st->nout) {
                st->out_uidx[i] = ui;
                st->out_ukey[i] = r->q[k].key;
                set_unit(st, i, r->q[k].unit);
            }
            return ui;
        }
    char rows[600] = "";
    for (int k = 0; k < r->nq; k++) {
        size_t l = strlen(rows);
        if (l + strlen(r->q[k].key) + 8 >= sizeof rows) {
            snprintf(rows + l, sizeof rows - l, ", ...");
            break;
        }
        snprintf(rows + l, sizeof rows - l, "%s%s", l ? ", " : "", r->q[k].key);
    }
    tdm_errorf(err, TDM_EINPUT, NULL, 0, "no output `%s`: [%s]'s table has %s", key, name,
               rows[0] ? rows : "no rows");
    return -2;
}

int
tdm_study_open(tdm_study *st, tdm_flowsheet *fs, struct tdm_scenario *sc,
               const char *const *outputs, int nout, tdm_error *err)
{
    memset(st, 0, sizeof *st);
    st->fs = fs;
    st->sc = sc;
    tdm_simulation_init(&st->sim, fs);
    if (nout < 1 || nout > TDM_STUDY_MAX_OUTPUTS)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0, "a study reads 1 to %d outputs",
                          TDM_STUDY_MAX_OUTPUTS);
    st->nout = nout;
    if (sc) {
        st->tea = calloc(1, sizeof *st->tea);
        if (!st->tea) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    if (tdm_simulate(&st->sim, err)) return -1;
    /* which outputs exist, and which need the cost model */
    tdm_quant *q = malloc(sizeof *q * MAX_QUANTS);
    if (!q) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    st->need_tea = false;
    int nq = tdm_summary_quants(st->sim.results, q, MAX_QUANTS);
    int rc = nq < 0 ? tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory") : 0;
    if (nq > MAX_QUANTS) nq = MAX_QUANTS;
    for (int i = 0; i < nout && !rc; i++) {
        st->out[i] = outputs[i];
        st->out_uidx[i] = -1;
        st->out_fig[i] = tdm_figure_find(outputs[i]);
        int k = 0;
        while (k < nq && strcmp(q[k].key, outputs[i]))
            k++;
        if (k < nq) {
            set_unit(st, i, q[k].unit);
            continue;
        }
        int u = unit_output(st, outputs[i], err);
        if (u == -2) rc = -1;
        if (u != -1) continue;
        st->out_cost[i] = true;
        st->need_tea = true;
    }
    st->tea_opts = TDM_TEA_OPTS_DEFAULT;
    st->tea_opts.quick = true;
    for (int i = 0; i < nout; i++)
        if (!strcmp(outputs[i], "irr") || !strcmp(outputs[i], "payback"))
            st->tea_opts.quick = false;
    if (st->need_tea) {
        if (!sc) {
            rc = tdm_errorf(err, TDM_EINPUT, NULL, 0,
                            "output `%s` is not a figure of the plant summary, and no cost "
                            "scenario is loaded",
                            outputs[0]);
            err->reason = TDM_R_NO_SCENARIO;
        } else if (tdm_tea_evaluate(st->sim.results, sc, st->tea, err)) {
            rc = -1;
        } else {
            nq = quants(st, q);
            if (nq < 0) rc = tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            for (int i = 0; i < nout && !rc; i++) {
                if (!st->out_cost[i]) continue;
                int k = 0;
                while (k < nq && strcmp(q[k].key, outputs[i]))
                    k++;
                if (k == nq)
                    rc = tdm_errorf(err, TDM_EINPUT, NULL, 0,
                                    "no output `%s`; `tandem compare --format csv FILE` lists "
                                    "them (levelized_cost, total_energy, carbon_efficiency, ...)",
                                    outputs[i]);
                else
                    set_unit(st, i, q[k].unit);
            }
        }
    }
    free(q);
    return rc;
}

int
tdm_study_follow_cells(tdm_study *st, const tdm_param *ps, int np, tdm_error *err)
{
    const tdm_results *res = st->sim.results;
    int mp = tdm_flowsheet_main_product(st->fs);
    const char *main = mp >= 0 ? tdm_flowsheet_species_info(st->fs, mp)->name : NULL;
    for (int i = 0; i < np; i++) {
        if (!ps[i].unit_name) continue;
        int ui = tdm_flowsheet_find_unit(st->fs, ps[i].unit_name);
        const tdm_unit_result *r = &res->units[ui];
        if (isnan(tdm_result_get(r, "cell_voltage"))) continue; /* no cell */
        bool done = false;
        for (int k = 0; k < i && !done; k++)
            done = ps[k].unit_name && !strcmp(ps[k].unit_name, ps[i].unit_name);
        if (done) continue;
        /* the main product's FE, else the cell's largest */
        const char *fe = NULL;
        double most = -1;
        for (int k = 0; k < r->nq; k++) {
            if (strncmp(r->q[k].key, "fe.", 3)) continue;
            if (main && !strcmp(r->q[k].key + 3, main)) {
                fe = r->q[k].key;
                break;
            }
            if (r->q[k].value > most) {
                most = r->q[k].value;
                fe = r->q[k].key;
            }
        }
        const char *rows[2] = {"cell_voltage", fe};
        for (int k = 0; k < 2 && rows[k]; k++) {
            if (st->nout == TDM_STUDY_MAX_OUTPUTS)
                return tdm_errorf(err, TDM_EINPUT, NULL, 0, "a study reads 1 to %d outputs",
                                  TDM_STUDY_MAX_OUTPUTS);
            size_t len = strlen(ps[i].unit_name) + strlen(rows[k]) + 2;
            char *key = tdm_arena_alloc(tdm_flowsheet_arena(st->fs), len);
            if (!key) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            snprintf(key, len, "%s.%s", ps[i].unit_name, rows[k]);
            int o = st->nout++;
            st->out[o] = key;
            st->out_cost[o] = false;
            if (unit_output(st, key, err) < 0) return -1;
        }
    }
    return 0;
}

void
tdm_study_close(tdm_study *st)
{
    tdm_simulation_free(&st->sim);
    free(st->tea);
    memset(st, 0, sizeof *st);
}

int
tdm_study_set(tdm_study *st, const tdm_param *p, double si, tdm_error *err)
{
    if (p->unit_name)
        return tdm_flowsheet_set_ref(st->fs, st->sim.model, p->ref, si, p->unit, p->suffix, err);
    return tdm_scenario_set_number(st->sc, p->key, si, p->unit, p->suffix, err);
}

/* A single figure read by its getter (tandem/figures.h), in SI, instead of building the
 * whole labelled list at every sample; false when it is a group's or needs the cost model
 * the point has not. */
static bool
direct(const tdm_study *st, int i, double *si)
{
    const tdm_figure *f = st->out_fig[i];
    const tdm_tea *t = st->need_tea ? st->tea : NULL;
    if (!f || (f->needs_cost && !t)) return false;
    *si = f->get(st->sim.results, t);
    return true;
}

int
tdm_study_eval(tdm_study *st, double *v, tdm_error *err)
{
    TDM_CONTRACT(st->fs && st->sim.fs && st->nout > 0); /* opened, not closed */
    if (!st->fs || !st->sim.fs)
        return tdm_errorf(err, TDM_EAPI, NULL, 0, "the study is not open (tdm_study_open)");
    st->evaluations++;
    if (tdm_flowsheet_restart(st->fs, err) || tdm_simulate(&st->sim, err)) return -1;
    if (st->need_tea && tdm_tea_evaluate_opts(st->sim.results, st->sc, &st->tea_opts, st->tea, err))
        return -1;
    /* a unit's row is read from its table whatever comes before it (a figure after one of
     * the list's left the rows after it unread: zeros, or the last point's) */
    bool all = true;
    for (int i = 0; i < st->nout; i++) {
        double si;
        if (st->out_uidx[i] >= 0) {
            si = tdm_result_get(&st->sim.results->units[st->out_uidx[i]], st->out_ukey[i]);
            v[i] = si / st->out_si[i];
        } else if (all && direct(st, i, &si)) {
            v[i] = si / st->out_si[i];
        } else {
            all = false;
        }
    }
    if (all) return 0;
    tdm_quant q[MAX_QUANTS];
    int nq = quants(st, q);
    if (nq < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    for (int i = 0; i < st->nout; i++) {
        if (st->out_uidx[i] >= 0) continue;
        v[i] = NAN;
        for (int k = 0; k < nq; k++)
            if (!strcmp(q[k].key, st->out[i])) {
                v[i] = q[k].unit[0] ? tdm_from_si(q[k].value, q[k].unit) : q[k].value;
                break;
            }
    }
    return 0;
}

/* ---- statistics ------------------------------------------------------------------------ */

/* Sorts v[0..n-1] ascending, carrying idx (may be NULL) along; equal values keep their
 * order. Least significant digit radix sort on the doubles' bits, 8 bits a pass, passes
 * skipped where every value has the same digit: linear in n, where the statistics of a
 * million-sample study spent most of their time in qsort's comparisons. The values must
 * be finite. Returns -1 when memory runs out. */
static int
sort_values(double *v, long *idx, long n)
{
    if (n < 2) return 0;
    uint64_t *k = malloc(sizeof *k * (size_t)n * 2);
    long *i2 = idx ? malloc(sizeof *i2 * (size_t)n) : NULL;
    if (!k || (idx && !i2)) {
        free(k);
        free(i2);
        return -1;
    }
    uint64_t *ka = k, *kb = k + n;
    long *ia = idx, *ib = i2;
    long count[8][256] = {{0}};
    for (long i = 0; i < n; i++) {
        double x = v[i] == 0 ? 0.0 : v[i]; /* -0 sorts with +0 */
        uint64_t u;
        memcpy(&u, &x, sizeof u);
        u = (u >> 63) ? ~u : u | (UINT64_C(1) << 63); /* order of the doubles */
        ka[i] = u;
        for (int d = 0; d < 8; d++)
            count[d][(u >> (8 * d)) & 0xff]++;
    }
    for (int d = 0; d < 8; d++) {
        if (count[d][(ka[0] >> (8 * d)) & 0xff] == n) continue; /* one digit for all */
        long at = 0;
        for (int b = 0; b < 256; b++) {
            long c = count[d][b];
            count[d][b] = at;
            at += c;
        }
        for (long i = 0; i < n; i++) {
            long to = count[d][(ka[i] >> (8 * d)) & 0xff]++;
            kb[to] = ka[i];
            if (ia) ib[to] = ia[i];
        }
        uint64_t *t = ka;
        ka = kb;
        kb = t;
        long *ti = ia;
        ia = ib;
        ib = ti;
    }
    for (long i = 0; i < n; i++) {
        uint64_t u = ka[i];
        u = (u >> 63) ? u & ~(UINT64_C(1) << 63) : ~u;
        memcpy(&v[i], &u, sizeof u);
    }
    if (idx && ia != idx) memcpy(idx, ia, sizeof *idx * (size_t)n);
    free(k);
    free(i2);
    return 0;
}

/* The p-quantile of sorted values by linear interpolation between order statistics
 * (Hyndman and Fan type 7, the default of R and NumPy). */
static double
pct(const double *s, long n, double p)
{
    if (n == 0) return NAN;
    double h = (double)(n - 1) * p;
    long i = (long)floor(h);
    if (i >= n - 1) return s[n - 1];
    return s[i] + (h - (double)i) * (s[i + 1] - s[i]);
}

int
tdm_stats_of(const double *v, long n, tdm_stats *s)
{
    memset(s, 0, sizeof *s);
    double *c = malloc(sizeof *c * (size_t)(n > 0 ? n : 1));
    if (!c) return -1;
    long m = 0;
    for (long i = 0; i < n; i++)
        if (isfinite(v[i])) c[m++] = v[i];
    s->n = m;
    s->failed = n - m;
    if (m == 0) {
        s->mean = s->sd = s->min = s->max = s->p5 = s->p50 = s->p95 = NAN;
        free(c);
        return 0;
    }
    /* mean and variance by Welford's update, in index order (shards merge to the same) */
    double mean = 0, m2 = 0;
    for (long i = 0; i < m; i++) {
        double d = c[i] - mean;
        mean += d / (double)(i + 1);
        m2 += d * (c[i] - mean);
    }
    s->mean = mean;
    s->sd = m > 1 ? sqrt(m2 / (double)(m - 1)) : 0;
    if (sort_values(c, NULL, m)) {
        free(c);
        return -1;
    }
    s->min = c[0];
    s->max = c[m - 1];
    s->p5 = pct(c, m, 0.05);
    s->p50 = pct(c, m, 0.50);
    s->p95 = pct(c, m, 0.95);
    free(c);
    return 0;
}

/* Ranks of finite values, ties averaged (1 for the smallest). */
int
tdm_ranks(const double *x, long n, double *rank)
{
    double *v = malloc(sizeof *v * (size_t)(n > 0 ? n : 1));
    long *i = malloc(sizeof *i * (size_t)(n > 0 ? n : 1));
    int rc = -1;
    if (v && i) {
        memcpy(v, x, sizeof *v * (size_t)n);
        for (long k = 0; k < n; k++)
            i[k] = k;
        if (sort_values(v, i, n) == 0) {
            for (long a = 0; a < n;) {
                long b = a;
                while (b + 1 < n && v[b + 1] == v[a])
                    b++;
                double r = 0.5 * (double)(a + b) + 1;
                for (long k = a; k <= b; k++)
                    rank[i[k]] = r;
                a = b + 1;
            }
            rc = 0;
        }
    }
    free(v);
    free(i);
    return rc;
}

/* Pearson's correlation of two rank vectors. */
double
tdm_rank_correlation(const double *ax, const double *ay, long m)
{
    if (m < 2) return NAN;
    double mx = 0, my = 0;
    for (long i = 0; i < m; i++) {
        mx += ax[i];
        my += ay[i];
    }
    mx /= (double)m;
    my /= (double)m;
    double sxy = 0, sxx = 0, syy = 0;
    for (long i = 0; i < m; i++) {
        sxy += (ax[i] - mx) * (ay[i] - my);
        sxx += (ax[i] - mx) * (ax[i] - mx);
        syy += (ay[i] - my) * (ay[i] - my);
    }
    return sxx > 0 && syy > 0 ? sxy / sqrt(sxx * syy) : NAN;
}

double
tdm_spearman(const double *x, const double *y, long n)
{
    double *fx = malloc(sizeof *fx * (size_t)(n > 0 ? n : 1) * 4);
    double rho = NAN;
    if (fx) {
        double *fy = fx + n, *ax = fy + n, *ay = ax + n;
        long m = 0;
        for (long i = 0; i < n; i++)
            if (isfinite(x[i]) && isfinite(y[i])) {
                fx[m] = x[i];
                fy[m] = y[i];
                m++;
            }
        if (m > 1 && tdm_ranks(fx, m, ax) == 0 && tdm_ranks(fy, m, ay) == 0)
            rho = tdm_rank_correlation(ax, ay, m);
    }
    free(fx);
    return rho;
}
