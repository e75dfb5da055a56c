/* lp.c: the linear program of one step of the successive-LP optimizer (slp.h): linear
 * expressions over the released keys and the heat supplied, the rows (flows within their
 * bounds, heat, limits, the optional units' links) with the weights the envelope theorem
 * needs, the objective (N - lambda D) and GLPK's simplex and branch and bound. */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slp.h"

/* ---- the LP ------------------------------------------------------------------------- */

static int
expr_init(const struct opt *o, struct expr *e)
{
    e->a = calloc((size_t)lp_cols(o) + 1, sizeof(double));
    e->w = calloc((size_t)o->nm + 1, sizeof(double));
    e->wx = calloc((size_t)o->n + 1, sizeof(double));
    e->c = 0;
    return e->a && e->w && e->wx ? 0 : -1;
}

static void
expr_free(struct expr *e)
{
    free(e->a);
    free(e->w);
    free(e->wx);
}

/* e += w * M_m(theta), M_m(theta) = M0_m + sum_v dM_m/dtheta_v (theta_v - theta0_v) */
static void
expr_figure(const struct opt *o, struct expr *e, int m, double w)
{
    double c = o->M0[m];
    for (int v = 0; v < o->nv; v++) {
        double g = o->Jt[(size_t)v * (size_t)o->nm + (size_t)m];
        e->a[1 + v] += w * g;
        c -= g * o->theta[v];
    }
    e->c += w * c;
    e->w[m] += w;
}

/* e += w * x_j(theta) */
static void
expr_flow(const struct opt *o, struct expr *e, int j, double w)
{
    double c = o->x0[j];
    for (int v = 0; v < o->nv; v++) {
        double g = o->Xt[(size_t)v * (size_t)o->n + (size_t)j];
        e->a[1 + v] += w * g;
        c -= g * o->theta[v];
    }
    e->c += w * c;
    e->wx[j] += w;
}

static void
expr_heat(const struct opt *o, struct expr *e, double w)
{
    for (int d = 0; d < o->nd; d++)
        e->a[1 + o->nv + d] += w;
}

/* A limit's expression (purity: x_X - bound * total, kept >= 0). */
static void
expr_limit(const struct opt *o, struct expr *e, const tdm_opt_limit *l)
{
    switch (l->metric) {
    case TDM_MET_ELECTRICITY:
        expr_figure(o, e, M_E, 1);
        break;
    case TDM_MET_HEAT:
        expr_heat(o, e, 1);
        break;
    case TDM_MET_ENERGY:
        expr_figure(o, e, M_E, 1);
        expr_heat(o, e, 1);
        break;
    case TDM_MET_PRODUCT:
        expr_figure(o, e, M_P, 1);
        break;
    case TDM_MET_FEED:
        expr_figure(o, e, feed_index(o, l->species), 1);
        break;
    case TDM_MET_OUTPUT:
        expr_figure(o, e, out_index(o, l->species), 1);
        break;
    case TDM_MET_PURITY: {
        int col = tdm_flowsheet_stream_col(o->fs, l->stream);
        for (int k = 0; k < o->nsp; k++)
            expr_flow(o, e, col + k, (k == l->species ? 1 : 0) - l->bound);
        break;
    }
    case TDM_MET_EMISSIONS:
        expr_figure(o, e, M_CO2E, 1);
        if (l->per_product) expr_figure(o, e, M_P, -l->bound);
        break;
    }
}

/* Numerator and denominator of the objective. */
static void
expr_objective(const struct opt *o, struct expr *num, struct expr *den)
{
    const tdm_objective_info *ob = tdm_objective_get(o->p->objective);
    expr_figure(o, num, tdm_slp_objective_figure(ob), ob->maximize ? -1 : 1);
    if (ob->with_heat) expr_heat(o, num, 1);
    expr_figure(o, den, M_P, 1);
}

static void
set_col_bounds(glp_prob *lp, int j, double lb, double ub)
{
    int type = isfinite(lb) ? (isfinite(ub) ? (lb == ub ? GLP_FX : GLP_DB) : GLP_LO)
                            : (isfinite(ub) ? GLP_UP : GLP_FR);
    glp_set_col_bnds(lp, j, type, isfinite(lb) ? lb : 0, isfinite(ub) ? ub : 0);
}

static void
set_row_bounds(glp_prob *lp, int r, double lb, double ub)
{
    int type = isfinite(lb) ? (isfinite(ub) ? (lb == ub ? GLP_FX : GLP_DB) : GLP_LO)
                            : (isfinite(ub) ? GLP_UP : GLP_FR);
    glp_set_row_bnds(lp, r, type, isfinite(lb) ? lb : 0, isfinite(ub) ? ub : 0);
}

/* Adds "lb <= e <= ub" as a row and keeps its weights; returns the row. */
static int
add_expr_row(struct opt *o, const struct expr *e, double lb, double ub, const char *name,
             enum row_kind kind, int *ind, double *val)
{
    int r = glp_add_rows(o->lp, 1);
    glp_set_row_name(o->lp, r, name);
    int n = 0;
    for (int j = 1; j <= lp_cols(o); j++)
        if (e->a[j] != 0) {
            ind[n + 1] = j;
            val[n + 1] = e->a[j];
            n++;
        }
    glp_set_mat_row(o->lp, r, n, ind, val);
    set_row_bounds(o->lp, r, lb - e->c, ub - e->c);
    struct lp_row *lr = &o->rows[r - 1];
    lr->kind = kind;
    lr->w = malloc(sizeof(double) * (size_t)o->nm);
    lr->nx = 0;
    for (int j = 0; j < o->n; j++)
        lr->nx += e->wx[j] != 0;
    lr->xj = malloc(sizeof(int) * (size_t)(lr->nx + 1));
    lr->xw = malloc(sizeof(double) * (size_t)(lr->nx + 1));
    if (!lr->w || !lr->xj || !lr->xw) return -1;
    memcpy(lr->w, e->w, sizeof(double) * (size_t)o->nm);
    int k = 0;
    for (int j = 0; j < o->n; j++)
        if (e->wx[j] != 0) {
            lr->xj[k] = j;
            lr->xw[k++] = e->wx[j];
        }
    return r;
}

void
tdm_slp_free_rows(struct opt *o)
{
    for (int r = 0; r < o->nlp_rows; r++) {
        free(o->rows[r].w);
        free(o->rows[r].xj);
        free(o->rows[r].xw);
    }
    free(o->rows);
    o->rows = NULL;
    o->nlp_rows = 0;
}

/* Builds the LP at the current point; `full`: released keys span their whole range;
 * `fix_y`: the layout is fixed at o->y (an LP, whose duals explain the answer), else the
 * free binaries make it a MILP. */
int
tdm_slp_build_lp(struct opt *o, bool full, bool fix_y, tdm_error *err)
{
    if (o->lp) glp_delete_prob(o->lp);
    tdm_slp_free_rows(o);
    o->lp = glp_create_prob();
    glp_prob *lp = o->lp;
    glp_set_obj_dir(lp, GLP_MIN);
    const tdm_model *m = o->sim->model;
    int nc = lp_cols(o);
    glp_add_cols(lp, nc);
    for (int v = 0; v < o->nv; v++) {
        const tdm_opt_var *var = &o->p->var[v];
        double lo = var->lo, hi = var->hi;
        if (!full) {
            lo = fmax(lo, o->theta[v] - o->delta[v]);
            hi = fmin(hi, o->theta[v] + o->delta[v]);
        }
        set_col_bounds(lp, 1 + v, lo, hi);
        char name[200];
        snprintf(name, sizeof name, "vary.%s.%s", var->unit_name, var->key);
        glp_set_col_name(lp, 1 + v, name);
    }
    for (int d = 0; d < o->nd; d++) {
        set_col_bounds(lp, 1 + o->nv + d, 0, HUGE_VAL);
        char name[200];
        snprintf(name, sizeof name, "heat supplied to [%s]",
                 tdm_flowsheet_unit(o->fs, o->d_unit[d])->name);
        glp_set_col_name(lp, 1 + o->nv + d, name);
    }
    for (int i = 0; i < o->nopt; i++) {
        set_col_bounds(lp, scol(o, i), 0, fix_y ? 0 : HUGE_VAL);
        char name[200];
        snprintf(name, sizeof name, "[%s] inflow while off",
                 tdm_flowsheet_unit(o->fs, o->opt_unit[i])->name);
        glp_set_col_name(lp, scol(o, i), name);
        int j = ycol(o, i);
        glp_set_col_name(lp, j, tdm_flowsheet_unit(o->fs, o->opt_unit[i])->name);
        if (fix_y || o->y_fixed[i] >= 0) {
            double v = fix_y ? o->y[i] : o->y_fixed[i];
            glp_set_col_bnds(lp, j, GLP_FX, v, v);
        } else {
            glp_set_col_kind(lp, j, GLP_BV);
        }
    }
    /* rows: the flows that move stay within their bounds; heat; limits; links */
    int cap = o->n + o->nd + o->p->nlimits + o->nopt * o->n;
    o->rows = calloc((size_t)cap + 1, sizeof *o->rows);
    int *ind = malloc(sizeof(int) * (size_t)(nc + 2));
    double *val = malloc(sizeof(double) * (size_t)(nc + 2));
    struct expr e = {0}, num = {0}, den = {0};
    int rc = 0;
    if (!o->rows || !ind || !val || expr_init(o, &e) || expr_init(o, &num) || expr_init(o, &den))
        rc = oom(err);
    for (int j = 0; j < o->n && !rc; j++) {
        double lb = tdm_model_col_lb(m, j), ub = tdm_model_col_ub(m, j);
        if (!isfinite(lb) && !isfinite(ub)) continue;
        bool moves = false;
        for (int v = 0; v < o->nv; v++)
            moves |= o->Xt[(size_t)v * (size_t)o->n + (size_t)j] != 0;
        if (!moves) continue;
        memset(e.a, 0, sizeof(double) * (size_t)(nc + 1));
        memset(e.w, 0, sizeof(double) * (size_t)o->nm);
        memset(e.wx, 0, sizeof(double) * (size_t)o->n);
        e.c = 0;
        expr_flow(o, &e, j, 1);
        if (add_expr_row(o, &e, lb, ub, tdm_model_col_label(m, j), ROW_FLOW, ind, val) < 0)
            rc = oom(err);
        o->nlp_rows = glp_get_num_rows(lp);
    }
    for (int d = 0; d < o->nd && !rc; d++) {
        memset(e.a, 0, sizeof(double) * (size_t)(nc + 1));
        memset(e.w, 0, sizeof(double) * (size_t)o->nm);
        memset(e.wx, 0, sizeof(double) * (size_t)o->n);
        e.c = 0;
        e.a[1 + o->nv + d] = 1;
        expr_figure(o, &e, M_FIXED + d, -1);
        if (add_expr_row(o, &e, 0, HUGE_VAL, glp_get_col_name(lp, 1 + o->nv + d), ROW_HEAT, ind,
                         val) < 0)
            rc = oom(err);
        o->nlp_rows = glp_get_num_rows(lp);
    }
    o->first_limit = glp_get_num_rows(lp) + 1;
    for (int l = 0; l < o->p->nlimits && !rc; l++) {
        memset(e.a, 0, sizeof(double) * (size_t)(nc + 1));
        memset(e.w, 0, sizeof(double) * (size_t)o->nm);
        memset(e.wx, 0, sizeof(double) * (size_t)o->n);
        e.c = 0;
        const tdm_opt_limit *lim = &o->p->limit[l];
        expr_limit(o, &e, lim);
        double b = limit_is_share(lim) ? 0 : lim->bound;
        if (add_expr_row(o, &e, lim->upper ? -HUGE_VAL : b, lim->upper ? b : HUGE_VAL, lim->key,
                         ROW_LIMIT, ind, val) < 0)
            rc = oom(err);
        o->nlp_rows = glp_get_num_rows(lp);
    }
    /* an optional unit that is off takes nothing in: x_j(theta) <= U_j y, with U_j the most
     * the linearized flow can reach within the ranges */
    double xmax = 0; /* the largest stream flow, mol/s */
    for (int st = 0; st < tdm_flowsheet_nstreams(o->fs); st++)
        for (int k = 0; k < o->nsp; k++)
            xmax = fmax(xmax, o->x0[tdm_flowsheet_stream_col(o->fs, st) + k]);
    for (int i = 0; i < o->nopt && !rc && !fix_y; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(o->fs, o->opt_unit[i]);
        for (int pi = 0; u->kind->ports[pi].key && !rc; pi++) {
            if (u->kind->ports[pi].dir != TDM_PORT_IN) continue;
            for (int q = 0; q < tdm_unit_port_n(u, pi) && !rc; q++) {
                int col = tdm_flowsheet_stream_col(o->fs, tdm_unit_port_stream(u, pi, q));
                for (int k = 0; k < o->nsp && !rc; k++) {
                    int j = col + k;
                    double U = o->x0[j];
                    bool moves = false;
                    for (int v = 0; v < o->nv; v++) {
                        double g = o->Xt[(size_t)v * (size_t)o->n + (size_t)j];
                        const tdm_opt_var *var = &o->p->var[v];
                        moves |= g != 0;
                        U += fabs(g) * (isfinite(var->hi) ? var->hi - var->lo : 1e6 * (xmax + 1));
                    }
                    if (!moves && o->x0[j] <= 0) continue;
                    memset(e.a, 0, sizeof(double) * (size_t)(nc + 1));
                    memset(e.w, 0, sizeof(double) * (size_t)o->nm);
                    memset(e.wx, 0, sizeof(double) * (size_t)o->n);
                    e.c = 0;
                    expr_flow(o, &e, j, 1);
                    e.a[ycol(o, i)] = -fmax(U, 1e-12);
                    e.a[scol(o, i)] = -1;
                    char name[300];
                    snprintf(name, sizeof name, "[%s] is off: %s", u->name,
                             tdm_model_col_label(m, j));
                    if (add_expr_row(o, &e, -HUGE_VAL, 0, name, ROW_LINK, ind, val) < 0)
                        rc = oom(err);
                    o->nlp_rows = glp_get_num_rows(lp);
                }
            }
        }
    }
    /* objective: (N - lambda D) / scale */
    if (!rc) {
        expr_objective(o, &num, &den);
        double N, D;
        tdm_slp_objective_parts(o, &N, &D);
        o->D0 = D;
        o->lambda = is_ratio(o->p->objective) && D > 0 ? N / D : 0;
        o->scale = fabs(N) > 0 ? fabs(N) : 1.0;
        for (int j = 1; j <= nc; j++)
            glp_set_obj_coef(lp, j, (num.a[j] - o->lambda * den.a[j]) / o->scale);
        /* an optional unit that is on carries its fixed charge; the linearized cost already
         * holds it at the point, so switching the unit off takes it away */
        double c0 = num.c - o->lambda * den.c;
        for (int i = 0; i < o->nopt; i++) {
            /* a unit that takes nothing is off: a hair of cost settles the tie */
            glp_set_obj_coef(lp, ycol(o, i), o->fc[i] / o->scale + 1e-9);
            c0 -= o->fc[i];
            glp_set_obj_coef(lp, scol(o, i), 1e3 / fmax(xmax, 1e-300));
        }
        glp_set_obj_coef(lp, 0, c0 / o->scale);
        for (int i = 0; i < o->nm; i++)
            o->obj_w[i] = (num.w[i] - o->lambda * den.w[i]) / o->scale;
    }
    expr_free(&e);
    expr_free(&num);
    expr_free(&den);
    free(ind);
    free(val);
    return rc;
}

/* Solves the LP, or the MILP when it has binaries (glp_intopt from the LP relaxation). */
int
tdm_slp_run_lp(glp_prob *lp)
{
    int st = tdm_slp_run_simplex(lp);
    if (st != GLP_OPT || glp_get_num_int(lp) == 0) return st;
    int was = glp_term_out(GLP_OFF);
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    int rc = glp_intopt(lp, &parm);
    glp_term_out(was);
    if (rc) return -1;
    int ms = glp_mip_status(lp);
    return ms == GLP_OPT || ms == GLP_FEAS ? GLP_OPT : ms;
}

int
tdm_slp_run_simplex(glp_prob *lp)
{
    int was = glp_term_out(GLP_OFF);
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    /* the scaling divides a column with 1e8 W per kg/s in its rows (a product rate) by as
     * much, and its cost with it: at GLPK's 1e-7 a cost of 1 % of the objective per kg/s
     * read as none, and the LP stopped anywhere along it */
    parm.tol_dj = 1e-12;
    int rc = 1;
    if (glp_get_num_rows(lp) == 0) {
        /* nothing constrains the columns: the simplex needs no basis work */
        glp_std_basis(lp);
    } else {
        glp_scale_prob(lp, GLP_SF_AUTO);
        glp_adv_basis(lp, 0);
    }
    rc = glp_simplex(lp, &parm);
    if (rc) {
        glp_std_basis(lp);
        rc = glp_simplex(lp, &parm);
    }
    glp_term_out(was);
    if (rc) return -1;
    return glp_get_status(lp);
}
