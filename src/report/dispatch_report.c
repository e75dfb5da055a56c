/* Reports of a dispatch (tandem/dispatch.h): text; JSON (the summary, stages, storages and
 * the plan, a record a period); CSV (a row a period: price, intensity, power, each stage's load,
 * each storage's level). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <stdlib.h>

#include "charts.h"
#include "emit.h"
#include "tandem/dispatch.h"
#include "tandem/report.h"

static const char *
objective_name(const tdm_dispatch *d)
{
    if (d->objective == TDM_DISPATCH_EMISSIONS) return "least emissions per tonne";
    return d->carbon_price > 0 ? "least levelized cost with a carbon price"
                               : "least levelized cost";
}

static void
case_row(FILE *f, const char *label, double a, double b, double c, const char *unit)
{
    char x[64], y[64], z[64];
    tdm_fmt_dash(x, sizeof x, a);
    tdm_fmt_dash(y, sizeof y, b);
    tdm_fmt_dash(z, sizeof z, c);
    fprintf(f, "  %-30s %12s %12s %12s  %s\n", label, x, y, z, unit);
}

static int
text(FILE *f, const tdm_dispatch *d)
{
    const tdm_profile *p = d->profile;
    fprintf(f, "DISPATCH on %s: %d periods of %g h\n  source: %s\n  objective: %s", p->path, p->n,
            p->dt / 3600, p->source, objective_name(d));
    if (d->carbon_price > 0) fprintf(f, " (%g $/t CO2e)", d->carbon_price * 1000);
    fprintf(f, "\n  the year's product as the plant running flat: %.6g t\n\n", d->product_t);
    const tdm_dispatch_case *bc = &d->best, *sc = &d->steady, *c = &d->flat;
    fprintf(f, "  %-30s %12s %12s %12s\n", "", "dispatched", "steady", "design");
    case_row(f, "levelized cost", bc->lcop, sc->lcop, c->lcop, "$/t");
    case_row(f, "  capital", bc->capital, sc->capital, c->capital, "$/t");
    case_row(f, "  electricity", bc->electricity, sc->electricity, c->electricity, "$/t");
    case_row(f, "  other operating and fixed", bc->other, sc->other, c->other, "$/t");
    case_row(f, "emissions, cradle to gate", bc->emissions, sc->emissions, c->emissions,
             "kg CO2e/kg");
    case_row(f, "electricity", bc->energy, sc->energy, c->energy, "kWh/kg");
    case_row(f, "mean price paid", bc->mean_price * 1000, sc->mean_price * 1000,
             c->mean_price * 1000, "$/MWh");
    fprintf(f, "  (steady: the best constant loads and sizes, at the mean price; design: the\n"
               "  flowsheet's plant at its design load, every period)\n");
    if (!sc->feasible) fprintf(f, "  steady operation cannot run on this supply: %s\n", sc->why);
    if (!c->feasible) fprintf(f, "  the design plant cannot run on this supply: %s\n", c->why);
    fprintf(f, "\nSTAGES (load: a fraction of the design current density)\n");
    fprintf(f, "  %-16s %12s %12s %9s %11s %9s %9s %12s\n", "stage", "design", "installed",
            "x design", "loads", "mean load", "cap. fac.", "capital M$");
    for (int s = 0; s < d->nstages; s++) {
        const tdm_dispatch_stage *S = &d->stages[s];
        char range[32], x1[32], x2[32];
        snprintf(range, sizeof range, "%g-%g", S->must_run ? S->min_load : 0, S->max_load);
        tdm_fmt_dash(x1, sizeof x1, S->design);
        tdm_fmt_dash(x2, sizeof x2, S->size);
        fprintf(f, "  %-16.16s %12s %12s %9.3f %11s %9.3f %9.3f %12.4g\n", S->name, x1, x2,
                S->design > 0 ? S->size / S->design : NAN, range, S->mean_load, S->capacity_factor,
                S->capital / 1e6);
        if (S->lead < 0) fprintf(f, "    (measured by its flow: it has no cell)\n");
    }
    fprintf(f, "  (design and installed: the lead cell's area, m2)\n");
    if (d->nstores) {
        fprintf(f, "\nSTORAGE\n  %-16s %10s %14s %14s %12s\n", "storage", "capacity t",
                "hours of flow", "compressor kW", "capital M$");
        for (int b = 0; b < d->nstores; b++) {
            const tdm_dispatch_store *B = &d->stores[b];
            fprintf(f, "  %-16.16s %10.4g %14.4g %14.4g %12.4g\n", B->name, B->capacity_kg / 1000,
                    B->capacity_h, B->compressor_w / 1000, B->capital / 1e6);
        }
    }
    fprintf(f, "\n  the LP: %d rows, %d columns; %d solves\n", d->lp_rows, d->lp_cols,
            d->iterations);
    return ferror(f) ? -1 : 0;
}

static void
emit_case(tdm_emitter *e, const char *key, const tdm_dispatch_case *c)
{
    tdm_emit_open(e, key, TDM_MAP);
    tdm_emit_value(e, "feasible", NULL, tdm_bool_cell(c->feasible));
    if (!c->feasible) tdm_emit_text(e, "why", c->why);
    tdm_emit_qty(e, "levelized_cost", c->lcop, "$/t");
    tdm_emit_qty(e, "capital", c->capital, "$/t");
    tdm_emit_qty(e, "electricity", c->electricity, "$/t");
    tdm_emit_qty(e, "other", c->other, "$/t");
    tdm_emit_qty(e, "emissions", c->emissions, "kg/kg");
    tdm_emit_qty(e, "energy", c->energy, "kWh/kg");
    tdm_emit_qty(e, "mean_price", c->mean_price * 1000, "$/MWh");
    tdm_emit_close(e);
}

static int
json(FILE *f, const tdm_dispatch *d)
{
    tdm_emitter e;
    if (tdm_emitter_open(&e, TDM_FMT_JSON, f)) return -1;
    const tdm_profile *p = d->profile;
    tdm_emit_text(&e, "profile", p->path);
    tdm_emit_text(&e, "source", p->source);
    tdm_emit_num(&e, "periods", p->n);
    tdm_emit_qty(&e, "period", p->dt / 3600, "h");
    tdm_emit_text(&e, "objective", objective_name(d));
    tdm_emit_qty(&e, "carbon_price", d->carbon_price * 1000, "$/t");
    tdm_emit_qty(&e, "product", d->product_t, "t/yr");
    emit_case(&e, "dispatched", &d->best);
    emit_case(&e, "steady", &d->steady);
    emit_case(&e, "design", &d->flat);
    tdm_emit_open(&e, "stages", TDM_LIST);
    for (int s = 0; s < d->nstages; s++) {
        const tdm_dispatch_stage *S = &d->stages[s];
        tdm_emit_open(&e, NULL, TDM_MAP);
        tdm_emit_text(&e, "name", S->name);
        tdm_emit_qty(&e, "design", S->design, S->lead >= 0 ? "m2" : "");
        tdm_emit_qty(&e, "installed", S->size, S->lead >= 0 ? "m2" : "");
        tdm_emit_num(&e, "min_load", S->must_run ? S->min_load : 0);
        tdm_emit_num(&e, "max_load", S->max_load);
        tdm_emit_num(&e, "mean_load", S->mean_load);
        tdm_emit_num(&e, "capacity_factor", S->capacity_factor);
        tdm_emit_qty(&e, "capital", S->capital, "$");
        tdm_emit_open(&e, "loads", TDM_LIST | TDM_INLINE);
        for (int k = 0; k < S->nlevels; k++)
            tdm_emit_num(&e, NULL, S->level[k]);
        tdm_emit_close(&e);
        tdm_emit_close(&e);
    }
    tdm_emit_close(&e);
    tdm_emit_open(&e, "storage", TDM_LIST);
    for (int b = 0; b < d->nstores; b++) {
        const tdm_dispatch_store *B = &d->stores[b];
        tdm_emit_open(&e, NULL, TDM_MAP);
        tdm_emit_text(&e, "name", B->name);
        tdm_emit_text(&e, "from", d->stages[B->from].name);
        tdm_emit_text(&e, "to", d->stages[B->to].name);
        tdm_emit_qty(&e, "capacity", B->capacity_kg / 1000, "t");
        tdm_emit_qty(&e, "hours_of_flow", B->capacity_h, "h");
        tdm_emit_qty(&e, "compressor", B->compressor_w / 1000, "kW");
        tdm_emit_qty(&e, "capital", B->capital, "$");
        tdm_emit_close(&e);
    }
    tdm_emit_close(&e);
    tdm_emit_open(&e, "plan", TDM_LIST);
    for (int t = 0; t < p->n; t++) {
        tdm_emit_open(&e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_num(&e, "line", p->line[t]);
        tdm_emit_num(&e, "weight", d->weight[t]);
        tdm_emit_value(&e, "price", NULL, tdm_bare_qty_cell(p->price[t] * 3.6e9, "$/MWh"));
        tdm_emit_value(&e, "power", NULL, tdm_bare_qty_cell(d->power[t] / 1e6, "MW"));
        tdm_emit_open(&e, "load", TDM_LIST | TDM_INLINE);
        for (int s = 0; s < d->nstages; s++)
            tdm_emit_num(&e, NULL, d->stages[s].load[t]);
        tdm_emit_close(&e);
        tdm_emit_open(&e, "stored", TDM_LIST | TDM_INLINE);
        for (int b = 0; b < d->nstores; b++)
            tdm_emit_num(&e, NULL,
                         d->stores[b].capacity > 0 ? d->stores[b].level[t] / d->stores[b].capacity *
                                                         d->stores[b].capacity_kg / 1000
                                                   : 0);
        tdm_emit_close(&e);
        tdm_emit_close(&e);
    }
    tdm_emit_close(&e);
    return tdm_emit_end(&e);
}

static int
csv(FILE *f, const tdm_dispatch *d)
{
    const tdm_profile *p = d->profile;
    fprintf(f, "period,line,price ($/MWh),intensity (kg/MWh),power (MW)");
    for (int s = 0; s < d->nstages; s++)
        fprintf(f, ",load %s", d->stages[s].name);
    for (int b = 0; b < d->nstores; b++)
        fprintf(f, ",stored %s (t)", d->stores[b].name);
    fprintf(f, "\n");
    for (int t = 0; t < p->n; t++) {
        fprintf(f, "%d,%d,%.10g,", t + 1, p->line[t], p->price[t] * 3.6e9);
        if (p->intensity) fprintf(f, "%.10g", p->intensity[t] * 3.6e9);
        fprintf(f, ",%.10g", d->power[t] / 1e6);
        for (int s = 0; s < d->nstages; s++)
            fprintf(f, ",%.10g", d->stages[s].load[t]);
        for (int b = 0; b < d->nstores; b++) {
            const tdm_dispatch_store *B = &d->stores[b];
            fprintf(f, ",%.10g",
                    B->capacity > 0 ? B->level[t] / B->capacity * B->capacity_kg / 1000 : 0);
        }
        fprintf(f, "\n");
    }
    return ferror(f) ? -1 : 0;
}

int
tdm_report_dispatch(FILE *f, enum tdm_format fmt, const tdm_dispatch *d)
{
    switch (fmt) {
    case TDM_FMT_JSON:
        return json(f, d);
    case TDM_FMT_CSV:
        return csv(f, d);
    default:
        return text(f, d);
    }
}

static int
cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

int
tdm_report_dispatch_week(const char *path, const tdm_dispatch *d, int week, tdm_error *err)
{
    const tdm_profile *p = d->profile;
    int per = (int)lround(7 * 86400 / p->dt), t0 = week * per;
    if (per < 2 || t0 < 0 || t0 >= p->n)
        return tdm_errorf(err, TDM_EINPUT, path, 0,
                          "the profile has %d periods of %g h: no week %d (%d periods from %d)",
                          p->n, p->dt / 3600, week, per, t0);
    int n = t0 + per <= p->n ? per : p->n - t0;
    int ns = d->nstages + d->nstores + 1;
    if (ns > 8) ns = 8;
    double *x = malloc((size_t)n * sizeof *x), *y = malloc((size_t)n * ns * sizeof *y);
    const char *names[8];
    char buf[8][96];
    if (!x || !y) {
        free(x);
        free(y);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    double pmax = 0;
    for (int i = 0; i < n; i++)
        pmax = fmax(pmax, fabs(p->price[t0 + i]));
    int s = 0;
    for (int k = 0; k < d->nstages && s < ns - 1; k++, s++) {
        snprintf(buf[s], sizeof buf[s], "load %s", d->stages[k].name);
        for (int i = 0; i < n; i++)
            y[s * n + i] = d->stages[k].load[t0 + i];
    }
    for (int b = 0; b < d->nstores && s < ns - 1; b++, s++) {
        snprintf(buf[s], sizeof buf[s], "%s full", d->stores[b].name);
        for (int i = 0; i < n; i++)
            y[s * n + i] =
                d->stores[b].capacity > 0 ? d->stores[b].level[t0 + i] / d->stores[b].capacity : 0;
    }
    snprintf(buf[s], sizeof buf[s], "price / %.4g $/MWh", pmax * 3.6e9);
    for (int i = 0; i < n; i++) {
        x[i] = i * p->dt / 3600;
        y[s * n + i] = pmax > 0 ? p->price[t0 + i] / pmax : 0;
    }
    s++;
    for (int k = 0; k < s; k++)
        names[k] = buf[k];
    char title[200];
    if (d->profile != d->full)
        snprintf(title, sizeof title, "Dispatch: typical days %d to %d", t0 / (per / 7) + 1,
                 (t0 + n - 1) / (per / 7) + 1);
    else
        snprintf(title, sizeof title, "Dispatch: week %d", week + 1);
    char tmp[1100];
    int rc = tdm_chart_begin(path, tmp, sizeof tmp, err);
    if (rc == 0)
        rc = tdm_chart_end(
            path, tmp,
            tdm_chart_lines(tmp, title, "hour", "load, fraction full, price", x, n, y, names, s),
            err);
    free(x);
    free(y);
    return rc;
}

int
tdm_report_dispatch_duration(const char *path, const tdm_dispatch *d, tdm_error *err)
{
    const tdm_profile *p = d->profile;
    long n = 0;
    for (int t = 0; t < p->n; t++)
        n += lround(d->weight[t]);
    int ns = d->nstages < 8 ? d->nstages : 8;
    if (n < 2 || ns < 1) return tdm_errorf(err, TDM_EINPUT, path, 0, "nothing to draw");
    double *x = malloc((size_t)n * sizeof *x), *y = malloc((size_t)n * ns * sizeof *y);
    if (!x || !y) {
        free(x);
        free(y);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    const char *names[8];
    for (int s = 0; s < ns; s++) {
        long i = 0;
        for (int t = 0; t < p->n; t++)
            for (long w = lround(d->weight[t]); w > 0; w--)
                y[s * n + i++] = d->stages[s].load[t];
        qsort(y + s * n, (size_t)n, sizeof *y, cmp_desc);
        names[s] = d->stages[s].name;
    }
    for (long i = 0; i < n; i++)
        x[i] = (double)i * p->dt / 3600;
    char tmp[1100];
    int rc = tdm_chart_begin(path, tmp, sizeof tmp, err);
    if (rc == 0)
        rc = tdm_chart_end(path, tmp,
                           tdm_chart_lines(tmp, "Load duration: each stage's load, highest first",
                                           "hours of the profile at or above it",
                                           "load (of the design current density)", x, (int)n, y,
                                           names, ns),
                           err);
    free(x);
    free(y);
    return rc;
}
