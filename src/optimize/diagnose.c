/* diagnose.c: what the successive-LP optimizer says of its answer (slp.h): why a problem
 * has none (the limit at fault, the key that runs away), the worth of each limit, released
 * key and fixed specification at the optimum (the LP's duals, the envelope theorem, or the
 * plant optimized again), and the `explain` steps. */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slp.h"

/* ---- messages for problems without an answer ---------------------------------------- */

static double
limit_shown(const tdm_opt_limit *l, double si)
{
    return l->metric == TDM_MET_PURITY ? si : tdm_quantity_shown(si, l->unit);
}

/* The least (or most) a row's expression can be with the row itself set free. */
static double
row_extreme(glp_prob *lp, int r, bool least)
{
    int nc = glp_get_num_cols(lp);
    double *keep = calloc((size_t)nc + 1, sizeof(double));
    int *ind = malloc(sizeof(int) * (size_t)(nc + 1));
    double *val = malloc(sizeof(double) * (size_t)(nc + 1));
    double best = NAN;
    if (keep && ind && val) {
        for (int j = 0; j <= nc; j++) {
            keep[j] = glp_get_obj_coef(lp, j);
            glp_set_obj_coef(lp, j, 0);
        }
        int n = glp_get_mat_row(lp, r, ind, val);
        for (int k = 1; k <= n; k++)
            glp_set_obj_coef(lp, ind[k], least ? val[k] : -val[k]);
        if (tdm_slp_run_simplex(lp) == GLP_OPT) {
            best = 0;
            for (int k = 1; k <= n; k++)
                best += val[k] * glp_get_col_prim(lp, ind[k]);
        }
        for (int j = 0; j <= nc; j++)
            glp_set_obj_coef(lp, j, keep[j]);
    }
    free(keep);
    free(ind);
    free(val);
    return best;
}

int
tdm_slp_explain_infeasible(struct opt *o, tdm_error *err)
{
    const tdm_opt_problem *p = o->p;
    glp_prob *lp = o->lp;
    for (int l = 0; l < p->nlimits; l++) {
        int r = o->first_limit + l;
        int type = glp_get_row_type(lp, r);
        double lb = glp_get_row_lb(lp, r), ub = glp_get_row_ub(lp, r);
        glp_set_row_bnds(lp, r, GLP_FR, 0, 0);
        if (tdm_slp_run_lp(lp) == GLP_OPT) {
            const tdm_opt_limit *lim = &p->limit[l];
            /* row activity + constant = the figure; the constant is bound - rhs */
            double act = row_extreme(lp, r, lim->upper);
            double c = (limit_is_share(lim) ? 0 : lim->bound) - (lim->upper ? ub : lb);
            char num[200] = "";
            if (isfinite(act) && !limit_is_share(lim))
                snprintf(num, sizeof num,
                         "; within the `vary` ranges and the other limits the %s is %.4g %s",
                         lim->upper ? "least" : "most", limit_shown(lim, act + c), lim->unit);
            return tdm_opt_errorf(p, TDM_ESOLVE, lim->line, err,

                                  "`%s` cannot hold%s; relax it or widen a `vary` range", lim->key,
                                  num);
        }
        glp_set_row_bnds(lp, r, type, lb, ub);
    }
    if (p->nlimits)
        return tdm_opt_errorf(p, TDM_ESOLVE, p->limit[0].line, err,

                              "the limits cannot hold together: no single one is at "
                              "fault, but with all of them no setting within the `vary` ranges is "
                              "feasible");
    return tdm_opt_errorf(p, TDM_ESOLVE, -1, err,

                          "no setting within the `vary` ranges is feasible");
}

int
tdm_slp_explain_unbounded(struct opt *o, tdm_error *err)
{
    int k = glp_get_unbnd_ray(o->lp);
    int nr = glp_get_num_rows(o->lp);
    const char *what = k > nr  ? glp_get_col_name(o->lp, k - nr)
                       : k > 0 ? glp_get_row_name(o->lp, k)
                               : NULL;
    return tdm_opt_errorf(o->p, TDM_ESOLVE, o->p->objective_line, err,

                          "the objective is unbounded%s%s%s: nothing stops it; give the "
                          "released keys finite ranges or add a limit (max.feed.SPECIES, "
                          "max.electricity)",
                          what ? ": `" : "", what ? what : "", what ? "` grows without limit" : "");
}

/* d(LP objective)/d(parameter) at the optimum, for a parameter that moves the flows by dx
 * and the figures by dM (per SI unit): the envelope theorem, the sum over rows of the dual
 * times the change in the right-hand side (minus the change in the row's constant), plus
 * the change in the objective's constant. */
static double
envelope(const struct opt *o, const double *dx, const double *dM)
{
    double s = 0;
    for (int r = 1; r <= o->nlp_rows; r++) {
        const struct lp_row *lr = &o->rows[r - 1];
        double dc = 0;
        for (int m = 0; m < o->nm; m++)
            dc += lr->w[m] * dM[m];
        for (int k = 0; k < lr->nx; k++)
            dc += lr->xw[k] * dx[lr->xj[k]];
        s -= glp_get_row_dual(o->lp, r) * dc;
    }
    for (int m = 0; m < o->nm; m++)
        s += o->obj_w[m] * dM[m];
    return s;
}

/* What holds a released key between its bounds: the flow bound with the largest dual. */
static const char *
holding_row(const struct opt *o, int v)
{
    double best = 1e-9;
    const char *name = NULL;
    int nc = glp_get_num_cols(o->lp);
    int *ind = malloc(sizeof(int) * (size_t)(nc + 1));
    double *val = malloc(sizeof(double) * (size_t)(nc + 1));
    if (!ind || !val) {
        free(ind);
        free(val);
        return NULL;
    }
    for (int r = 1; r <= o->nlp_rows; r++) {
        if (o->rows[r - 1].kind != ROW_FLOW || glp_get_row_stat(o->lp, r) == GLP_BS) continue;
        /* only a row the key is in holds it (the fraction's own bound, repeated by a flow
         * at zero, was once said to hold a rate) */
        bool in = false;
        int ne = glp_get_mat_row(o->lp, r, ind, val);
        /* a flow the key moves by rounding alone (a zero flow's slope of 1e-13 from the
         * finite differences: a gas that no unit upstream makes) is not held by it */
        const tdm_opt_var *var = &o->p->var[v];
        double span = isfinite(var->hi - var->lo) ? var->hi - var->lo : fabs(var->value) + 1;
        for (int k = 1; k <= ne && !in; k++)
            in = ind[k] == 1 + v && fabs(val[k]) * span > 1e-9 * o->flow_ref;
        if (!in) continue;
        double d = fabs(glp_get_row_dual(o->lp, r));
        if (d > best && o->rows[r - 1].nx == 1) {
            /* a flow the plant at the answer holds away from its bound holds nothing: the LP
             * of a curved objective's interior optimum (slope about zero) runs to the nearest
             * vertex of its linearization, which the plant never reaches */
            int j = o->rows[r - 1].xj[0];
            const tdm_model *m = o->sim->model;
            double lb = tdm_model_col_lb(m, j), ub = tdm_model_col_ub(m, j),
                   tol = 1e-6 * o->flow_ref;
            if (!(fabs(o->x0[j] - lb) <= tol || fabs(o->x0[j] - ub) <= tol)) continue;
            best = d;
            name = tdm_model_col_label(o->sim->model, o->rows[r - 1].xj[0]);
        }
    }
    free(ind);
    free(val);
    return name;
}

/* The worth of limit l that holds the answer where the LP's dual cannot tell (a degenerate
 * vertex): the plant optimized again with the limit a ten-thousandth looser, the change of
 * the objective over the change of the bound, per SI unit of it; then back to the answer. */
int
tdm_slp_limit_worth(struct opt *o, struct outcome *oc, int l, double *worth, tdm_error *err)
{
    tdm_opt_limit *lim = &o->p->limit[l];
    double b0 = lim->bound, db = 1e-4 * fabs(b0);
    *worth = NAN;
    if (!(db > 0)) return 0;
    double *theta = malloc(sizeof(double) * (size_t)(o->nv + 1));
    if (!theta) return oom(err);
    memcpy(theta, o->theta, sizeof(double) * (size_t)o->nv);
    double J0 = oc->J;
    lim->bound = lim->upper ? b0 + db : b0 - db;
    struct outcome loose;
    tdm_error why;
    if (tdm_slp_iterate(o, &loose, NULL, &why) == 0 && loose.converged)
        *worth = (loose.J - J0) / (lim->upper ? db : -db);
    lim->bound = b0;
    memcpy(o->theta, theta, sizeof(double) * (size_t)o->nv);
    free(theta);
    return tdm_slp_iterate(o, oc, NULL, err);
}

/* Answers for the released keys and the limits, from the final LP. */
void
tdm_slp_read_answers(struct opt *o)
{
    double per = tdm_slp_objective_per_lp(o);
    for (int v = 0; v < o->nv; v++) {
        tdm_opt_var *var = &o->p->var[v];
        var->value = o->theta[v];
        double span = span_of(var, var->value);
        var->at_bound = var->value <= var->lo + 1e-7 * span   ? -1
                        : var->value >= var->hi - 1e-7 * span ? 1
                                                              : 0;
        var->marginal = glp_get_col_dual(o->lp, 1 + v) * per *
                        (is_celsius(var->unit) ? 1 : tdm_slp_unit_factor(var->unit));
        var->held_by = var->at_bound ? NULL : holding_row(o, v);
    }
    for (int l = 0; l < o->p->nlimits; l++) {
        tdm_opt_limit *lim = &o->p->limit[l];
        int r = o->first_limit + l;
        double act = glp_get_row_prim(o->lp, r);
        const struct lp_row *lr = &o->rows[r - 1];
        /* the figure = row activity + its constant (M0 and x0 terms at the answer) */
        double c = 0;
        for (int m = 0; m < o->nm; m++)
            c += lr->w[m] * o->M0[m];
        for (int k = 0; k < lr->nx; k++)
            c += lr->xw[k] * o->x0[lr->xj[k]];
        (void)act;
        lim->value = c;
        double factor = limit_is_share(lim) ? 1 : tdm_slp_unit_factor(lim->unit);
        /* at its bound, whatever the basis says: at a degenerate vertex the limit's row may
         * be basic at its bound with a dual of 0, and was reported slack while it held the
         * plant; its worth is then NAN here, for limit_worth to measure */
        bool at = fabs(c - lim->bound) <= 1e-6 * fmax(fabs(lim->bound), 1e-12);
        bool basic = glp_get_row_stat(o->lp, r) == GLP_BS;
        lim->binding = !basic || at;
        lim->shadow = basic && at ? NAN : glp_get_row_dual(o->lp, r) * per * factor;
        if (lim->metric == TDM_MET_PURITY) {
            int col = tdm_flowsheet_stream_col(o->fs, lim->stream);
            double tot = 0;
            for (int k = 0; k < o->nsp; k++)
                tot += o->x0[col + k];
            lim->value = tot > 0 ? o->x0[col + lim->species] / tot : NAN;
            /* the row is x_X - b total >= 0: raising b moves its right-hand side by total */
            lim->shadow = glp_get_row_dual(o->lp, r) * tot * per;
        } else if (limit_is_share(lim)) {
            /* E - b P <= 0: the emissions per kg, and b moves the right-hand side by P */
            double P = o->M0[M_P];
            lim->value = P > 0 ? o->M0[M_CO2E] / P : NAN;
            lim->shadow = glp_get_row_dual(o->lp, r) * P * per;
        }
    }
}

/* The worth of every fixed specification the file gives (a rate, a flow, a conversion):
 * one more unit of it, with everything released re-optimized (to first order). */
int
tdm_slp_marginals(struct opt *o, tdm_optimum *out, tdm_error *err)
{
    const tdm_model *m = o->sim->model;
    double *dx = calloc((size_t)o->n + 1, sizeof(double));
    double *dM = calloc((size_t)o->nm + 1, sizeof(double));
    if (!dx || !dM) {
        free(dx);
        free(dM);
        return oom(err);
    }
    double per = tdm_slp_objective_per_lp(o);
    int rc = 0;
    out->nmarginals = 0;
    for (int i = 0; i < o->nrows && !rc && out->nmarginals < TDM_OPT_MAX_MARGINALS; i++) {
        if (tdm_model_row_kind(m, i) != TDM_ROW_SPEC) continue;
        int owner = tdm_model_row_owner(m, i);
        const char *key = tdm_model_row_key(m, i);
        if (owner < 0 || !key) continue;
        const tdm_unit *u = tdm_flowsheet_unit(o->fs, owner);
        bool seen = false;
        for (int k = 0; k < out->nmarginals; k++)
            seen |=
                !strcmp(out->marginal[k].unit_name, u->name) && !strcmp(out->marginal[k].key, key);
        for (int v = 0; v < o->nv; v++)
            seen |= !strcmp(o->p->var[v].unit_name, u->name) && !strcmp(o->p->var[v].key, key);
        const tdm_kv *kv = tdm_ini_kv(u->sec, key);
        for (int i2 = 0; i2 < o->nopt; i2++)
            seen |= o->opt_unit[i2] == owner && tdm_slp_inflow(o, i2, o->x0) <= 0; /* left out */
        if (seen || !kv) continue;
        double si;
        tdm_dim dim;
        const char *rest;
        if (tdm_slp_value_si(kv->value, &si, &dim, &rest)) continue;
        char *end;
        strtod(kv->value, &end);
        char ubuf[64];
        size_t n = rest ? (size_t)(rest - end) : strlen(end);
        if (n >= sizeof ubuf) continue;
        memcpy(ubuf, end, n);
        ubuf[n] = '\0';
        char *us = ubuf;
        while (*us == ' ')
            us++;
        size_t l = strlen(us);
        while (l && us[l - 1] == ' ')
            us[--l] = '\0';
        const char *unit = tdm_arena_strdup(tdm_flowsheet_arena(o->fs), us);
        /* copies: a changed key's value lives in a buffer the next changes reuse */
        const char *value = tdm_arena_strdup(tdm_flowsheet_arena(o->fs), kv->value);
        if (!value || tdm_slp_value_si(value, &si, &dim, &rest)) continue;
        int k = tdm_slp_key_motion(o, u->name, key, si, unit, rest, value, -HUGE_VAL, HUGE_VAL, dx,
                                   dM, err);
        if (k < 0) {
            rc = -1;
            break;
        }
        tdm_opt_marginal *g = &out->marginal[out->nmarginals++];
        g->unit_name = u->name;
        g->key = key;
        g->unit = unit;
        g->line = kv->line;
        g->value = tdm_quantity_shown(si, unit);
        g->per_unit =
            k ? NAN
              : envelope(o, dx, dM) * per * (is_celsius(unit) ? 1 : tdm_slp_unit_factor(unit));
    }
    free(dx);
    free(dM);
    return rc;
}

int
tdm_slp_explain_steps(struct opt *o, tdm_error *err)
{
    tdm_opt_problem *p = o->p;
    double *keep = calloc((size_t)o->nv + 1, sizeof(double));
    if (!keep) return oom(err);
    memcpy(keep, o->theta, sizeof(double) * (size_t)o->nv);
    int rc = 0;
    for (int i = 0; i < p->nexplain && !rc; i++) {
        tdm_opt_explain *e = &p->explain[i];
        e->objective = NAN;
        e->failed = NULL;
        for (int v = 0; v < o->nv; v++)
            if (!strcmp(p->var[v].unit_name, e->unit_name) && !strcmp(p->var[v].key, e->key))
                e->failed = "the key is released: the optimizer already chooses it";
        if (e->failed) continue;
        const tdm_unit *u = tdm_flowsheet_unit(o->fs, tdm_flowsheet_find_unit(o->fs, e->unit_name));
        const tdm_kv *kv = tdm_ini_kv(u->sec, e->key);
        const char *orig = tdm_arena_strdup(tdm_flowsheet_arena(o->fs), kv->value);
        if (!orig) {
            rc = oom(err);
            break;
        }
        e->before = orig;
        double si, step;
        tdm_dim d1, d2;
        const char *rest;
        char why[120];
        /* a step is a difference: 5 C is 5 K, not 278.15 K */
        if (tdm_slp_value_si(orig, &si, &d1, &rest) ||
            tdm_quantity_parse_difference(e->step, &step, &d2, why, sizeof why) ||
            !tdm_dim_equal(d1, d2)) {
            rc = tdm_opt_errorf(p, TDM_EINPUT, e->line, err,

                                "`explain.%s.%s = %s`: the step and the key's value `%s` "
                                "must be numbers of the same kind",
                                e->unit_name, e->key, e->step, orig);
            break;
        }
        char *end;
        strtod(orig, &end);
        char unit[64];
        size_t n = rest ? (size_t)(rest - end) : strlen(end);
        if (n >= sizeof unit) n = sizeof unit - 1;
        memcpy(unit, end, n);
        unit[n] = '\0';
        char *us = unit;
        while (*us == ' ')
            us++;
        size_t l = strlen(us);
        while (l && us[l - 1] == ' ')
            us[--l] = '\0';
        char buf[200];
        tdm_slp_format_value(buf, sizeof buf, si + step, us, rest);
        e->after = tdm_arena_strdup(tdm_flowsheet_arena(o->fs), buf);
        tdm_error why2;
        if (tdm_slp_set_key(o, e->unit_name, e->key, buf, &why2)) {
            e->failed = tdm_arena_strdup(tdm_flowsheet_arena(o->fs), why2.msg);
            continue;
        }
        struct outcome oc;
        memcpy(o->theta, keep, sizeof(double) * (size_t)o->nv);
        if (tdm_slp_iterate(o, &oc, NULL, &why2))
            e->failed = tdm_arena_strdup(tdm_flowsheet_arena(o->fs), why2.msg);
        else
            e->objective = oc.J;
        if (tdm_slp_set_key(o, e->unit_name, e->key, orig, err)) rc = -1;
    }
    memcpy(o->theta, keep, sizeof(double) * (size_t)o->nv);
    free(keep);
    return rc;
}
