/* Reports of sweeps, tornado charts and Monte Carlo runs: text, CSV, JSON and charts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "tandem/quantity.h"
#include "tandem/report.h"
#include "tandem/study.h"
#include "emit.h"
#include "tandem/doc.h"
#include "writers.h"

/* A parameter's SI value in the unit the file writes it in. */
static double
shown(const tdm_param *p, double si)
{
    return tdm_quantity_shown(si, p->unit);
}

static void
label(char *buf, size_t n, const char *name, const char *unit)
{
    snprintf(buf, n, "%s%s%s%s", name, unit && unit[0] ? " (" : "", unit ? unit : "",
             unit && unit[0] ? ")" : "");
}

/* A sweep for programs: one record a point, the parameters' values, then the outputs'. */
static int
machine_sweep(tdm_emitter *e, const tdm_study *st, const tdm_sweep *sw)
{
    enum { MAXC = 2 + TDM_STUDY_MAX_OUTPUTS };
    tdm_column cols[MAXC];
    char heads[MAXC][200];
    const char *names[2];
    int nc = 0;
    for (int j = 0; j < sw->np; j++) {
        names[j] = sw->p[j]->name;
        snprintf(heads[nc], sizeof heads[nc], "%s [%s]", sw->p[j]->name, sw->p[j]->unit);
        cols[nc] = (tdm_column){sw->p[j]->name, heads[nc], sw->p[j]->unit};
        nc++;
    }
    for (int k = 0; k < st->nout; k++) {
        snprintf(heads[nc], sizeof heads[nc], "%s [%s]", st->out[k], st->out_unit[k]);
        cols[nc] = (tdm_column){st->out[k], heads[nc], st->out_unit[k]};
        nc++;
    }
    tdm_emit_list(e, "parameters", names, sw->np);
    tdm_emit_table(e, "points", cols, nc);
    for (long i = 0; i < sw->npoints; i++) {
        tdm_cell cells[MAXC];
        for (int j = 0; j < sw->np; j++)
            cells[j] = tdm_num_cell(shown(sw->p[j], sw->x[i * sw->np + j]));
        for (int k = 0; k < st->nout; k++)
            cells[sw->np + k] = tdm_num_cell(sw->y[i * st->nout + k]);
        tdm_emit_row(e, cells);
    }
    tdm_emit_end_table(e);
    return tdm_emit_end(e);
}

int
tdm_report_sweep(FILE *f, enum tdm_format fmt, const tdm_study *st, const tdm_sweep *sw)
{
    char h[200], a[64];
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f) == 0) return machine_sweep(&e, st, sw);
    fprintf(f, "SWEEP of %s: %ld points", tdm_flowsheet_path(st->fs), sw->npoints);
    if (sw->failed) fprintf(f, ", %ld cannot be solved (-)", sw->failed);
    fputc('\n', f);
    /* each column as wide as its heading: a heading is never cut (it once read
     * "cell1.single_pass_conver") */
    int w[2 + TDM_STUDY_MAX_OUTPUTS];
    for (int j = 0; j < sw->np + st->nout; j++) {
        if (j < sw->np)
            label(h, sizeof h, sw->p[j]->name, sw->p[j]->unit);
        else
            label(h, sizeof h, st->out[j - sw->np], st->out_unit[j - sw->np]);
        int l = (int)strlen(h);
        w[j] = l > 12 ? l : 12;
        fprintf(f, " %*s", w[j], h);
    }
    fputc('\n', f);
    for (long i = 0; i < sw->npoints; i++) {
        for (int j = 0; j < sw->np; j++) {
            tdm_fmt_dash(a, sizeof a, shown(sw->p[j], sw->x[i * sw->np + j]));
            fprintf(f, " %*s", w[j], a);
        }
        for (int k = 0; k < st->nout; k++) {
            tdm_fmt_dash(a, sizeof a, sw->y[i * st->nout + k]);
            fprintf(f, " %*s", w[sw->np + k], a);
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

int
tdm_doc_sweep(const tdm_study *st, const tdm_sweep *sw, tdm_doc **out, tdm_error *err)
{
    tdm_emitter e;
    tdm_doc *d = tdm_doc_begin(&e);
    return tdm_doc_done(d, d ? machine_sweep(&e, st, sw) : -1, out, err);
}

int
tdm_report_sweep_chart(const char *path, const tdm_study *st, const tdm_sweep *sw, tdm_error *err)
{
    char xl[200], yl[200], title[300], tmp[1100];
    label(xl, sizeof xl, sw->p[0]->name, sw->p[0]->unit);
    label(yl, sizeof yl, st->out[0], st->out_unit[0]);
    int rc;
    if (tdm_chart_begin(path, tmp, sizeof tmp, err)) return -1;
    if (sw->np == 1) {
        double *x = malloc(sizeof *x * (size_t)sw->npoints),
               *y = malloc(sizeof *y * (size_t)sw->npoints);
        if (!x || !y) {
            free(x);
            free(y);
            return tdm_chart_end(path, tmp, -1, err);
        }
        for (long i = 0; i < sw->npoints; i++) {
            x[i] = shown(sw->p[0], sw->x[i]);
            y[i] = sw->y[i * st->nout];
        }
        snprintf(title, sizeof title, "%s against %s", st->out[0], sw->p[0]->name);
        rc = tdm_chart_front(tmp, title, xl, yl, x, y, (int)sw->npoints);
        free(x);
        free(y);
    } else {
        int nx = sw->n[0], ny = sw->n[1];
        double *xs = malloc(sizeof *xs * (size_t)nx), *ys = malloc(sizeof *ys * (size_t)ny);
        double *z = malloc(sizeof *z * (size_t)(nx * ny));
        if (!xs || !ys || !z) {
            free(xs);
            free(ys);
            free(z);
            return tdm_chart_end(path, tmp, -1, err);
        }
        for (int i = 0; i < nx; i++)
            xs[i] = shown(sw->p[0], sw->x[(long)i * ny * sw->np]);
        for (int j = 0; j < ny; j++)
            ys[j] = shown(sw->p[1], sw->x[(long)j * sw->np + 1]);
        for (long i = 0; i < (long)nx * ny; i++)
            z[i] = sw->y[i * st->nout];
        char yl2[200];
        label(yl2, sizeof yl2, sw->p[1]->name, sw->p[1]->unit);
        snprintf(title, sizeof title, "%s", yl);
        rc = tdm_chart_map(tmp, title, xl, yl2, xs, nx, ys, ny, z);
        free(xs);
        free(ys);
        free(z);
    }
    return tdm_chart_end(path, tmp, rc, err);
}

static const char *
dist_name(enum tdm_dist d)
{
    static const char *const names[] = {"fixed", "uniform", "triangular", "normal", "lognormal"};
    return names[d];
}

/* A tornado for programs: a record a parameter, after the output at the file's values
 * ("(base)"); a parameter's ends in its own unit, the output's values in the output's. */
static int
machine_tornado(tdm_emitter *em, const tdm_study *st, int out, const tdm_tornado_row *rows, int n,
                double base)
{
    const char *y = st->out[out], *yu = st->out_unit[out];
    char hlo[200], hhi[200];
    snprintf(hlo, sizeof hlo, "%s_low [%s]", y, yu);
    snprintf(hhi, sizeof hhi, "%s_high [%s]", y, yu);
    const tdm_column cols[] = {
        {"parameter", "parameter", NULL},
        {"distribution", "distribution", NULL},
        {"unit", "unit", NULL},
        {"low", "low", ""},
        {"high", "high", ""},
        {"output_at_low", hlo, yu},
        {"output_at_high", hhi, yu},
        {"swing", "swing", yu},
    };
    tdm_emit_field(em, "flowsheet", tdm_flowsheet_path(st->fs));
    tdm_emit_field(em, "output", y);
    tdm_emit_table(em, "parameters", cols, 8);
    tdm_emit_row(em, (tdm_cell[]){tdm_text_cell("(base)"), tdm_text_cell(""), tdm_text_cell(""),
                                  tdm_num_cell(NAN), tdm_num_cell(NAN), tdm_num_cell(base),
                                  tdm_num_cell(base), tdm_num_cell(0)});
    for (int i = 0; i < n; i++) {
        const tdm_tornado_row *r = &rows[i];
        const char *pu = r->p->unit;
        tdm_emit_row(em,
                     (tdm_cell[]){tdm_text_cell(r->p->name), tdm_text_cell(dist_name(r->p->dist)),
                                  tdm_text_cell(pu), tdm_qty_cell(shown(r->p, r->lo), pu),
                                  tdm_qty_cell(shown(r->p, r->hi), pu), tdm_num_cell(r->y_lo),
                                  tdm_num_cell(r->y_hi), tdm_num_cell(fabs(r->y_hi - r->y_lo))});
    }
    tdm_emit_end_table(em);
    return tdm_emit_end(em);
}

int
tdm_doc_tornado(const tdm_study *st, int out, const tdm_tornado_row *rows, int n, double base,
                tdm_doc **doc, tdm_error *err)
{
    tdm_emitter e;
    tdm_doc *d = tdm_doc_begin(&e);
    return tdm_doc_done(d, d ? machine_tornado(&e, st, out, rows, n, base) : -1, doc, err);
}

int
tdm_report_tornado(FILE *f, enum tdm_format fmt, const tdm_study *st, int out,
                   const tdm_tornado_row *rows, int n, double base)
{
    char a[64], b[64], c[64], d[64], e[64];
    tdm_emitter em;
    if (tdm_emitter_open(&em, fmt, f) == 0) return machine_tornado(&em, st, out, rows, n, base);
    tdm_fmt_number(a, sizeof a, base);
    fprintf(f, "TORNADO of %s on %s: at the file's values %s %s\n", st->out[out],
            tdm_flowsheet_path(st->fs), a, st->out_unit[out]);
    /* the parameter's values in its unit, the output's in the output's (the swing is the
     * output's: it was once printed with the parameter's unit, `4148 $/kWh` for $/t) */
    char at_lo[64], at_hi[64], swing[64];
    snprintf(at_lo, sizeof at_lo, "at low (%s)", st->out_unit[out]);
    snprintf(at_hi, sizeof at_hi, "at high (%s)", st->out_unit[out]);
    snprintf(swing, sizeof swing, "swing (%s)", st->out_unit[out]);
    fprintf(f, "  %-34s %-10s %12s %12s %-7s %14s %14s %14s\n", "parameter", "spread", "low",
            "high", "unit", at_lo, at_hi, swing);
    for (int i = 0; i < n; i++) {
        const tdm_tornado_row *r = &rows[i];
        tdm_fmt_dash(a, sizeof a, shown(r->p, r->lo));
        tdm_fmt_dash(b, sizeof b, shown(r->p, r->hi));
        tdm_fmt_dash(c, sizeof c, r->y_lo);
        tdm_fmt_dash(d, sizeof d, r->y_hi);
        tdm_fmt_dash(e, sizeof e, fabs(r->y_hi - r->y_lo));
        fprintf(f, "  %-34.34s %-10s %12s %12s %-7s %14s %14s %14s\n", r->p->name,
                dist_name(r->p->dist), a, b, r->p->unit[0] ? r->p->unit : "-", c, d, e);
    }
    return ferror(f) ? -1 : 0;
}

int
tdm_report_tornado_chart(const char *path, const tdm_study *st, int out,
                         const tdm_tornado_row *rows, int n, double base, tdm_error *err)
{
    enum { MAXROWS = 20 };
    const char *labels[MAXROWS];
    double lo[MAXROWS], hi[MAXROWS];
    int m = n < MAXROWS ? n : MAXROWS;
    for (int i = 0; i < m; i++) {
        labels[i] = rows[i].p->name;
        lo[i] = rows[i].y_lo;
        hi[i] = rows[i].y_hi;
    }
    char xl[200], title[300], tmp[1100];
    label(xl, sizeof xl, st->out[out], st->out_unit[out]);
    snprintf(title, sizeof title, "What moves %s: each parameter at its low (blue) and high (red)",
             st->out[out]);
    if (tdm_chart_begin(path, tmp, sizeof tmp, err)) return -1;
    return tdm_chart_end(path, tmp, tdm_chart_tornado(tmp, title, xl, labels, lo, hi, m, base),
                         err);
}

/* At most this many parameters in a bar chart of indices or effects: the largest. */
enum { CHART_PARAMS = 16 };

/* The parameters in order of key[j], largest first (NaN last); at most CHART_PARAMS. */
static int
largest(const double *key, int k, int *order)
{
    int n = 0;
    for (int j = 0; j < k; j++)
        order[n++] = j;
    for (int i = 1; i < n; i++) /* insertion sort, stable: a few dozen at most */
        for (int j = i; j > 0; j--) {
            double a = key[order[j]], b = key[order[j - 1]];
            if (!(isfinite(a) && (!isfinite(b) || a > b))) break;
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    return n < CHART_PARAMS ? n : CHART_PARAMS;
}

int
tdm_report_sobol_chart(const char *path, const tdm_study *st, int out, const tdm_param *ps,
                       const tdm_sobol *so, tdm_error *err)
{
    double key[TDM_STUDY_MAX_PARAMS], v[2 * CHART_PARAMS];
    int order[TDM_STUDY_MAX_PARAMS];
    char names[2 * CHART_PARAMS][80];
    const char *labels[2 * CHART_PARAMS];
    for (int j = 0; j < so->k; j++)
        key[j] = so->index[out][j].st;
    int m = largest(key, so->k, order);
    for (int i = 0; i < m; i++) {
        const tdm_sobol_index *x = &so->index[out][order[i]];
        snprintf(names[2 * i], sizeof names[0], "%s S1", ps[order[i]].name);
        snprintf(names[2 * i + 1], sizeof names[0], "%s ST", ps[order[i]].name);
        labels[2 * i] = names[2 * i];
        labels[2 * i + 1] = names[2 * i + 1];
        v[2 * i] = x->s1;
        v[2 * i + 1] = x->st;
    }
    char title[300], tmp[1100];
    snprintf(title, sizeof title,
             "Sobol indices of %s: alone (S1) and with interactions (ST), %ld base samples",
             st->out[out], so->n);
    if (tdm_chart_begin(path, tmp, sizeof tmp, err)) return -1;
    return tdm_chart_end(
        path, tmp, tdm_chart_bars(tmp, title, "share of the variance", labels, v, 2 * m), err);
}

int
tdm_report_morris_chart(const char *path, const tdm_study *st, int out, const tdm_param *ps,
                        const tdm_morris *mo, tdm_error *err)
{
    double key[TDM_STUDY_MAX_PARAMS], v[CHART_PARAMS];
    int order[TDM_STUDY_MAX_PARAMS];
    const char *labels[CHART_PARAMS];
    for (int j = 0; j < mo->k; j++)
        key[j] = mo->effect[out][j].mu_star;
    int m = largest(key, mo->k, order);
    for (int i = 0; i < m; i++) {
        labels[i] = ps[order[i]].name;
        v[i] = mo->effect[out][order[i]].mu_star;
    }
    char title[300], yl[200], tmp[1100];
    snprintf(title, sizeof title, "Morris screening of %s: mu*, the mean size of an input's effect",
             st->out[out]);
    label(yl, sizeof yl, "mu* per the input's range", st->out_unit[out]);
    if (tdm_chart_begin(path, tmp, sizeof tmp, err)) return -1;
    return tdm_chart_end(path, tmp, tdm_chart_bars(tmp, title, yl, labels, v, m), err);
}

/* A Monte Carlo run for programs, written once: one record an output, its statistics in its
 * unit, the Spearman coefficient of each input (one JSON object), and for the first output
 * the target and the probability of being at most it. */
static int
machine_mc(tdm_emitter *e, const tdm_mc *mc, const tdm_mc_summary *s)
{
    /* for programs, written once: one record an output, its statistics in its unit, the
     * Spearman coefficient of each input (one JSON object), and for the first output the
     * target and the probability of being at most it */
    enum { NSTAT = 7, MAXC = 4 + NSTAT + TDM_STUDY_MAX_PARAMS + 2 };
    static const char *const stat[NSTAT] = {"mean", "sd", "p5", "p50", "p95", "min", "max"};
    tdm_column cols[MAXC];
    char keys[TDM_STUDY_MAX_PARAMS][200], heads[TDM_STUDY_MAX_PARAMS][220];
    int nc = 0;
    cols[nc++] = (tdm_column){"output", "output", NULL};
    cols[nc++] = (tdm_column){"unit", "unit", NULL};
    cols[nc++] = (tdm_column){"n", "n", NULL};
    cols[nc++] = (tdm_column){"failed", "failed", NULL};
    for (int i = 0; i < NSTAT; i++)
        cols[nc++] = (tdm_column){stat[i], stat[i], NULL};
    for (int j = 0; j < mc->np && j < TDM_STUDY_MAX_PARAMS; j++) {
        snprintf(keys[j], sizeof keys[j], "spearman/%s", mc->param[j]);
        snprintf(heads[j], sizeof heads[j], "spearman %s", mc->param[j]);
        cols[nc++] = (tdm_column){keys[j], heads[j], NULL};
    }
    cols[nc++] = (tdm_column){"target", "target", NULL};
    cols[nc++] = (tdm_column){"probability_at_most_target", "probability_at_most_target", NULL};
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)mc->seed);
    tdm_emit_field(e, "flowsheet", mc->flowsheet);
    tdm_emit_field_cell(e, "seed", (tdm_cell){.text = seed, .raw = true});
    tdm_emit_field_cell(e, "samples", tdm_num_cell((double)mc->n));
    tdm_emit_field(e, "sampling",
                   mc->sampling == TDM_SAMPLING_LHS     ? "lhs"
                   : mc->sampling == TDM_SAMPLING_SOBOL ? "sobol"
                                                        : "random");
    if (mc->correlations && mc->correlations[0])
        tdm_emit_field(e, "correlations", mc->correlations);
    tdm_emit_table(e, "outputs", cols, nc);
    for (int k = 0; k < mc->nout; k++) {
        const tdm_stats *t = &s->out[k];
        double v[NSTAT] = {t->mean, t->sd, t->p5, t->p50, t->p95, t->min, t->max};
        tdm_cell row[MAXC];
        int c = 0;
        row[c++] = tdm_text_cell(mc->out[k]);
        row[c++] = tdm_text_cell(mc->out_unit[k]);
        row[c++] = tdm_num_cell((double)t->n);
        row[c++] = tdm_num_cell((double)t->failed);
        for (int i = 0; i < NSTAT; i++)
            row[c++] = tdm_num_cell(v[i]);
        for (int j = 0; j < mc->np && j < TDM_STUDY_MAX_PARAMS; j++)
            row[c++] = tdm_num_cell(s->rho[j][k]);
        row[c++] = tdm_num_cell(k == 0 ? s->target : NAN);
        row[c++] = tdm_num_cell(k == 0 ? s->p_below : NAN);
        tdm_emit_row(e, row);
    }
    tdm_emit_end_table(e);
    tdm_emit_field_cell(e, "target", tdm_num_cell(s->target));
    tdm_emit_field_cell(e, "probability_at_most_target", tdm_num_cell(s->p_below));
    return tdm_emit_end(e);
}

int
tdm_doc_mc(const tdm_mc *mc, const tdm_mc_summary *s, const char *const *param_units, tdm_doc **out,
           tdm_error *err)
{
    tdm_emitter e;
    tdm_doc *d = tdm_doc_begin(&e);
    if (!d) return tdm_doc_done(NULL, -1, out, err);
    int rc = machine_mc(&e, mc, s);
    size_t cells = (size_t)mc->count * (size_t)mc->np;
    double *x = param_units ? malloc((cells + 1) * sizeof *x) : NULL;
    if (param_units && !x) rc = -1;
    for (size_t i = 0; x && i < cells; i++)
        x[i] = tdm_quantity_shown(mc->x[i], param_units[i % (size_t)mc->np]);
    if (!rc)
        rc = tdm_doc_array(d, "sample_inputs", x ? x : mc->x, mc->count, mc->np, mc->param,
                           param_units);
    free(x);
    if (!rc)
        rc = tdm_doc_array(d, "sample_outputs", mc->y, mc->count, mc->nout, mc->out, mc->out_unit);
    return tdm_doc_done(d, rc, out, err);
}

int
tdm_report_mc(FILE *f, enum tdm_format fmt, const tdm_mc *mc, const tdm_mc_summary *s)
{
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f) == 0) return machine_mc(&e, mc, s);
    char a[7][64];
    fprintf(f, "MONTE CARLO of %s: %ld samples, seed %llu%s\n", mc->flowsheet, mc->n,
            (unsigned long long)mc->seed,
            mc->sampling == TDM_SAMPLING_LHS     ? ", a Latin hypercube"
            : mc->sampling == TDM_SAMPLING_SOBOL ? ", Sobol's sequence (digitally shifted)"
                                                 : "");
    if (mc->correlations && mc->correlations[0])
        fprintf(f, "  rank correlations imposed (A~B=rho): %s\n", mc->correlations);
    /* names in full, their columns as wide as the longest (a name cut at 28 characters could
     * end in a word it does not hold) */
    int wo = 28, wp = 34, wk[TDM_STUDY_MAX_OUTPUTS];
    for (int k = 0; k < mc->nout; k++) {
        if ((int)strlen(mc->out[k]) > wo) wo = (int)strlen(mc->out[k]);
        wk[k] = (int)strlen(mc->out[k]) > 16 ? (int)strlen(mc->out[k]) : 16;
    }
    for (int j = 0; j < mc->np; j++)
        if ((int)strlen(mc->param[j]) > wp) wp = (int)strlen(mc->param[j]);
    fprintf(f, "  %-*s %10s %10s %10s %10s %10s   %s\n", wo, "output", "mean", "sd", "p5", "p50",
            "p95", "");
    for (int k = 0; k < mc->nout; k++) {
        const tdm_stats *t = &s->out[k];
        double v[] = {t->mean, t->sd, t->p5, t->p50, t->p95};
        for (int i = 0; i < 5; i++)
            tdm_fmt_dash(a[i], sizeof a[i], v[i]);
        fprintf(f, "  %-*s %10s %10s %10s %10s %10s   %s", wo, mc->out[k], a[0], a[1], a[2], a[3],
                a[4], mc->out_unit[k]);
        /* not solved, or a figure undefined there (an abatement cost where nothing is
         * avoided) */
        if (t->failed)
            fprintf(f, "  (%ld sample%s without a value)", t->failed, t->failed == 1 ? "" : "s");
        fputc('\n', f);
    }
    if (isfinite(s->target)) {
        /* no sample solved: no probability (it printed "nan %") */
        tdm_fmt_number(a[0], sizeof a[0], s->target);
        if (isfinite(s->p_below))
            snprintf(a[1], sizeof a[1], "%.1f %%", 100 * s->p_below);
        else
            snprintf(a[1], sizeof a[1], "- (no sample solved)");
        fprintf(f, "  probability that %s is at most %s %s: %s\n", mc->out[0], a[0],
                mc->out_unit[0], a[1]);
    }
    if (mc->np) {
        fprintf(f, "\n  Spearman rank correlation of each input with each output\n  %-*s", wp,
                "input");
        for (int k = 0; k < mc->nout; k++)
            fprintf(f, " %*s", wk[k], mc->out[k]);
        fputc('\n', f);
        for (int j = 0; j < mc->np; j++) {
            fprintf(f, "  %-*s", wp, mc->param[j]);
            for (int k = 0; k < mc->nout; k++) {
                tdm_fmt_dash(a[0], sizeof a[0], s->rho[j][k]);
                fprintf(f, " %*s", wk[k], a[0]);
            }
            fputc('\n', f);
        }
    }
    return ferror(f) ? -1 : 0;
}

int
tdm_report_mc_chart(const char *path, const tdm_mc *mc, tdm_error *err)
{
    double *v = malloc(sizeof *v * (size_t)(mc->count > 0 ? mc->count : 1));
    if (!v) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    for (long i = 0; i < mc->count; i++)
        v[i] = mc->y[i * mc->nout];
    char xl[200], title[300], tmp[1100];
    label(xl, sizeof xl, mc->out[0], mc->out_unit[0]);
    snprintf(title, sizeof title, "Monte Carlo: %s over %ld samples", mc->out[0], mc->count);
    int bins = mc->count < 400 ? 10 : mc->count < 10000 ? 30 : 60;
    int rc = tdm_chart_begin(path, tmp, sizeof tmp, err);
    if (!rc)
        rc = tdm_chart_end(path, tmp, tdm_chart_histogram(tmp, title, xl, v, mc->count, bins), err);
    free(v);
    return rc;
}

/* A goal for programs: a record an answer, the parameter's value in its unit, then every
 * output. */
static int
machine_goal(tdm_emitter *e, const tdm_study *st, const tdm_goal *g)
{
    const tdm_param *p = g->p;
    const char *y = st->out[g->out], *yu = st->out_unit[g->out];
    enum { MAXC = 2 + TDM_STUDY_MAX_OUTPUTS };
    tdm_column cols[MAXC];
    char heads[MAXC][200];
    int nc = 0;
    snprintf(heads[nc], sizeof heads[nc], "%s [%s]", p->name, p->unit);
    cols[nc] = (tdm_column){p->name, heads[nc], p->unit};
    nc++;
    cols[nc++] = (tdm_column){"direction", "direction", NULL};
    for (int k = 0; k < st->nout; k++) {
        snprintf(heads[nc], sizeof heads[nc], "%s [%s]", st->out[k], st->out_unit[k]);
        cols[nc] = (tdm_column){st->out[k], heads[nc], st->out_unit[k]};
        nc++;
    }
    tdm_emit_field(e, "flowsheet", tdm_flowsheet_path(st->fs));
    tdm_emit_field(e, "parameter", p->name);
    tdm_emit_field(e, "output", y);
    tdm_emit_field_cell(e, "target", tdm_qty_cell(g->target, yu));
    tdm_emit_field_cell(e, "lowest", tdm_qty_cell(g->lowest, yu));
    tdm_emit_field_cell(e, "highest", tdm_qty_cell(g->highest, yu));
    tdm_emit_field_cell(e, "solves", tdm_num_cell((double)g->evaluations));
    tdm_emit_field_cell(e, "failed", tdm_num_cell((double)g->failed));
    tdm_emit_table(e, "answers", cols, nc);
    for (int i = 0; i < g->n; i++) {
        tdm_cell row[MAXC];
        int c = 0;
        row[c++] = tdm_num_cell(shown(p, g->x[i]));
        row[c++] = tdm_text_cell(g->rising[i] ? "rising" : "falling");
        for (int k = 0; k < st->nout; k++)
            row[c++] = tdm_num_cell(g->y[i][k]);
        tdm_emit_row(e, row);
    }
    tdm_emit_end_table(e);
    return tdm_emit_end(e);
}

int
tdm_doc_goal(const tdm_study *st, const tdm_goal *g, tdm_doc **out, tdm_error *err)
{
    tdm_emitter e;
    tdm_doc *d = tdm_doc_begin(&e);
    return tdm_doc_done(d, d ? machine_goal(&e, st, g) : -1, out, err);
}

int
tdm_report_goal(FILE *f, enum tdm_format fmt, const tdm_study *st, const tdm_goal *g)
{
    const tdm_param *p = g->p;
    const char *y = st->out[g->out], *yu = st->out_unit[g->out];
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f) == 0) return machine_goal(&e, st, g);
    char a[64], b[64], c[64];
    tdm_fmt_number(a, sizeof a, g->target);
    tdm_fmt_number(b, sizeof b, shown(p, g->lo));
    tdm_fmt_number(c, sizeof c, shown(p, g->hi));
    fprintf(f, "GOAL: %s = %s %s by %s from %s to %s %s\n", y, a, yu, p->name, b, c, p->unit);
    if (g->n == 0) {
        tdm_fmt_dash(a, sizeof a, g->lowest);
        tdm_fmt_dash(b, sizeof b, g->highest);
        fprintf(f, "  not met in the range: %s runs from %s to %s %s there", y, a, b, yu);
        if (g->failed)
            fprintf(f, " (%ld point%s cannot be solved)", g->failed, g->failed == 1 ? "" : "s");
        fputs("\n", f);
        return ferror(f) ? -1 : 0;
    }
    for (int i = 0; i < g->n; i++) {
        tdm_fmt_number(a, sizeof a, shown(p, g->x[i]));
        fprintf(f, "  %s %s = %s %s (%s %s through the target)\n", i ? "and at" : "met at", p->name,
                a, p->unit, y, g->rising[i] ? "rising" : "falling");
        for (int k = 0; k < st->nout; k++) {
            tdm_fmt_dash(b, sizeof b, g->y[i][k]);
            fprintf(f, "    %-34s %12s %s\n", st->out[k], b, st->out_unit[k]);
        }
    }
    fprintf(f, "  %ld solves", g->evaluations);
    if (g->failed)
        fprintf(f, "; %ld point%s of the scan cannot be solved", g->failed,
                g->failed == 1 ? "" : "s");
    fputs("\n", f);
    return ferror(f) ? -1 : 0;
}

int
tdm_report_goal_boundary(FILE *f, enum tdm_format fmt, const tdm_study *st, const tdm_goal *g,
                         const tdm_goal_boundary *b)
{
    const tdm_param *p = g->p, *q = b->q;
    const char *y = st->out[g->out], *yu = st->out_unit[g->out];
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f) == 0) {
        /* a record an answer: the second parameter's value, the first's that meets the target */
        char hq[200], hp[200];
        snprintf(hq, sizeof hq, "%s [%s]", q->name, q->unit);
        snprintf(hp, sizeof hp, "%s [%s]", p->name, p->unit);
        const tdm_column cols[] = {
            {q->name, hq, q->unit}, {p->name, hp, p->unit}, {"direction", "direction", NULL}};
        tdm_emit_field(&e, "flowsheet", tdm_flowsheet_path(st->fs));
        tdm_emit_field(&e, "parameter", p->name);
        tdm_emit_field(&e, "across", q->name);
        tdm_emit_field(&e, "output", y);
        tdm_emit_field_cell(&e, "target", tdm_qty_cell(g->target, yu));
        tdm_emit_field_cell(&e, "solves", tdm_num_cell((double)b->evaluations));
        tdm_emit_field_cell(&e, "failed", tdm_num_cell((double)b->failed));
        tdm_emit_table(&e, "boundary", cols, 3);
        for (int i = 0; i < b->n; i++)
            for (int k = 0; k < b->m[i]; k++) {
                size_t at = (size_t)i * TDM_GOAL_MAX + (size_t)k;
                tdm_cell row[3] = {tdm_num_cell(shown(q, b->qx[i])),
                                   tdm_num_cell(shown(p, b->x[at])),
                                   tdm_text_cell(b->rising[at] ? "rising" : "falling")};
                tdm_emit_row(&e, row);
            }
        tdm_emit_end_table(&e);
        return tdm_emit_end(&e);
    }
    char a[64], c[64], d[64];
    tdm_fmt_number(a, sizeof a, g->target);
    tdm_fmt_number(c, sizeof c, shown(p, g->lo));
    tdm_fmt_number(d, sizeof d, shown(p, g->hi));
    fprintf(f, "GOAL BOUNDARY: %s = %s %s by %s from %s to %s %s, across %s\n", y, a, yu, p->name,
            c, d, p->unit, q->name);
    int w = (int)strlen(q->name) + (int)strlen(q->unit) + 3;
    if (w < 12) w = 12;
    char hq[200];
    snprintf(hq, sizeof hq, "%s [%s]", q->name, q->unit);
    fprintf(f, "  %-*s  %s [%s] where the target is met\n", w, hq, p->name, p->unit);
    for (int i = 0; i < b->n; i++) {
        tdm_fmt_number(a, sizeof a, shown(q, b->qx[i]));
        fprintf(f, "  %-*s  ", w, a);
        if (b->m[i] == 0) fputs("not met in the range", f);
        for (int k = 0; k < b->m[i]; k++) {
            size_t at = (size_t)i * TDM_GOAL_MAX + (size_t)k;
            tdm_fmt_number(c, sizeof c, shown(p, b->x[at]));
            fprintf(f, "%s%s (%s %s)", k ? ", " : "", c, y, b->rising[at] ? "rising" : "falling");
        }
        fputc('\n', f);
    }
    fprintf(f, "  %ld solves", b->evaluations);
    if (b->failed)
        fprintf(f, "; %ld point%s of the scans cannot be solved", b->failed,
                b->failed == 1 ? "" : "s");
    fputs("\n", f);
    return ferror(f) ? -1 : 0;
}

int
tdm_report_goal_boundary_chart(const char *path, const tdm_study *st, const tdm_goal *g,
                               const tdm_goal_boundary *b, tdm_error *err)
{
    /* the boundary as one line: the first answers in the order of q, the second back, the
     * third forward again..., so that two branches (a target met twice) join at their ends */
    enum { MAXPTS = 512 };
    double x[MAXPTS], yv[MAXPTS];
    int n = 0;
    for (int k = 0; k < TDM_GOAL_MAX; k++)
        for (int j = 0; j < b->n && n < MAXPTS; j++) {
            int i = k % 2 ? b->n - 1 - j : j;
            if (k >= b->m[i]) continue;
            x[n] = shown(b->q, b->qx[i]);
            yv[n++] = shown(g->p, b->x[(size_t)i * TDM_GOAL_MAX + (size_t)k]);
        }
    if (n == 0)
        return tdm_errorf(err, TDM_ESOLVE, NULL, 0,
                          "the target is met nowhere in the ranges: no boundary to draw");
    char xl[200], yl[200], title[300], tmp[1100];
    label(xl, sizeof xl, b->q->name, b->q->unit);
    label(yl, sizeof yl, g->p->name, g->p->unit);
    char a[64];
    tdm_fmt_number(a, sizeof a, g->target);
    snprintf(title, sizeof title, "Where %s = %s %s", st->out[g->out], a, st->out_unit[g->out]);
    if (tdm_chart_begin(path, tmp, sizeof tmp, err)) return -1;
    return tdm_chart_end(path, tmp, tdm_chart_front(tmp, title, xl, yl, x, yv, n), err);
}

/* Sobol indices for programs: a record an output and a parameter. */
static int
machine_sobol(tdm_emitter *e, const tdm_study *st, const tdm_param *ps, const tdm_sobol *so)
{
    static const tdm_column cols[] = {
        {"output", "output", NULL}, {"parameter", "parameter", NULL}, {"s1", "S1", NULL},
        {"s1_low", "S1_low", NULL}, {"s1_high", "S1_high", NULL},     {"st", "ST", NULL},
        {"st_low", "ST_low", NULL}, {"st_high", "ST_high", NULL},
    };
    char seed[32];
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)so->seed);
    tdm_emit_field(e, "flowsheet", tdm_flowsheet_path(st->fs));
    tdm_emit_field_cell(e, "seed", (tdm_cell){.text = seed, .raw = true});
    tdm_emit_field_cell(e, "samples", tdm_num_cell((double)so->n));
    tdm_emit_field_cell(e, "solves", tdm_num_cell((double)so->evaluations));
    tdm_emit_field_cell(e, "failed", tdm_num_cell((double)so->failed));
    tdm_emit_table(e, "indices", cols, 8);
    for (int o = 0; o < so->nout; o++)
        for (int i = 0; i < so->k; i++) {
            const tdm_sobol_index *x = &so->index[o][i];
            tdm_emit_row(e, (tdm_cell[]){tdm_text_cell(st->out[o]), tdm_text_cell(ps[i].name),
                                         tdm_num_cell(x->s1), tdm_num_cell(x->s1_lo),
                                         tdm_num_cell(x->s1_hi), tdm_num_cell(x->st),
                                         tdm_num_cell(x->st_lo), tdm_num_cell(x->st_hi)});
        }
    tdm_emit_end_table(e);
    return tdm_emit_end(e);
}

int
tdm_doc_sobol(const tdm_study *st, const tdm_param *ps, const tdm_sobol *so, tdm_doc **out,
              tdm_error *err)
{
    tdm_emitter e;
    tdm_doc *d = tdm_doc_begin(&e);
    return tdm_doc_done(d, d ? machine_sobol(&e, st, ps, so) : -1, out, err);
}

int
tdm_report_sobol(FILE *f, enum tdm_format fmt, const tdm_study *st, const tdm_param *ps,
                 const tdm_sobol *so)
{
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f) == 0) return machine_sobol(&e, st, ps, so);
    fprintf(f, "SOBOL INDICES of %s: %ld base samples, seed %llu, %ld solves",
            tdm_flowsheet_path(st->fs), so->n, (unsigned long long)so->seed, so->evaluations);
    if (so->failed) fprintf(f, " (%ld cannot be solved: their rows left out)", so->failed);
    fputs("\n", f);
    int w = 34;
    for (int i = 0; i < so->k; i++)
        if ((int)strlen(ps[i].name) > w) w = (int)strlen(ps[i].name);
    for (int o = 0; o < so->nout; o++) {
        fprintf(f, "\n  %s (%s)\n  %-*s %8s %17s %8s %17s\n", st->out[o], st->out_unit[o], w,
                "parameter", "S1", "95 % interval", "ST", "95 % interval");
        for (int i = 0; i < so->k; i++) {
            const tdm_sobol_index *x = &so->index[o][i];
            char a[4][32];
            snprintf(a[0], sizeof a[0], "%.3f", x->s1);
            snprintf(a[1], sizeof a[1], "%.3f .. %.3f", x->s1_lo, x->s1_hi);
            snprintf(a[2], sizeof a[2], "%.3f", x->st);
            snprintf(a[3], sizeof a[3], "%.3f .. %.3f", x->st_lo, x->st_hi);
            fprintf(f, "  %-*s %8s %17s %8s %17s\n", w, ps[i].name, a[0],
                    isfinite(x->s1_lo) ? a[1] : "-", a[2], isfinite(x->st_lo) ? a[3] : "-");
        }
    }
    return ferror(f) ? -1 : 0;
}

int
tdm_report_morris(FILE *f, enum tdm_format fmt, const tdm_study *st, const tdm_param *ps,
                  const tdm_morris *m)
{
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f) == 0) {
        /* a record an output and a parameter, the effects in the output's unit */
        static const tdm_column cols[] = {
            {"output", "output", NULL},   {"parameter", "parameter", NULL},
            {"unit", "unit", NULL},       {"mu_star", "mu_star", NULL},
            {"mu", "mu", NULL},           {"sigma", "sigma", NULL},
            {"effects", "effects", NULL},
        };
        char seed[32];
        snprintf(seed, sizeof seed, "%llu", (unsigned long long)m->seed);
        tdm_emit_field(&e, "flowsheet", tdm_flowsheet_path(st->fs));
        tdm_emit_field_cell(&e, "seed", (tdm_cell){.text = seed, .raw = true});
        tdm_emit_field_cell(&e, "trajectories", tdm_num_cell(m->trajectories));
        tdm_emit_field_cell(&e, "levels", tdm_num_cell(m->levels));
        tdm_emit_field_cell(&e, "solves", tdm_num_cell((double)m->evaluations));
        tdm_emit_field_cell(&e, "failed", tdm_num_cell((double)m->failed));
        tdm_emit_table(&e, "effects", cols, 7);
        for (int o = 0; o < m->nout; o++)
            for (int i = 0; i < m->k; i++) {
                const tdm_morris_effect *x = &m->effect[o][i];
                tdm_emit_row(&e, (tdm_cell[]){tdm_text_cell(st->out[o]), tdm_text_cell(ps[i].name),
                                              tdm_text_cell(st->out_unit[o]),
                                              tdm_num_cell(x->mu_star), tdm_num_cell(x->mu),
                                              tdm_num_cell(x->sigma), tdm_num_cell((double)x->n)});
            }
        tdm_emit_end_table(&e);
        return tdm_emit_end(&e);
    }
    fprintf(f, "MORRIS EFFECTS of %s: %d trajectories on %d levels, seed %llu, %ld solves",
            tdm_flowsheet_path(st->fs), m->trajectories, m->levels, (unsigned long long)m->seed,
            m->evaluations);
    if (m->failed) fprintf(f, " (%ld cannot be solved: their effects left out)", m->failed);
    fputs("\n", f);
    int w = 34;
    for (int i = 0; i < m->k; i++)
        if ((int)strlen(ps[i].name) > w) w = (int)strlen(ps[i].name);
    for (int o = 0; o < m->nout; o++) {
        fprintf(f, "\n  %s (%s per the whole of each parameter's range)\n  %-*s %12s %12s %12s\n",
                st->out[o], st->out_unit[o], w, "parameter", "mu*", "mu", "sigma");
        for (int i = 0; i < m->k; i++) {
            const tdm_morris_effect *x = &m->effect[o][i];
            char a[3][64];
            tdm_fmt_dash(a[0], sizeof a[0], x->mu_star);
            tdm_fmt_dash(a[1], sizeof a[1], x->mu);
            tdm_fmt_dash(a[2], sizeof a[2], x->sigma);
            fprintf(f, "  %-*s %12s %12s %12s\n", w, ps[i].name, a[0], a[1], a[2]);
        }
    }
    return ferror(f) ? -1 : 0;
}
