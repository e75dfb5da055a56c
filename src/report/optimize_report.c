/* Reports of an optimization: what was chosen, what binds, what each fixed specification
 * and each explained parameter is worth; then the plant summary at the optimum. Text, CSV
 * and JSON. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charts.h"
#include "emit.h"
#include "tandem/doc.h"
#include "writers.h"

#include "tandem/optimize.h"
#include "tandem/quantity.h"
#include "tandem/report.h"

static const char *
sense(const tdm_optimum *o)
{
    return tdm_objective_get(o->objective)->maximize ? "raise" : "lower";
}

/* "each t/day more lowers it by 0.012 GJ/t" from a derivative d(objective)/d(value). */
static void
worth(char *buf, size_t n, const tdm_optimum *o, double d, const char *unit, bool more)
{
    char a[64];
    double gain = tdm_objective_get(o->objective)->maximize ? d : -d;
    if (!more) gain = -gain;
    tdm_fmt_number(a, sizeof a, fabs(gain));
    if (!isfinite(d) || fabs(d) < 1e-12) {
        snprintf(buf, n, "no effect at the margin");
        return;
    }
    snprintf(buf, n, "each %s%s %s would %s the %s by %s %s", unit[0] ? "" : "0.01 of ",
             unit[0] ? unit : "it", more ? "more" : "less",
             gain > 0 ? sense(o) : (tdm_objective_get(o->objective)->maximize ? "lower" : "raise"),
             tdm_objective_name(o->objective), a, o->objective_unit);
}

/* "cellA, cellB" for a set of optional units; "(none)" when empty. */
static void
unit_set(char *buf, size_t n, const tdm_optimum *o, unsigned set)
{
    buf[0] = '\0';
    for (int i = 0; i < o->noptional; i++)
        if (set >> i & 1) {
            size_t l = strlen(buf);
            snprintf(buf + l, n - l, "%s%s", l ? ", " : "", o->optional[i]);
        }
    if (!buf[0]) snprintf(buf, n, "(none)");
}

static void
text_layouts(FILE *f, const tdm_optimum *o)
{
    char set[300], a[64], b[64];
    unit_set(set, sizeof set, o, (1u << o->noptional) - 1);
    fprintf(f, "\nLAYOUTS of the optional units (%s)\n", set);
    unit_set(set, sizeof set, o, o->milp_on);
    fprintf(f, "  glp_intopt on the linearized problem picked: %s\n", set);
    /* each distinct set of units in use, at its best objective, best first */
    int idx[TDM_OPT_MAX_LAYOUTS], n = 0, failed = 0, first_failed = -1;
    for (int i = 0; i < o->nlayouts; i++) {
        const tdm_opt_layout *l = &o->layout[i];
        if (l->failed) {
            if (first_failed < 0) first_failed = i;
            failed++;
            continue;
        }
        int k = 0;
        while (k < n && o->layout[idx[k]].used != l->used)
            k++;
        if (k == n)
            idx[n++] = i;
        else if (tdm_objective_get(o->objective)->maximize
                     ? l->objective > o->layout[idx[k]].objective
                     : l->objective < o->layout[idx[k]].objective)
            idx[k] = i;
    }
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0; j--) {
            double x = o->layout[idx[j]].objective, y = o->layout[idx[j - 1]].objective;
            bool swap = tdm_objective_get(o->objective)->maximize ? x > y : x < y;
            if (!swap) break;
            int t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
    const tdm_opt_layout *best = &o->layout[o->chosen];
    fprintf(f, "  each layout optimized on its own; the units in use at its optimum:\n");
    fprintf(f, "  %-44s %12s\n", "units in use", o->objective_unit);
    for (int k = 0; k < n; k++) {
        const tdm_opt_layout *l = &o->layout[idx[k]];
        unit_set(set, sizeof set, o, l->used);
        tdm_fmt_number(a, sizeof a, l->objective);
        if (l->used == best->used) {
            fprintf(f, "  %-44.44s %12s  chosen\n", set, a);
        } else {
            tdm_fmt_number(b, sizeof b, l->objective - best->objective);
            fprintf(f, "  %-44.44s %12s  %s%s (%+.1f %%)\n", set, a,
                    l->objective - best->objective >= 0 ? "+" : "", b,
                    100 * (l->objective - best->objective) / fabs(best->objective));
        }
    }
    if (failed) {
        /* which layout: the units it switches on, and the others it leaves out (a bare
         * "(none)" read as no layout at all) */
        unsigned on = o->layout[first_failed].on, all = (1u << o->noptional) - 1;
        char off[300];
        unit_set(set, sizeof set, o, on);
        unit_set(off, sizeof off, o, all & ~on);
        if (on == 0)
            fprintf(f,
                    "  %d of %d layouts cannot run, e.g. the one without any optional unit "
                    "(%s left out): %s\n",
                    failed, o->nlayouts, off, o->layout[first_failed].failed);
        else if (on == all)
            fprintf(f,
                    "  %d of %d layouts cannot run, e.g. the one with every optional unit "
                    "(%s): %s\n",
                    failed, o->nlayouts, set, o->layout[first_failed].failed);
        else
            fprintf(f, "  %d of %d layouts cannot run, e.g. the one with %s and without %s: %s\n",
                    failed, o->nlayouts, set, off, o->layout[first_failed].failed);
    }
    if (o->milp_on != best->used && o->milp_on != best->on)
        fprintf(f, "  the linearized MILP's pick was beaten when each layout was optimized on "
                   "its own\n");
    int r = o->runner_up;
    if (r >= 0) {
        unit_set(set, sizeof set, o, o->layout[r].used);
        double gap = fabs(o->layout[r].objective - best->objective);
        tdm_fmt_number(a, sizeof a, gap);
        fprintf(f, "  runner-up: %s, %s %s (%.1f %%) behind; it would win", set, a,
                o->objective_unit, 100 * gap / fabs(best->objective));
        if (isfinite(o->price_even)) {
            tdm_fmt_number(a, sizeof a, o->price_even * 1000);
            tdm_fmt_number(b, sizeof b, o->price_now * 1000);
            fprintf(f, " if electricity cost %s than %s $/MWh (now %s)\n",
                    o->price_even < o->price_now ? "less" : "more", a, b);
        } else if (isfinite(o->voltage_cut)) {
            fprintf(f,
                    " if all its cell voltages fell by %.1f %% (its electrolyzers use %.4g %s)\n",
                    100 * o->voltage_cut,
                    o->layout[r].electrolyzers / tdm_objective_get(o->objective)->si_per_shown,
                    o->objective_unit);
        } else {
            fprintf(f, " only if its %s improved by more than that\n",
                    tdm_objective_get(o->objective)->maximize ? "product rate" : "objective");
        }
    }
}

static int
text(FILE *f, const tdm_opt_problem *p, const tdm_optimum *o, const tdm_results *res)
{
    char a[64], b[64], c[64], d[64], w[240];
    fprintf(f, "OPTIMIZATION: %s %s\n",
            tdm_objective_get(o->objective)->maximize ? "maximum" : "minimum",
            tdm_objective_name(o->objective));
    tdm_fmt_number(a, sizeof a, o->start);
    tdm_fmt_number(b, sizeof b, o->value);
    fprintf(f, "  %-40s %12s %s\n", "at the file's settings", a, o->objective_unit);
    fprintf(f, "  %-40s %12s %s   (%d iteration%s%s)\n", "at the optimum", b, o->objective_unit,
            o->iterations, o->iterations == 1 ? "" : "s",
            o->converged ? "" : ", stopped before converging");
    if (p->nvars) {
        fprintf(f, "\nRELEASED KEYS\n  %-30s %12s %12s %24s  %s\n", "key", "start", "optimum",
                "range", "");
        for (int i = 0; i < p->nvars; i++) {
            const tdm_opt_var *v = &p->var[i];
            char key[120], range[200];
            snprintf(key, sizeof key, "[%s] %s", v->unit_name, v->key);
            tdm_fmt_number(a, sizeof a, tdm_quantity_shown(v->start, v->unit));
            tdm_fmt_number(b, sizeof b, tdm_quantity_shown(v->value, v->unit));
            tdm_fmt_number(c, sizeof c, tdm_quantity_shown(v->lo, v->unit));
            tdm_fmt_number(d, sizeof d, tdm_quantity_shown(v->hi, v->unit));
            if (isfinite(v->hi)) /* `LO .. inf` in the file: no upper bound */
                snprintf(range, sizeof range, "%s .. %s %s", c, d, v->unit);
            else
                snprintf(range, sizeof range, "from %s %s", c, v->unit);
            fprintf(f, "  %-30.30s %12s %12s %24s\n", key, a, b, range);
            if (v->at_bound) {
                worth(w, sizeof w, o, v->marginal * (v->unit[0] ? 1 : 0.01), v->unit,
                      v->at_bound > 0);
                fprintf(f, "      at its %s bound: %s\n", v->at_bound > 0 ? "upper" : "lower", w);
            } else if (v->held_by) {
                fprintf(f, "      between its bounds, held by a flow at its bound: %s%s\n",
                        v->held_by, v->coefficient ? " (enters as a coefficient: linearized)" : "");
            } else {
                fprintf(f, "      between its bounds: chosen by the trade-off%s\n",
                        v->coefficient ? " (enters as a coefficient: linearized)" : "");
            }
        }
    }
    if (o->nlayouts) text_layouts(f, o);
    if (p->nlimits) {
        fprintf(f, "\nLIMITS\n  %-34s %12s %12s  %s\n", "limit", "bound", "at optimum", "");
        for (int i = 0; i < p->nlimits; i++) {
            const tdm_opt_limit *l = &p->limit[i];
            tdm_fmt_number(a, sizeof a, tdm_quantity_shown(l->bound, l->unit));
            tdm_fmt_number(b, sizeof b, tdm_quantity_shown(l->value, l->unit));
            fprintf(f, "  %-34.34s %12s %12s %s\n", l->key, a, b, l->unit);
            if (l->binding && !isnan(l->shadow)) {
                worth(w, sizeof w, o, l->shadow * (l->unit[0] ? 1 : 0.01), l->unit, l->upper);
                fprintf(f, "      binding: %s\n", w);
            } else if (isnan(l->shadow)) {
                fprintf(f, "      binding: its worth at the margin could not be measured\n");
            } else {
                /* near its bound without holding the answer (a rate free under an objective
                 * per tonne may end anywhere, the limit's value included): say how near */
                double gap = fabs(l->value - l->bound) / fmax(fabs(l->bound), 1e-300);
                if (gap < 0.01)
                    fprintf(f,
                            "      not binding: %.2g %% from its bound, and loosening it "
                            "would change nothing\n",
                            100 * gap);
                else
                    fprintf(f, "      not binding: slack\n");
            }
        }
    }
    if (o->nmarginals) {
        fprintf(f, "\nFIXED SPECIFICATIONS: what one more unit is worth (shadow prices)\n");
        for (int i = 0; i < o->nmarginals; i++) {
            const tdm_opt_marginal *g = &o->marginal[i];
            char key[120];
            snprintf(key, sizeof key, "[%s] %s", g->unit_name, g->key);
            tdm_fmt_number(a, sizeof a, g->value);
            tdm_fmt_number(b, sizeof b, g->per_unit * (g->unit[0] ? 1 : 0.01));
            fprintf(f, "  %-38.38s = %s%s%s: %s %s per %s%s\n", key, a, g->unit[0] ? " " : "",
                    g->unit, b, o->objective_unit, g->unit[0] ? "" : "0.01",
                    g->unit[0] ? g->unit : "");
        }
    }
    if (p->nexplain) {
        fprintf(f, "\nWHAT A STEP IS WORTH (re-optimized)\n");
        for (int i = 0; i < p->nexplain; i++) {
            const tdm_opt_explain *e = &p->explain[i];
            char key[120];
            snprintf(key, sizeof key, "[%s] %s", e->unit_name, e->key);
            if (e->failed) {
                fprintf(f, "  %-30.30s %s: %s\n", key, e->step, e->failed);
                continue;
            }
            tdm_fmt_number(a, sizeof a, o->value);
            tdm_fmt_number(b, sizeof b, e->objective);
            tdm_fmt_number(c, sizeof c, e->objective - o->value);
            fprintf(f, "  %-30.30s %s -> %s: %s -> %s %s (%s%s)\n", key, e->before, e->after, a, b,
                    o->objective_unit, e->objective - o->value >= 0 ? "+" : "", c);
        }
    }
    fprintf(f, "\nPLANT AT THE OPTIMUM\n");
    tdm_quant q[TDM_MAX_SUMMARY];
    int n = tdm_summary_quants(res, q, TDM_MAX_SUMMARY);
    if (n < 0) return -1;
    if (n > TDM_MAX_SUMMARY) n = TDM_MAX_SUMMARY;
    for (int i = 0; i < n; i++) {
        char num[64], unit[32];
        tdm_fmt_quantity(num, sizeof num, unit, sizeof unit, q[i].value, q[i].unit);
        fprintf(f, "  %-40s %12s %s\n", q[i].label, num, unit);
    }
    return ferror(f) ? -1 : 0;
}

/* `OBJECTIVE_UNIT per UNIT`: what a marginal is in */
static const char *
per(char *buf, size_t n, const tdm_optimum *o, const char *unit)
{
    snprintf(buf, n, "%s per %s", o->objective_unit, unit[0] ? unit : "1");
    return buf;
}

/* For programs, written once (emit.h): JSON nested, CSV one value a row. A number JSON gives
 * bare beside its unit's key (`value`, `value_unit`) carries the unit in CSV's column. */
static int
machine(tdm_emitter *e, const tdm_opt_problem *p, const tdm_optimum *o, const tdm_results *res)
{
    const char *ou = o->objective_unit;
    char u[200], name[300];
    tdm_emit_item(e, "objective", tdm_objective_get(o->objective)->key);
    tdm_emit_text(e, "objective", tdm_objective_name(o->objective));
    tdm_emit_text(e, "objective_key", tdm_objective_get(o->objective)->key);
    tdm_emit_text(e, "unit", ou);
    tdm_emit_value(e, "start", NULL, tdm_bare_qty_cell(o->start, ou));
    tdm_emit_value(e, "optimum", NULL, tdm_bare_qty_cell(o->value, ou));
    tdm_emit_num(e, "iterations", o->iterations);
    tdm_emit_value(e, "converged", NULL, tdm_bool_cell(o->converged));
    tdm_emit_item(e, NULL, NULL);

    tdm_emit_open(e, "vary", TDM_LIST);
    for (int i = 0; i < p->nvars; i++) {
        const tdm_opt_var *v = &p->var[i];
        snprintf(name, sizeof name, "%s.%s", v->unit_name, v->key);
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_text(e, "unit", v->unit_name);
        tdm_emit_text(e, "key", v->key);
        tdm_emit_item(e, "vary", name);
        tdm_emit_value(e, "value", NULL,
                       tdm_bare_qty_cell(tdm_quantity_shown(v->value, v->unit), v->unit));
        tdm_emit_value(e, "start", NULL,
                       tdm_bare_qty_cell(tdm_quantity_shown(v->start, v->unit), v->unit));
        tdm_emit_value(e, "lower", NULL,
                       tdm_bare_qty_cell(tdm_quantity_shown(v->lo, v->unit), v->unit));
        tdm_emit_value(e, "upper", NULL,
                       tdm_bare_qty_cell(tdm_quantity_shown(v->hi, v->unit), v->unit));
        tdm_emit_text(e, "value_unit", v->unit);
        tdm_emit_num(e, "at_bound", v->at_bound);
        tdm_emit_value(e, "marginal", NULL,
                       tdm_bare_qty_cell(v->marginal, per(u, sizeof u, o, v->unit)));
        tdm_emit_value(e, "held_by", NULL, tdm_text_or_null(v->held_by));
        tdm_emit_close(e);
    }
    tdm_emit_close(e);

    tdm_emit_open(e, "limits", TDM_LIST);
    for (int i = 0; i < p->nlimits; i++) {
        const tdm_opt_limit *l = &p->limit[i];
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_text(e, "key", l->key);
        tdm_emit_item(e, "limit", l->key);
        tdm_emit_value(e, "bound", NULL,
                       tdm_bare_qty_cell(tdm_quantity_shown(l->bound, l->unit), l->unit));
        tdm_emit_value(e, "value", NULL,
                       tdm_bare_qty_cell(tdm_quantity_shown(l->value, l->unit), l->unit));
        tdm_emit_text(e, "value_unit", l->unit);
        tdm_emit_value(e, "upper", NULL, tdm_bool_cell(l->upper));
        tdm_emit_value(e, "binding", NULL, tdm_bool_cell(l->binding));
        tdm_emit_value(e, "shadow_price", NULL,
                       tdm_bare_qty_cell(l->shadow, per(u, sizeof u, o, l->unit)));
        tdm_emit_close(e);
    }
    tdm_emit_close(e);

    tdm_emit_open(e, "fixed", TDM_LIST);
    for (int i = 0; i < o->nmarginals; i++) {
        const tdm_opt_marginal *g = &o->marginal[i];
        snprintf(name, sizeof name, "%s.%s", g->unit_name, g->key);
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_text(e, "unit", g->unit_name);
        tdm_emit_text(e, "key", g->key);
        tdm_emit_item(e, "fixed", name);
        tdm_emit_value(e, "value", NULL, tdm_bare_qty_cell(g->value, g->unit));
        tdm_emit_text(e, "value_unit", g->unit);
        tdm_emit_value(e, "shadow_price", NULL,
                       tdm_bare_qty_cell(g->per_unit, per(u, sizeof u, o, g->unit)));
        tdm_emit_close(e);
    }
    tdm_emit_close(e);

    tdm_emit_open(e, "explain", TDM_LIST);
    for (int i = 0; i < p->nexplain; i++) {
        const tdm_opt_explain *x = &p->explain[i];
        snprintf(name, sizeof name, "%s.%s", x->unit_name, x->key);
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_text(e, "unit", x->unit_name);
        tdm_emit_text(e, "key", x->key);
        tdm_emit_item(e, "explain", name);
        tdm_emit_text(e, "step", x->step);
        tdm_emit_value(e, "before", NULL, tdm_text_or_null(x->before));
        tdm_emit_value(e, "after", NULL, tdm_text_or_null(x->after));
        tdm_emit_value(e, "objective", NULL, tdm_bare_qty_cell(x->objective, ou));
        tdm_emit_value(e, "change", NULL, tdm_bare_qty_cell(x->objective - o->value, ou));
        tdm_emit_value(e, "failed", NULL, tdm_text_or_null(x->failed));
        tdm_emit_close(e);
    }
    tdm_emit_close(e);

    tdm_emit_open(e, "layouts", TDM_LIST);
    for (int i = 0; i < o->nlayouts; i++) {
        const tdm_opt_layout *l = &o->layout[i];
        unit_set(name, sizeof name, o, l->on);
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_item(e, "layout", name);
        tdm_emit_open(e, "on", TDM_LIST);
        for (int k = 0; k < o->noptional; k++)
            if (l->on >> k & 1) tdm_emit_text(e, NULL, o->optional[k]);
        tdm_emit_close(e);
        tdm_emit_value(e, "objective", NULL, tdm_bare_qty_cell(l->objective, ou));
        tdm_emit_value(e, "chosen", NULL, tdm_bool_cell(i == o->chosen));
        tdm_emit_value(e, "runner_up", NULL, tdm_bool_cell(i == o->runner_up));
        tdm_emit_value(e, "electricity_GJ_per_t", NULL,
                       tdm_bare_qty_cell(l->electricity / 1e6, "GJ/t"));
        tdm_emit_value(e, "failed", NULL, tdm_text_or_null(l->failed));
        tdm_emit_close(e);
    }
    tdm_emit_close(e);
    if (o->runner_up >= 0) {
        tdm_emit_open(e, "runner_up_wins", TDM_MAP | TDM_INLINE);
        tdm_emit_item(e, "runner_up_wins", "plant");
        tdm_emit_qty(e, "electricity_price_now", o->price_now * 1000, "$/MWh");
        tdm_emit_qty(e, "electricity_price_even", o->price_even * 1000, "$/MWh");
        tdm_emit_num(e, "voltage_cut", o->voltage_cut);
        tdm_emit_close(e);
    }

    /* the plant at the optimum */
    tdm_quant q[TDM_MAX_SUMMARY];
    int n = tdm_summary_quants(res, q, TDM_MAX_SUMMARY);
    if (n < 0) return -1;
    if (n > TDM_MAX_SUMMARY) n = TDM_MAX_SUMMARY;
    tdm_emit_open(e, "summary", TDM_MAP);
    tdm_emit_item(e, "summary", "plant");
    for (int i = 0; i < n; i++)
        tdm_emit_qty(e, q[i].key, tdm_quantity_shown(q[i].value, q[i].unit), q[i].unit);
    tdm_emit_close(e);
    return tdm_emit_end(e);
}

int
tdm_report_optimize(FILE *f, enum tdm_format fmt, const tdm_opt_problem *p, const tdm_optimum *o,
                    const tdm_results *res)
{
    if (fmt == TDM_FMT_TEXT || fmt == TDM_FMT_MARKDOWN) return text(f, p, o, res);
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f)) return -1;
    return machine(&e, p, o, res);
}

int
tdm_doc_optimize(const tdm_opt_problem *p, const tdm_optimum *o, const tdm_results *res,
                 tdm_doc **out, tdm_error *err)
{
    tdm_emitter e;
    tdm_doc *d = tdm_doc_begin(&e);
    return tdm_doc_done(d, d ? machine(&e, p, o, res) : -1, out, err);
}

int
tdm_report_pareto(FILE *f, enum tdm_format fmt, const tdm_opt_problem *p, const tdm_pareto *front)
{
    const char *obj = tdm_objective_name(front->objective);
    tdm_emitter e;
    if (fmt != TDM_FMT_TEXT && fmt != TDM_FMT_MARKDOWN) {
        /* for programs, written once: a point a record, the varied keys one JSON object */
        if (tdm_emitter_open(&e, fmt, f)) return -1;
        enum { NC = TDM_OPT_MAX_VARS + 4 };
        char keys[NC][200], heads[NC][200];
        tdm_column cols[NC];
        int nc = 0;
        if (front->against_emissions)
            cols[nc++] = (tdm_column){"emissions", "emissions_t_per_t", "t/t"};
        cols[nc++] = (tdm_column){"product", "product_t_per_day", "t/day"};
        snprintf(heads[nc], sizeof heads[nc], "objective_%s", front->objective_unit);
        cols[nc] = (tdm_column){"objective", heads[nc], front->objective_unit};
        nc++;
        for (int v = 0; v < p->nvars; v++, nc++) {
            const tdm_opt_var *var = &p->var[v];
            snprintf(keys[nc], sizeof keys[nc], "vary/%s.%s", var->unit_name, var->key);
            snprintf(heads[nc], sizeof heads[nc], "%s.%s_%s", var->unit_name, var->key,
                     var->unit[0] ? var->unit : "1");
            cols[nc] = (tdm_column){keys[nc], heads[nc], var->unit};
        }
        cols[nc++] = (tdm_column){"failed", "failed", NULL};
        tdm_emit_field(&e, "objective", obj);
        tdm_emit_field(&e, "unit", front->objective_unit);
        tdm_emit_field(&e, "one_point_only", front->single);
        tdm_emit_table(&e, "points", cols, nc);
        for (int i = 0; i < front->n; i++) {
            const tdm_pareto_point *pt = &front->pt[i];
            tdm_cell row[NC];
            int c = 0;
            if (front->against_emissions) row[c++] = tdm_num_cell(pt->emissions);
            row[c++] = tdm_num_cell(pt->product);
            row[c++] = tdm_num_cell(pt->objective);
            for (int v = 0; v < p->nvars; v++)
                row[c++] = tdm_num_cell(
                    pt->failed ? NAN : tdm_quantity_shown(pt->value[v], p->var[v].unit));
            row[c++] = tdm_text_or_null(pt->failed);
            tdm_emit_row(&e, row);
        }
        tdm_emit_end_table(&e);
        return tdm_emit_end(&e);
    }
    if (front->against_emissions)
        fprintf(f, "PARETO FRONT: least %s at emissions of at most each value (t CO2e/t)\n", obj);
    else
        fprintf(f, "PARETO FRONT: least %s at a main product rate of at least each value\n", obj);
    if (front->single) fprintf(f, "  one point only: %s\n", front->single);
    if (front->against_emissions) fprintf(f, "  %12s", "t CO2e/t");
    fprintf(f, "  %12s %12s", "t/day", front->objective_unit);
    /* each key's column as wide as its name: never cut */
    int w[TDM_OPT_MAX_VARS];
    for (int v = 0; v < p->nvars; v++) {
        char key[200];
        snprintf(key, sizeof key, "%s.%s", p->var[v].unit_name, p->var[v].key);
        w[v] = (int)strlen(key) > 12 ? (int)strlen(key) : 12;
        fprintf(f, " %*s", w[v], key);
    }
    fputc('\n', f);
    for (int i = 0; i < front->n; i++) {
        const tdm_pareto_point *pt = &front->pt[i];
        char a[64], b[64];
        if (front->against_emissions) {
            tdm_fmt_number(a, sizeof a, pt->emissions);
            fprintf(f, "  %12s", a);
        }
        tdm_fmt_number(a, sizeof a, pt->product);
        if (pt->failed) {
            fprintf(f, "  %12s   no answer: %s\n", front->against_emissions ? "-" : a, pt->failed);
            continue;
        }
        tdm_fmt_number(b, sizeof b, pt->objective);
        fprintf(f, "  %12s %12s", a, b);
        for (int v = 0; v < p->nvars; v++) {
            char c[64];
            tdm_fmt_number(c, sizeof c, tdm_quantity_shown(pt->value[v], p->var[v].unit));
            fprintf(f, " %*s", w[v], c);
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

int
tdm_report_pareto_chart(const char *path, const tdm_pareto *front, tdm_error *err)
{
    double x[TDM_PARETO_MAX], y[TDM_PARETO_MAX];
    bool em = front->against_emissions;
    for (int i = 0; i < front->n; i++) {
        x[i] = em ? front->pt[i].emissions : front->pt[i].product;
        y[i] = front->pt[i].objective;
    }
    char ylabel[120], title[200];
    snprintf(ylabel, sizeof ylabel, "%s (%s)", tdm_objective_name(front->objective),
             front->objective_unit);
    snprintf(title, sizeof title, "Pareto front: least %s against %s",
             tdm_objective_name(front->objective), em ? "emissions" : "product rate");
    char tmp[1100];
    if (tdm_chart_begin(path, tmp, sizeof tmp, err)) return -1;
    return tdm_chart_end(
        path, tmp,
        tdm_chart_front(tmp, title,
                        em ? "emissions, cradle to gate (t CO2e/t)" : "main product (t/day)",
                        ylabel, x, y, front->n),
        err);
}
