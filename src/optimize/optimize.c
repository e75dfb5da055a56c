/* optimize.c: successive linear programming in the space of the released keys.
 *
 * With every specification fixed the flowsheet is a square linear system: the released
 * keys theta are its only freedom, and each theta gives one simulated point x(theta). One
 * iteration: set the keys to theta0 and simulate (x0 and the plant figures M0:
 * electricity, each heat duty, main product, flows across the boundary, annualized cost);
 * simulate again at theta0 + h e_v for each key to measure dx/dtheta and dM/dtheta (exact
 * for a key that enters the balances as a right-hand side, a rate or a current; a first
 * linearization for one that multiplies a flow, a split fraction or a conversion); then
 * solve on GLPK, over z = (theta, heat supplied h),
 *
 *     min  c.z
 *     s.t. lb_j <= x0_j + dx_j/dtheta (theta - theta0) <= ub_j     every flow that moves
 *          h_d >= M_d(theta),  h_d >= 0                            every heat duty
 *          L_l(theta, h) <= or >= bound                            every limit
 *          lo_v <= theta_v <= hi_v  (in a trust region for keys that multiply flows)
 *
 * and move. Differences are taken along the flowsheet's own solutions, so the figures'
 * kinks off it (heat priced only when supplied) do not mislead. Ratios (energy or cost per
 * tonne) follow Dinkelbach: minimize N - lambda D with lambda = N0 / D0 of the current
 * point; at the optimum the LP can do no better than zero. The answer is always a
 * simulated point. */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "tandem/species.h"
#include "tandem/tea.h"
#include "tandem/unit.h"

enum { M_E, M_P, M_COST, M_FIXED };

/* Below 1 % of its base size a cost curve is the straight line from zero (tandem/tea.h):
 * the slope of a unit that opens from nothing stays finite. */
#define SMALL_SIZE 0.01

enum row_kind { ROW_FLOW, ROW_HEAT, ROW_LIMIT, ROW_LINK };

/* An LP row's constant in terms of the point: weights on the figures and on the flows. */
struct lp_row {
    enum row_kind kind;
    double *w;
    int *xj;
    double *xw;
    int nx;
};

struct opt {
    tdm_simulation *sim;
    tdm_flowsheet *fs;
    tdm_opt_problem *p;
    const tdm_scenario *sc;
    tdm_tea *tea;
    bool cost;
    int n, nrows, nsp, nunits, nv;
    /* heat duties tracked by unit and label; idx -1: the unit's net heat */
    int nd;
    int *d_unit, *d_idx;
    const char **d_label;
    signed char *bsign; /* nunits x nsp: +1 counts as feed, -1 as output */
    int nm;
    double *x0, *M0, *x1, *M1;
    double *Xt, *Jt;       /* per key: dx/dtheta (n), dM/dtheta (nm) */
    double *theta, *delta; /* current value, trust radius (SI) */
    const char **suffix;   /* text after the first comma of the file's value */
    /* LP */
    glp_prob *lp;
    struct lp_row *rows;
    int nlp_rows, first_limit;
    double *obj_w; /* objective weights on the figures */
    double scale, lambda, D0;
    double flow_ref; /* the largest stream flow at the start, mol/s */
    bool mip;        /* the last solve was glp_intopt's */
    /* optional units: on/off binaries with their fixed charge (N units) */
    int nopt;
    int *opt_unit, *y, *y_fixed; /* y_fixed: -1 free, else forced to 0 or 1 */
    double *fc;
};

static int
oom(tdm_error *err)
{
    return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
}

/* ---- values of released keys as text ---------------------------------------------- */

static bool
is_celsius(const char *u)
{
    return !strcmp(u, "C") || !strcmp(u, "degC");
}

static double
unit_factor(const char *u)
{
    if (!u[0] || !strcmp(u, "K") || is_celsius(u)) return 1.0;
    double f;
    tdm_dim d;
    char why[120];
    return tdm_unit_parse(u, &f, &d, why, sizeof why) ? 1.0 : f;
}

static void
format_value(char *buf, size_t n, double si, const char *unit, const char *suffix)
{
    double shown = is_celsius(unit) ? si - 273.15 : si / unit_factor(unit);
    snprintf(buf, n, "%.15g%s%s%s", shown, unit[0] ? " " : "", unit, suffix ? suffix : "");
}

static int
set_key(struct opt *o, const char *unit, const char *key, const char *value, tdm_error *err)
{
    return tdm_flowsheet_set(o->fs, o->sim->model, unit, key, value, err);
}

static int
set_var(struct opt *o, int v, double si, tdm_error *err)
{
    const tdm_opt_var *var = &o->p->var[v];
    char buf[200];
    format_value(buf, sizeof buf, si, var->unit, o->suffix[v]);
    return set_key(o, var->unit_name, var->key, buf, err);
}

/* The number at the start of a key's value ("0.95, rest" -> 0.95) in SI; *rest gets the
 * text from the first comma on. */
static int
value_si(const char *value, double *si, tdm_dim *dim, const char **rest)
{
    const char *comma = strchr(value, ',');
    char buf[200];
    size_t n = comma ? (size_t)(comma - value) : strlen(value);
    if (n >= sizeof buf) return -1;
    memcpy(buf, value, n);
    buf[n] = '\0';
    if (rest) *rest = comma;
    char why[120];
    return tdm_quantity_parse(buf, si, dim, why, sizeof why);
}

/* ---- plant figures ------------------------------------------------------------------ */

static int
feed_index(const struct opt *o, int k)
{
    return M_FIXED + o->nd + k;
}
static int
out_index(const struct opt *o, int k)
{
    return M_FIXED + o->nd + o->nsp + k;
}

/* Which duties and boundary flows to follow, from the solved point. */
static int
layout(struct opt *o, const tdm_results *res, tdm_error *err)
{
    int cap = 0;
    for (int u = 0; u < o->nunits; u++)
        cap += res->units[u].nduty ? res->units[u].nduty : 1;
    o->d_unit = calloc((size_t)cap + 1, sizeof(int));
    o->d_idx = calloc((size_t)cap + 1, sizeof(int));
    o->d_label = calloc((size_t)cap + 1, sizeof(char *));
    o->bsign = calloc((size_t)(o->nunits * o->nsp) + 1, 1);
    if (!o->d_unit || !o->d_idx || !o->d_label || !o->bsign) return oom(err);
    o->nd = 0;
    for (int u = 0; u < o->nunits; u++) {
        const tdm_unit_result *r = &res->units[u];
        for (int i = 0; i < r->nduty; i++) {
            o->d_unit[o->nd] = u;
            o->d_idx[o->nd] = i;
            o->d_label[o->nd] = r->duty[i].label;
            o->nd++;
        }
        if (!r->nduty) {
            o->d_unit[o->nd] = u;
            o->d_idx[o->nd] = -1;
            o->nd++;
        }
        for (int k = 0; k < o->nsp; k++) {
            double b = r->boundary ? r->boundary[k] : 0;
            o->bsign[u * o->nsp + k] = (signed char)(b > 0                      ? 1
                                                     : b < 0                    ? -1
                                                     : r->role == TDM_ROLE_FEED ? 1
                                                                                : -1);
        }
    }
    o->nm = M_FIXED + o->nd + 2 * o->nsp;
    return 0;
}

/* Heat duty d at a solved point: found by its label (a duty may come and go with its
 * sign); a unit that had none is followed by its net heat. */
static double
duty_of(const struct opt *o, const tdm_results *res, int d)
{
    const tdm_unit_result *r = &res->units[o->d_unit[d]];
    int i = o->d_idx[d];
    double q = 0;
    if (i < 0) {
        for (int k = 0; k < r->nduty; k++)
            q += r->duty[k].q_w;
        return q;
    }
    for (int k = 0; k < r->nduty; k++)
        if (r->duty[k].label && o->d_label[d] && !strcmp(r->duty[k].label, o->d_label[d]))
            return r->duty[k].q_w;
    return 0;
}

/* The figures of a solved point. */
static int
figures(struct opt *o, const tdm_results *res, double *m, tdm_error *err)
{
    memset(m, 0, sizeof(double) * (size_t)o->nm);
    m[M_E] = res->summary.electric_w;
    m[M_P] = res->summary.product_kg_s;
    if (o->cost) {
        if (tdm_tea_evaluate_opts(res, o->sc, &(tdm_tea_opts){SMALL_SIZE, -1, true}, o->tea, err))
            return -1;
        m[M_COST] = isfinite(o->tea->lcop) ? o->tea->lcop * m[M_P] : 0;
    }
    for (int d = 0; d < o->nd; d++)
        m[M_FIXED + d] = duty_of(o, res, d);
    for (int u = 0; u < o->nunits; u++) {
        const double *b = res->units[u].boundary;
        if (!b) continue;
        for (int k = 0; k < o->nsp; k++) {
            double kg = b[k] * tdm_flowsheet_species_at(o->fs, k)->molar_mass;
            if (o->bsign[u * o->nsp + k] > 0)
                m[feed_index(o, k)] += kg;
            else
                m[out_index(o, k)] -= kg;
        }
    }
    return 0;
}

/* Simulates the flowsheet as it stands: flows into x, figures into m. */
static int
simulate_point(struct opt *o, double *x, double *m, tdm_error *err)
{
    if (tdm_simulate(o->sim, err)) return -1;
    memcpy(x, o->sim->x, sizeof(double) * (size_t)o->n);
    return figures(o, o->sim->results, m, err);
}

static int
simulate_at(struct opt *o, const double *theta, tdm_error *err)
{
    for (int v = 0; v < o->nv; v++)
        if (set_var(o, v, theta[v], err)) return -1;
    return simulate_point(o, o->x0, o->M0, err);
}

/* True when a key enters its unit's rows as a coefficient (a fraction multiplying a flow)
 * rather than as a right-hand side (a rate): the flows then move nonlinearly with it. */
static int
enters_as_coefficient(struct opt *o, const char *unit, const char *key, const char *now,
                      const char *moved, bool *coef, tdm_error *err)
{
    const tdm_model *m = o->sim->model;
    int owner = tdm_flowsheet_find_unit(o->fs, unit);
    double *ax = calloc((size_t)o->nrows + 1, sizeof(double));
    if (!ax) return oom(err);
    for (int pass = 0; pass < 2; pass++) {
        if (set_key(o, unit, key, pass ? moved : now, err)) {
            free(ax);
            return -1;
        }
        if (pass == 0) continue;
        for (int i = 0; i < o->nrows; i++) {
            if (tdm_model_row_owner(m, i) != owner) continue;
            const int *c;
            const double *a;
            int n = tdm_model_row_entries(m, i, &c, &a);
            double s = 0;
            for (int k = 0; k < n; k++)
                s += a[k] * o->x0[c[k]];
            ax[i] = s;
        }
    }
    if (set_key(o, unit, key, now, err)) {
        free(ax);
        return -1;
    }
    *coef = false;
    for (int i = 0; i < o->nrows; i++) {
        if (tdm_model_row_owner(m, i) != owner) continue;
        const int *c;
        const double *a;
        int n = tdm_model_row_entries(m, i, &c, &a);
        double s = 0, big = 0;
        for (int k = 0; k < n; k++) {
            s += a[k] * o->x0[c[k]];
            big = fmax(big, fabs(a[k] * o->x0[c[k]]));
        }
        if (fabs(ax[i] - s) > 1e-9 * big + 1e-300) *coef = true;
    }
    free(ax);
    return 0;
}

/* How the solved point moves with one key: dx (n) and dM (nm) per SI unit, by simulating
 * at value + h (or - h when that cannot run). The key is left at `value_text` and the
 * simulation re-run there. Returns 1 when neither side simulates. */
static int
key_motion(struct opt *o, const char *unit, const char *key, double si, const char *shown_unit,
           const char *suffix, const char *value_text, double lo, double hi, double *dx, double *dM,
           tdm_error *err)
{
    double span = isfinite(hi) && isfinite(lo) ? hi - lo : fabs(si);
    double h = 1e-6 * fmax(fmax(fabs(si), span), 1e-9);
    if (si + h > hi) h = -h;
    int rc = 1;
    for (int side = 0; side < 2 && rc == 1; side++, h = -h) {
        char buf[200];
        format_value(buf, sizeof buf, si + h, shown_unit, suffix);
        tdm_error why;
        if (set_key(o, unit, key, buf, &why)) continue;
        if (simulate_point(o, o->x1, o->M1, &why) == 0) {
            double step = (si + h) - si;
            for (int j = 0; j < o->n; j++)
                dx[j] = (o->x1[j] - o->x0[j]) / step;
            for (int i = 0; i < o->nm; i++)
                dM[i] = (o->M1[i] - o->M0[i]) / step;
            rc = 0;
        }
    }
    if (set_key(o, unit, key, value_text, err)) return -1;
    if (simulate_point(o, o->x0, o->M0, err)) return -1;
    return rc;
}

/* ---- the LP ------------------------------------------------------------------------- */

/* A linear expression over the LP columns (1-based: released values, then heat supplied)
 * plus a constant. The constant is made of figures and flows at the current point; their
 * weights are kept so that the envelope theorem can move it (sensitivities). */
struct expr {
    double *a; /* ncols + 1 */
    double c;
    double *w;  /* weights on the figures (nm) */
    double *wx; /* weights on the flows (n) */
};

static int
lp_cols(const struct opt *o)
{
    return o->nv + o->nd + 2 * o->nopt;
}

/* LP column of optional unit i's slack: what its linearized inflow exceeds while it is off,
 * at a high price (elastic links: a layout far from the point is reached in steps). */
static int
scol(const struct opt *o, int i)
{
    return 1 + o->nv + o->nd + o->nopt + i;
}

/* LP column (1-based) of optional unit i's on/off binary. */
static int
ycol(const struct opt *o, int i)
{
    return 1 + o->nv + o->nd + i;
}

/* A column's value in the last solution (the MIP's when there was one). */
static double
col_val(const struct opt *o, int j)
{
    return o->mip ? glp_mip_col_val(o->lp, j) : glp_get_col_prim(o->lp, j);
}

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
    }
}

static bool
is_ratio(enum tdm_objective obj)
{
    return tdm_objective_get(obj)->per_tonne;
}

/* The model figure an objective is made of (tandem/optimize.h's table) */
static int
objective_figure(const tdm_objective_info *ob)
{
    return ob->figure == TDM_OBJF_ELECTRICITY ? M_E : ob->figure == TDM_OBJF_PRODUCT ? M_P : M_COST;
}

/* Numerator and denominator of the objective. */
static void
expr_objective(const struct opt *o, struct expr *num, struct expr *den)
{
    const tdm_objective_info *ob = tdm_objective_get(o->p->objective);
    expr_figure(o, num, objective_figure(ob), ob->maximize ? -1 : 1);
    if (ob->with_heat) expr_heat(o, num, 1);
    expr_figure(o, den, M_P, 1);
}

static double
heat_supplied(const struct opt *o, const double *M)
{
    double heat = 0;
    for (int d = 0; d < o->nd; d++)
        heat += fmax(0, M[M_FIXED + d]);
    return heat;
}

/* The objective's numerator and denominator at the simulated point. */
static void
objective_parts(const struct opt *o, double *N, double *D)
{
    const tdm_objective_info *ob = tdm_objective_get(o->p->objective);
    *N = o->M0[objective_figure(ob)];
    if (ob->with_heat) *N += heat_supplied(o, o->M0);
    if (ob->maximize) *N = -*N;
    *D = o->M0[M_P];
}

/* The objective at the simulated point, in its display unit. */
static double
objective_shown(const struct opt *o)
{
    double N, D;
    objective_parts(o, &N, &D);
    const tdm_objective_info *ob = tdm_objective_get(o->p->objective);
    /* per tonne: J/kg -> GJ/t, $/kg -> $/t; a rate (the product's, negated to minimize):
     * kg/s -> t/day */
    if (ob->per_tonne) return N / D / ob->si_per_shown;
    return -N * 86.4;
}

/* d(objective shown) per unit change of the LP objective. */
static double
objective_per_lp(const struct opt *o)
{
    const tdm_objective_info *ob = tdm_objective_get(o->p->objective);
    if (ob->per_tonne) return o->scale / o->D0 / ob->si_per_shown;
    return -o->scale * 86.4;
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

static void
free_rows(struct opt *o)
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

/* Inlet flow (mol/s) of optional unit i at the point. */
static double
opt_inflow(const struct opt *o, int i, const double *x)
{
    const tdm_unit *u = tdm_flowsheet_unit(o->fs, o->opt_unit[i]);
    double s = 0;
    for (int p = 0; u->kind->ports[p].key; p++) {
        if (u->kind->ports[p].dir != TDM_PORT_IN) continue;
        for (int q = 0; q < tdm_unit_port_n(u, p); q++) {
            int col = tdm_flowsheet_stream_col(o->fs, tdm_unit_port_stream(u, p, q));
            for (int k = 0; k < o->nsp; k++)
                s += x[col + k];
        }
    }
    return s;
}

/* Builds the LP at the current point; `full`: released keys span their whole range;
 * `fix_y`: the layout is fixed at o->y (an LP, whose duals explain the answer), else the
 * free binaries make it a MILP. */
static int
build_lp(struct opt *o, bool full, bool fix_y, tdm_error *err)
{
    if (o->lp) glp_delete_prob(o->lp);
    free_rows(o);
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
        double b = lim->metric == TDM_MET_PURITY ? 0 : lim->bound;
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
        objective_parts(o, &N, &D);
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

static int run_simplex(glp_prob *lp);

/* Solves the LP, or the MILP when it has binaries (glp_intopt from the LP relaxation). */
static int
run_lp(glp_prob *lp)
{
    int st = run_simplex(lp);
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

static int
run_simplex(glp_prob *lp)
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

/* ---- messages for problems without an answer ---------------------------------------- */

static double
limit_shown(const tdm_opt_limit *l, double si)
{
    return l->metric == TDM_MET_PURITY ? si : si / unit_factor(l->unit);
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
        if (run_simplex(lp) == GLP_OPT) {
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

static int
explain_infeasible(struct opt *o, tdm_error *err)
{
    const tdm_opt_problem *p = o->p;
    glp_prob *lp = o->lp;
    for (int l = 0; l < p->nlimits; l++) {
        int r = o->first_limit + l;
        int type = glp_get_row_type(lp, r);
        double lb = glp_get_row_lb(lp, r), ub = glp_get_row_ub(lp, r);
        glp_set_row_bnds(lp, r, GLP_FR, 0, 0);
        if (run_lp(lp) == GLP_OPT) {
            const tdm_opt_limit *lim = &p->limit[l];
            /* row activity + constant = the figure; the constant is bound - rhs */
            double act = row_extreme(lp, r, lim->upper);
            double c = lim->upper ? (lim->metric == TDM_MET_PURITY ? 0 : lim->bound) - ub
                                  : (lim->metric == TDM_MET_PURITY ? 0 : lim->bound) - lb;
            char num[200] = "";
            if (isfinite(act) && lim->metric != TDM_MET_PURITY)
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

static int
explain_unbounded(struct opt *o, tdm_error *err)
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

/* ---- the iteration ------------------------------------------------------------------ */

/* The fixed charge of each optional unit that is on, in the units of the cost figure: what
 * its capital costs the plant (the levelized cost with and without it) less the part that
 * scales with its size at the point. A cost line C = f + b (S/S0)^n has C'(S) S = n (C - f),
 * so its tangent meets zero size at C - n (C - f). */
static int
fixed_charges(struct opt *o, tdm_error *err)
{
    for (int i = 0; i < o->nopt; i++)
        o->fc[i] = 0;
    if (!o->cost || !o->nopt) return 0;
    const tdm_results *res = o->sim->results;
    const tdm_unit *u;
    for (int i = 0; i < o->nopt; i++) {
        if (opt_inflow(o, i, o->x0) <= 0) continue;
        u = tdm_flowsheet_unit(o->fs, o->opt_unit[i]);
        if (tdm_tea_evaluate_opts(res, o->sc, &(tdm_tea_opts){SMALL_SIZE, -1, true}, o->tea, err))
            return -1;
        double all = o->tea->lcop * res->summary.product_kg_s, sum = 0, tangent0 = 0;
        for (int k = 0; k < o->tea->ncapex; k++) {
            const tdm_capex_line *c = &o->tea->capex[k];
            if (strcmp(c->unit, u->name) != 0) continue;
            double C = c->installed, f = c->fixed * c->escalation * c->installation;
            bool small = c->size < SMALL_SIZE * c->base_size;
            sum += C;
            tangent0 += small ? 0 : C - c->exponent * (C - f);
        }
        if (tdm_tea_evaluate_opts(res, o->sc, &(tdm_tea_opts){SMALL_SIZE, o->opt_unit[i], true},
                                  o->tea, err))
            return -1;
        double without = o->tea->lcop * res->summary.product_kg_s;
        if (sum > 0 && all > without) o->fc[i] = (all - without) * tangent0 / sum;
    }
    return 0;
}

static double
span_of(const tdm_opt_var *var, double theta)
{
    return isfinite(var->hi) ? var->hi - var->lo : fabs(theta) + fabs(var->lo) + 1;
}

/* Linearizes at the simulated point (x0, M0): how flows and figures move with each
 * released key, and the fixed charges of the optional units. */
static int
linearize(struct opt *o, tdm_error *err)
{
    if (fixed_charges(o, err)) return -1;
    for (int v = 0; v < o->nv; v++) {
        tdm_opt_var *var = &o->p->var[v];
        char now[200];
        format_value(now, sizeof now, o->theta[v], var->unit, o->suffix[v]);
        if (!var->coefficient) {
            char moved[200];
            format_value(moved, sizeof moved, o->theta[v] * (1 + 1e-3) + 1e-9, var->unit,
                         o->suffix[v]);
            bool coef = false;
            tdm_error ignored;
            if (enters_as_coefficient(o, var->unit_name, var->key, now, moved, &coef, &ignored) ==
                    0 &&
                coef) {
                var->coefficient = true;
                double span = isfinite(var->hi) ? var->hi - var->lo : fabs(o->theta[v]) + 1;
                o->delta[v] = fmin(o->delta[v], 0.25 * span);
            }
        }
        int rc = key_motion(o, var->unit_name, var->key, o->theta[v], var->unit, o->suffix[v], now,
                            var->lo, var->hi, &o->Xt[(size_t)v * (size_t)o->n],
                            &o->Jt[(size_t)v * (size_t)o->nm], err);
        if (rc < 0) return -1;
        /* motion at the level of rounding is none: a flow at zero on a route no key opens
         * (1e-18 mol/s per t/day) would otherwise hold a key at a degenerate vertex, and the
         * limit that really holds it would read as slack */
        double *X = &o->Xt[(size_t)v * (size_t)o->n];
        double tiny = 1e-12 * o->flow_ref / span_of(var, o->theta[v]);
        for (int j = 0; j < o->n; j++)
            if (fabs(X[j]) < tiny && fabs(o->x0[j]) <= 1e-12 * o->flow_ref) X[j] = 0;
        if (rc > 0)
            return tdm_opt_errorf(o->p, TDM_ESOLVE, var->line, err,

                                  "`vary.%s.%s`: the flowsheet cannot run on either side "
                                  "of %s",
                                  var->unit_name, var->key, now);
    }
    return 0;
}

/* Worst relative violation of the limits at the simulated point. */
static double
violation(const struct opt *o)
{
    double worst = 0;
    for (int l = 0; l < o->p->nlimits; l++) {
        const tdm_opt_limit *lim = &o->p->limit[l];
        double v = 0, heat = heat_supplied(o, o->M0);
        switch (lim->metric) {
        case TDM_MET_ELECTRICITY:
            v = o->M0[M_E];
            break;
        case TDM_MET_HEAT:
            v = heat;
            break;
        case TDM_MET_ENERGY:
            v = o->M0[M_E] + heat;
            break;
        case TDM_MET_PRODUCT:
            v = o->M0[M_P];
            break;
        case TDM_MET_FEED:
            v = o->M0[feed_index(o, lim->species)];
            break;
        case TDM_MET_OUTPUT:
            v = o->M0[out_index(o, lim->species)];
            break;
        case TDM_MET_PURITY: {
            int col = tdm_flowsheet_stream_col(o->fs, lim->stream);
            double tot = 0;
            for (int k = 0; k < o->nsp; k++)
                tot += o->x0[col + k];
            v = tot > 0 ? o->x0[col + lim->species] / tot : 0;
            break;
        }
        }
        double ex = lim->upper ? v - lim->bound : lim->bound - v;
        worst = fmax(worst, ex / fmax(fabs(lim->bound), 1e-9));
    }
    /* a unit held off by the layout takes nothing in (against the flows at the start) */
    double off = 0;
    for (int i = 0; i < o->nopt; i++)
        if (o->y_fixed[i] == 0) off += opt_inflow(o, i, o->x0);
    return fmax(worst, off / o->flow_ref);
    return worst;
}

struct outcome {
    double J; /* objective shown */
    int iterations;
    bool converged;
};

/* A point that breaks a limit (a step of a key that multiplies flows lands off it by the
 * curvature its linearization leaves out; or the file's own settings) is put back on the
 * limits along the keys that enter exactly (rates, flows, currents: the flowsheet is linear
 * in them): the LP of that point with the other keys held. Without it the loop could only
 * shrink its steps towards the limit, and stopped at 50 iterations a hair inside it, which
 * the report then called slack. 0 with the plant simulated at the new point, 1 when there
 * is nothing to move or the LP finds no such point (the point stays), -1 on an error. */
static int
restore(struct opt *o, tdm_error *err)
{
    int nv = o->nv, exact = 0;
    for (int v = 0; v < nv; v++)
        exact += !o->p->var[v].coefficient;
    if (exact == 0) return 1;
    double *saved = malloc(sizeof(double) * (size_t)(2 * nv + 1));
    if (!saved) return oom(err);
    double *theta = saved + nv;
    memcpy(saved, o->delta, sizeof(double) * (size_t)nv);
    memcpy(theta, o->theta, sizeof(double) * (size_t)nv);
    int rc = 1;
    if (linearize(o, err)) {
        rc = -1;
    } else {
        for (int v = 0; v < nv; v++)
            if (o->p->var[v].coefficient) o->delta[v] = 0;
        if (build_lp(o, false, true, err)) {
            rc = -1;
        } else if (run_lp(o->lp) == GLP_OPT) {
            for (int v = 0; v < nv; v++)
                if (!o->p->var[v].coefficient)
                    o->theta[v] = fmin(fmax(col_val(o, 1 + v), o->p->var[v].lo), o->p->var[v].hi);
            tdm_error why;
            rc = simulate_at(o, o->theta, &why) ? 1 : 0;
            if (rc) { /* no solution there: back where it was */
                memcpy(o->theta, theta, sizeof(double) * (size_t)nv);
                if (simulate_at(o, o->theta, err)) rc = -1;
            }
        }
    }
    memcpy(o->delta, saved, sizeof(double) * (size_t)nv);
    free(saved);
    return rc;
}

/* The loop: from the current theta to the optimum, leaving the simulation there and the
 * LP of that point (over the whole ranges) built and solved. */
static int
iterate(struct opt *o, struct outcome *out, double *J_start, tdm_error *err)
{
    int nv = o->nv;
    double *best = calloc((size_t)nv + 1, sizeof(double));
    double *next = calloc((size_t)nv + 1, sizeof(double));
    if (!best || !next) {
        free(best);
        free(next);
        return oom(err);
    }
    double bestJ = HUGE_VAL, bestV = HUGE_VAL;
    /* the change in the objective the LP promised for the step taken from the best point
     * (first order, in sign x the objective shown; NAN when unknown) */
    double promised = NAN;
    bool have_best = false, converged = false, back = false;
    int it = 0, rc = 0, flats = 0;
    double sign = tdm_objective_get(o->p->objective)->maximize ? -1 : 1;
    for (int v = 0; v < nv; v++)
        o->delta[v] =
            o->p->var[v].coefficient ? 0.25 * span_of(&o->p->var[v], o->theta[v]) : HUGE_VAL;
    for (it = 1; it <= o->p->max_iterations; it++) {
        tdm_error why;
        if (simulate_at(o, o->theta, have_best ? &why : err)) {
            if (!have_best) {
                rc = -1;
                break;
            }
            /* a step too far for the flowsheet: back off */
            for (int v = 0; v < nv; v++) {
                o->theta[v] = best[v] + 0.5 * (o->theta[v] - best[v]);
                o->delta[v] = 0.5 * fmin(o->delta[v], span_of(&o->p->var[v], best[v]));
            }
            continue;
        }
        double J = sign * objective_shown(o), V = violation(o);
        if (it == 1 && J_start) *J_start = sign * J;
        if (V > 1e-7) {
            int r = restore(o, err);
            if (r < 0) {
                rc = -1;
                break;
            }
            if (r == 0) {
                J = sign * objective_shown(o);
                V = violation(o);
            }
        }
        /* within the limits' tolerance a point a hair over a limit would beat every point
         * on it by as much as it is over (a product rate under a power cap): the excess is
         * charged at twice what it could gain */
        bool better = !have_best || (V <= 1e-7 && bestV <= 1e-7
                                         ? J + 2 * fabs(J) * V <=
                                               bestJ + 2 * fabs(bestJ) * bestV + 1e-9 * fabs(bestJ)
                                         : V < bestV);
        if (!better) {
            /* the step overshot. Along it, J(t) = J(best) + g t + c t^2 through the slope the
             * LP promised (g, at t = 0) and the value found at t = 1 has its least at
             * t = -g / 2c: the next step is cut to that share of this one (between a tenth
             * and a half), which a curved objective reaches in a few steps where halving
             * took dozens and stopped short */
            double cut = 0.5;
            if (isfinite(promised) && promised < 0 && V <= 1e-7 && bestV <= 1e-7) {
                double c = (J - bestJ) - promised;
                if (c > 0) cut = fmin(fmax(-promised / (2 * c), 0.1), 0.5);
            }
            bool all_small = true;
            back = true;
            for (int v = 0; v < nv; v++) {
                o->delta[v] = cut * fmin(o->delta[v], fabs(o->theta[v] - best[v]));
                if (o->delta[v] > 1e-9 * span_of(&o->p->var[v], best[v])) all_small = false;
                o->theta[v] = best[v];
            }
            if (all_small) {
                converged = true;
                if (simulate_at(o, o->theta, err)) rc = -1;
                break;
            }
            continue;
        }
        /* a key the objective does not depend on (a rate, under an objective per tonne)
         * lets the LP wander along it at no gain, and the step never shrinks: steps that
         * gain nothing, twice in a row, on a point that keeps every limit, end the loop */
        bool flat = have_best && !back && V <= 1e-7 && bestV <= 1e-7 &&
                    fabs(bestJ - J) <= 1e-9 * fmax(fabs(J), 1e-300);
        back = false; /* the best point again after a step that overshot is no flat step */
        flats = flat ? flats + 1 : 0;
        have_best = true;
        bestJ = J;
        bestV = V;
        memcpy(best, o->theta, sizeof(double) * (size_t)nv);
        if (nv == 0 || flats >= 2) {
            converged = true;
            break;
        }
        if (linearize(o, err) || build_lp(o, false, false, err)) {
            rc = -1;
            break;
        }
        int st = run_lp(o->lp);
        if (st != GLP_OPT) {
            /* a point a hair off a limit (within the tolerance restore leaves) is put back by
             * the keys that enter exactly, which need no trust region: their steps, cut with
             * the others' after an overshoot, could leave the LP no way back */
            bool cut = false;
            for (int v = 0; v < nv; v++)
                if (!o->p->var[v].coefficient && o->delta[v] < HUGE_VAL) {
                    o->delta[v] = HUGE_VAL;
                    cut = true;
                }
            if (cut) {
                if (build_lp(o, false, false, err)) {
                    rc = -1;
                    break;
                }
                st = run_lp(o->lp);
            }
        }
        if (st != GLP_OPT) {
            /* the trust region may hide the way: try the whole ranges before giving up */
            if (build_lp(o, true, false, err)) {
                rc = -1;
                break;
            }
            st = run_lp(o->lp);
        }
        o->mip = glp_get_num_int(o->lp) > 0;
        if (st == GLP_NOFEAS || st == GLP_INFEAS) {
            rc = explain_infeasible(o, err);
            break;
        }
        if (st == GLP_UNBND) {
            rc = explain_unbounded(o, err);
            break;
        }
        if (st != GLP_OPT) {
            rc = tdm_opt_errorf(o->p, TDM_ESOLVE, -1, err,

                                "GLPK could not solve the linear program");
            break;
        }
        double step = 0;
        for (int v = 0; v < nv; v++) {
            const tdm_opt_var *var = &o->p->var[v];
            next[v] = fmin(fmax(col_val(o, 1 + v), var->lo), var->hi);
            step = fmax(step, fabs(next[v] - o->theta[v]) / span_of(var, o->theta[v]));
        }
        bool same_layout = true;
        for (int i = 0; i < o->nopt; i++) {
            int y = col_val(o, ycol(o, i)) > 0.5;
            same_layout &= y == o->y[i];
            o->y[i] = y;
        }
        double lpobj = o->mip ? glp_mip_obj_val(o->lp) : glp_get_obj_val(o->lp);
        bool no_gain = !is_ratio(o->p->objective) || lpobj >= -1e-9;
        /* the change the LP promises, in sign x the objective shown: a ratio's LP holds
         * N - lambda D, zero at the point; the product's, -P / scale */
        double lp0 = is_ratio(o->p->objective) ? 0 : -o->M0[M_P] / o->scale;
        promised = !o->mip ? sign * (lpobj - lp0) * objective_per_lp(o) : NAN;
        if (step <= 1e-9 && no_gain && V <= 1e-7 && same_layout) {
            converged = true;
            break;
        }
        memcpy(o->theta, next, sizeof(double) * (size_t)nv);
    }
    if (!rc && it > o->p->max_iterations) {
        /* out of iterations: stay at the best point found */
        memcpy(o->theta, best, sizeof(double) * (size_t)nv);
        if (simulate_at(o, o->theta, err)) rc = -1;
    }
    if (!rc && violation(o) > 1e-6) {
        /* the best point found still breaks the layout or a limit */
        char what[600] = "";
        for (int i = 0; i < o->nopt; i++)
            if (o->y_fixed[i] == 0 && opt_inflow(o, i, o->x0) > 0) {
                size_t l = strlen(what);
                snprintf(what + l, sizeof what - l,
                         "%s[%s] cannot be left out (it still takes "
                         "%.4g mol/s)",
                         l ? "; " : "", tdm_flowsheet_unit(o->fs, o->opt_unit[i])->name,
                         opt_inflow(o, i, o->x0));
            }
        /* a limit that cannot hold is explained by the LP at the point, below */
        if (what[0]) rc = tdm_opt_errorf(o->p, TDM_ESOLVE, -1, err, "%s", what);
    }
    if (!rc) {
        out->J = objective_shown(o);
        out->iterations = it > o->p->max_iterations ? o->p->max_iterations : it;
        out->converged = converged;
        /* the LP at the answer, over the whole ranges: its duals explain it */
        for (int i = 0; i < o->nopt; i++)
            o->y[i] = o->y_fixed[i] >= 0 ? o->y_fixed[i] : opt_inflow(o, i, o->x0) > 0;
        o->mip = false;
        if (linearize(o, err) || build_lp(o, true, true, err)) rc = -1;
        if (!rc) {
            int st = run_lp(o->lp);
            if (st == GLP_NOFEAS || st == GLP_INFEAS)
                rc = explain_infeasible(o, err);
            else if (st == GLP_UNBND)
                rc = explain_unbounded(o, err);
            else if (st != GLP_OPT)
                rc = tdm_opt_errorf(o->p, TDM_ESOLVE, -1, err,

                                    "GLPK could not solve the linear program");
            else if (violation(o) > 1e-6)
                rc = tdm_opt_errorf(o->p, TDM_ESOLVE, -1, err,

                                    "the limits are not met at the best point found (the "
                                    "linearization promises more than the flowsheet gives); narrow "
                                    "the `vary` ranges or relax the limits");
        }
    }
    free(best);
    free(next);
    return rc;
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
static int
limit_worth(struct opt *o, struct outcome *oc, int l, double *worth, tdm_error *err)
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
    if (iterate(o, &loose, NULL, &why) == 0 && loose.converged)
        *worth = (loose.J - J0) / (lim->upper ? db : -db);
    lim->bound = b0;
    memcpy(o->theta, theta, sizeof(double) * (size_t)o->nv);
    free(theta);
    return iterate(o, oc, NULL, err);
}

/* Answers for the released keys and the limits, from the final LP. */
static void
read_answers(struct opt *o)
{
    double per = objective_per_lp(o);
    for (int v = 0; v < o->nv; v++) {
        tdm_opt_var *var = &o->p->var[v];
        var->value = o->theta[v];
        double span = span_of(var, var->value);
        var->at_bound = var->value <= var->lo + 1e-7 * span   ? -1
                        : var->value >= var->hi - 1e-7 * span ? 1
                                                              : 0;
        var->marginal = glp_get_col_dual(o->lp, 1 + v) * per *
                        (is_celsius(var->unit) ? 1 : unit_factor(var->unit));
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
        double factor = lim->metric == TDM_MET_PURITY ? 1 : unit_factor(lim->unit);
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
        }
    }
}

/* The worth of every fixed specification the file gives (a rate, a flow, a conversion):
 * one more unit of it, with everything released re-optimized (to first order). */
static int
marginals(struct opt *o, tdm_optimum *out, tdm_error *err)
{
    const tdm_model *m = o->sim->model;
    double *dx = calloc((size_t)o->n + 1, sizeof(double));
    double *dM = calloc((size_t)o->nm + 1, sizeof(double));
    if (!dx || !dM) {
        free(dx);
        free(dM);
        return oom(err);
    }
    double per = objective_per_lp(o);
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
            seen |= o->opt_unit[i2] == owner && opt_inflow(o, i2, o->x0) <= 0; /* left out */
        if (seen || !kv) continue;
        double si;
        tdm_dim dim;
        const char *rest;
        if (value_si(kv->value, &si, &dim, &rest)) continue;
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
        if (!value || value_si(value, &si, &dim, &rest)) continue;
        int k =
            key_motion(o, u->name, key, si, unit, rest, value, -HUGE_VAL, HUGE_VAL, dx, dM, err);
        if (k < 0) {
            rc = -1;
            break;
        }
        tdm_opt_marginal *g = &out->marginal[out->nmarginals++];
        g->unit_name = u->name;
        g->key = key;
        g->unit = unit;
        g->line = kv->line;
        g->value = is_celsius(unit) ? si - 273.15 : si / unit_factor(unit);
        g->per_unit =
            k ? NAN : envelope(o, dx, dM) * per * (is_celsius(unit) ? 1 : unit_factor(unit));
    }
    free(dx);
    free(dM);
    return rc;
}

static void
opt_free(struct opt *o)
{
    if (o->lp) glp_delete_prob(o->lp);
    free(o->d_unit);
    free(o->d_idx);
    free(o->d_label);
    free(o->bsign);
    free(o->x0);
    free(o->M0);
    free(o->x1);
    free(o->M1);
    free(o->Xt);
    free(o->Jt);
    free(o->theta);
    free(o->delta);
    free(o->suffix);
    free_rows(o);
    free(o->obj_w);
    free(o->opt_unit);
    free(o->y);
    free(o->y_fixed);
    free(o->fc);
    free(o->tea);
}

/* Checks each released key at its bounds and finds its starting value. */
static int
check_vars(struct opt *o, tdm_error *err)
{
    for (int v = 0; v < o->nv; v++) {
        tdm_opt_var *var = &o->p->var[v];
        const tdm_unit *u =
            tdm_flowsheet_unit(o->fs, tdm_flowsheet_find_unit(o->fs, var->unit_name));
        const tdm_kv *kv = tdm_ini_kv(u->sec, var->key);
        const char *orig = tdm_arena_strdup(tdm_flowsheet_arena(o->fs), kv->value);
        if (!orig) return oom(err);
        double si;
        tdm_dim dim;
        const char *rest = NULL;
        if (value_si(orig, &si, &dim, &rest)) si = NAN;
        o->suffix[v] = rest;
        var->start = isfinite(si)        ? fmin(fmax(si, var->lo), var->hi)
                     : isfinite(var->hi) ? 0.5 * (var->lo + var->hi)
                                         : var->lo;
        double ends[2] = {var->lo, var->hi};
        for (int e = 0; e < 2; e++) {
            if (!isfinite(ends[e])) continue;
            tdm_error why;
            /* a value the key takes where the plant cannot run (a cathode that would run out
             * of its reactant) bounds the search no less: the loop backs off from it */
            if (set_var(o, v, ends[e], &why) && why.cls != TDM_ESOLVE) {
                tdm_error ignored;
                set_key(o, var->unit_name, var->key, orig, &ignored);
                /* the unit's message, its file and line left to the [optimize] line's */
                bool unit = why.section[0] && why.text > 0;
                return tdm_opt_errorf(o->p, TDM_EINPUT, var->line, err,
                                      "`vary.%s.%s`: the %s bound is not a value the "
                                      "key takes%s%s",
                                      var->unit_name, var->key, e ? "upper" : "lower",
                                      unit ? ": " : "", unit ? why.msg + why.text : why.msg);
            }
        }
        tdm_error ignored;
        if (set_key(o, var->unit_name, var->key, orig, &ignored))
            return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "cannot restore `%s`", var->key);
        o->theta[v] = var->start;
    }
    return 0;
}

static int
setup(struct opt *o, tdm_simulation *sim, tdm_opt_problem *p, const tdm_scenario *sc,
      tdm_error *err)
{
    memset(o, 0, sizeof *o);
    o->sim = sim;
    o->fs = sim->fs;
    o->p = p;
    o->sc = sc;
    o->nv = p->nvars;
    if (tdm_objective_get(p->objective)->needs_cost) {
        if (!sc)
            return tdm_opt_errorf(p, TDM_EINPUT, p->objective_line, err,

                                  "min_cost needs a cost scenario (--scenario or the "
                                  "flowsheet's `scenario`)");
        o->cost = true;
        o->tea = calloc(1, sizeof *o->tea);
        if (!o->tea) return oom(err);
    }
    /* the first simulation builds the model and sizes everything */
    if (tdm_simulate(sim, err)) return -1;
    o->n = tdm_model_ncols(sim->model);
    o->nrows = tdm_model_nrows(sim->model);
    o->nsp = tdm_flowsheet_nspecies(o->fs);
    o->nunits = tdm_flowsheet_nunits(o->fs);
    if (layout(o, sim->results, err)) return -1;
    o->flow_ref = 0;
    for (int st = 0; st < tdm_flowsheet_nstreams(o->fs); st++)
        for (int k = 0; k < tdm_flowsheet_nspecies(o->fs); k++)
            o->flow_ref = fmax(o->flow_ref, sim->x[tdm_flowsheet_stream_col(o->fs, st) + k]);
    if (!(o->flow_ref > 0)) o->flow_ref = 1;
    o->x0 = calloc((size_t)o->n + 1, sizeof(double));
    o->M0 = calloc((size_t)o->nm + 1, sizeof(double));
    o->x1 = calloc((size_t)o->n + 1, sizeof(double));
    o->M1 = calloc((size_t)o->nm + 1, sizeof(double));
    o->Xt = calloc((size_t)o->n * (size_t)o->nv + 1, sizeof(double));
    o->Jt = calloc((size_t)o->nm * (size_t)o->nv + 1, sizeof(double));
    o->obj_w = calloc((size_t)o->nm + 1, sizeof(double));
    o->opt_unit = calloc((size_t)o->nunits + 1, sizeof(int));
    o->y = calloc((size_t)o->nunits + 1, sizeof(int));
    o->y_fixed = calloc((size_t)o->nunits + 1, sizeof(int));
    o->fc = calloc((size_t)o->nunits + 1, sizeof(double));
    if (!o->opt_unit || !o->y || !o->y_fixed || !o->fc) return oom(err);
    for (int i = 0; i < o->nunits; i++) {
        const tdm_kv *kv = tdm_ini_kv(tdm_flowsheet_unit(o->fs, i)->sec, "optional");
        if (kv && !strcmp(kv->value, "yes")) {
            o->y_fixed[o->nopt] = -1;
            o->opt_unit[o->nopt++] = i;
        }
    }
    o->theta = calloc((size_t)o->nv + 1, sizeof(double));
    o->delta = calloc((size_t)o->nv + 1, sizeof(double));
    o->suffix = calloc((size_t)o->nv + 1, sizeof(char *));
    if (!o->x0 || !o->M0 || !o->x1 || !o->M1 || !o->Xt || !o->Jt || !o->obj_w || !o->theta ||
        !o->delta || !o->suffix)
        return oom(err);
    return check_vars(o, err);
}

static int
explain_steps(struct opt *o, tdm_error *err)
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
        if (value_si(orig, &si, &d1, &rest) ||
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
        format_value(buf, sizeof buf, si + step, us, rest);
        e->after = tdm_arena_strdup(tdm_flowsheet_arena(o->fs), buf);
        tdm_error why2;
        if (set_key(o, e->unit_name, e->key, buf, &why2)) {
            e->failed = tdm_arena_strdup(tdm_flowsheet_arena(o->fs), why2.msg);
            continue;
        }
        struct outcome oc;
        memcpy(o->theta, keep, sizeof(double) * (size_t)o->nv);
        if (iterate(o, &oc, NULL, &why2))
            e->failed = tdm_arena_strdup(tdm_flowsheet_arena(o->fs), why2.msg);
        else
            e->objective = oc.J;
        if (set_key(o, e->unit_name, e->key, orig, err)) rc = -1;
    }
    memcpy(o->theta, keep, sizeof(double) * (size_t)o->nv);
    free(keep);
    return rc;
}

static bool
better_than(const struct opt *o, double a, double b)
{
    if (!isfinite(b)) return isfinite(a);
    if (!isfinite(a)) return false;
    double tol = 1e-9 * fmax(fabs(a), fabs(b));
    return tdm_objective_get(o->p->objective)->maximize ? a > b + tol : a < b - tol;
}

/* The best layout whose units in use differ from the chosen one's, and what would make it
 * win. The levelized cost moves with the electricity price by the electricity per tonne
 * (both are paid per tonne made, year by year), so two layouts cost the same at
 * p = p0 + (J_r - J_b) / (E_b - E_r). The electrolyzers' share of the energy is
 * proportional to their cell voltages. */
static void
runner_up(const struct opt *o, tdm_optimum *out)
{
    out->runner_up = -1;
    out->price_now = out->price_even = out->voltage_cut = NAN;
    if (out->chosen < 0) return;
    const tdm_opt_layout *best = &out->layout[out->chosen];
    for (int i = 0; i < out->nlayouts; i++) {
        const tdm_opt_layout *l = &out->layout[i];
        if (l->failed || l->used == best->used) continue;
        if (out->runner_up < 0 ||
            better_than(o, l->objective, out->layout[out->runner_up].objective))
            out->runner_up = i;
    }
    if (out->runner_up < 0) return;
    const tdm_opt_layout *r = &out->layout[out->runner_up];
    double gap = fabs(r->objective - best->objective);
    const tdm_objective_info *ob = tdm_objective_get(o->p->objective);
    if (ob->figure == TDM_OBJF_COST) {
        const tdm_price *el = tdm_scenario_price(o->sc, "electricity");
        if (!el) return;
        out->price_now = el->value * 3.6e6;                              /* $/J -> $/kWh */
        double dE = (best->electricity - r->electricity) / 3.6e6 * 1000; /* kWh/t */
        if (fabs(dE) > 1e-9) {
            double p = out->price_now + gap / dE;
            if (p >= 0) out->price_even = p;
        }
    } else if (ob->figure == TDM_OBJF_ELECTRICITY) {
        double cut = gap * ob->si_per_shown / r->electrolyzers; /* J/kg per display unit */
        if (r->electrolyzers > 0 && cut < 1) out->voltage_cut = cut;
    }
}

/* Every layout of the optional units, each optimized on its own from the MILP's answer;
 * the best is kept and the simulation left there. */
static int
layouts(struct opt *o, tdm_optimum *out, struct outcome *oc, tdm_error *err)
{
    out->noptional = o->nopt;
    for (int i = 0; i < o->nopt; i++)
        out->optional[i] = tdm_flowsheet_unit(o->fs, o->opt_unit[i])->name;
    out->milp_on = 0;
    for (int i = 0; i < o->nopt; i++)
        if (o->y[i]) out->milp_on |= 1u << i;
    int nl = 1 << o->nopt;
    double *thetas = calloc((size_t)(nl * o->nv + 1), sizeof(double));
    double *start = calloc((size_t)o->nv + 1, sizeof(double));
    if (!thetas || !start) {
        free(thetas);
        free(start);
        return oom(err);
    }
    memcpy(start, o->theta, sizeof(double) * (size_t)o->nv);
    out->nlayouts = nl;
    out->chosen = -1;
    for (int L = 0; L < nl; L++) {
        tdm_opt_layout *lay = &out->layout[L];
        lay->on = (unsigned)L;
        lay->objective = NAN;
        lay->failed = NULL;
        for (int i = 0; i < o->nopt; i++)
            o->y_fixed[i] = (L >> i) & 1;
        memcpy(o->theta, start, sizeof(double) * (size_t)o->nv);
        struct outcome r;
        tdm_error why;
        int irc = iterate(o, &r, NULL, &why);
        if (irc) {
            const char *m = !strcmp(why.section, "optimize") ? why.msg + why.detail : why.msg;
            lay->failed = tdm_arena_strdup(tdm_flowsheet_arena(o->fs), m);
            continue;
        }
        lay->objective = r.J;
        const tdm_summary *S = &o->sim->results->summary;
        lay->electricity = S->electric_j_per_kg;
        lay->electrolyzers = 0;
        for (int u = 0; u < o->nunits; u++)
            if (tdm_flowsheet_unit(o->fs, u)->kind->electrochemical)
                lay->electrolyzers += o->sim->results->units[u].electric_w / S->product_kg_s;
        lay->used = 0;
        double total = 0;
        for (int i = 0; i < o->nopt; i++)
            total += opt_inflow(o, i, o->x0);
        for (int i = 0; i < o->nopt; i++)
            if (opt_inflow(o, i, o->x0) > 1e-9 * total) lay->used |= 1u << i;
        memcpy(&thetas[(size_t)L * (size_t)o->nv], o->theta, sizeof(double) * (size_t)o->nv);
        if (out->chosen < 0 || better_than(o, r.J, out->layout[out->chosen].objective))
            out->chosen = L;
    }
    runner_up(o, out);
    int rc = 0;
    if (out->chosen < 0) {
        rc = tdm_opt_errorf(o->p, TDM_ESOLVE, -1, err,

                            "no layout of the optional units can run: %s",
                            out->layout[nl - 1].failed ? out->layout[nl - 1].failed : "?");
    } else {
        for (int i = 0; i < o->nopt; i++)
            o->y_fixed[i] = (out->chosen >> i) & 1;
        memcpy(o->theta, &thetas[(size_t)out->chosen * (size_t)o->nv],
               sizeof(double) * (size_t)o->nv);
        rc = iterate(o, oc, NULL, err);
    }
    free(thetas);
    free(start);
    return rc;
}

int
tdm_optimize(tdm_simulation *sim, tdm_opt_problem *p, const tdm_scenario *sc, tdm_optimum *out,
             tdm_error *err)
{
    memset(out, 0, sizeof *out);
    out->objective = p->objective;
    out->objective_unit = tdm_objective_get(p->objective)->unit;
    struct opt o;
    int rc = setup(&o, sim, p, sc, err);
    struct outcome oc = {0};
    if (!rc && o.nopt > TDM_OPT_MAX_OPTIONAL)
        rc = tdm_opt_errorf(p, TDM_EINPUT, -1, err,

                            "%d units are `optional`; the layout choice takes up to %d", o.nopt,
                            TDM_OPT_MAX_OPTIONAL);
    if (!rc) rc = iterate(&o, &oc, &out->start, err);
    if (!rc && o.nopt) rc = layouts(&o, out, &oc, err);
    if (!rc && p->nexplain) {
        rc = explain_steps(&o, err);
        /* back to the optimum, and its LP */
        if (!rc) rc = iterate(&o, &oc, NULL, err);
    }
    if (!rc) {
        out->value = oc.J;
        out->iterations = oc.iterations;
        out->converged = oc.converged;
        read_answers(&o);
        double worth[TDM_OPT_MAX_LIMITS];
        bool again = false;
        for (int l = 0; l < p->nlimits && !rc; l++) {
            worth[l] = p->limit[l].shadow;
            if (!p->limit[l].binding || !isnan(worth[l])) continue;
            rc = limit_worth(&o, &oc, l, &worth[l], err);
            again = true;
        }
        if (!rc && again) {
            read_answers(&o);
            for (int l = 0; l < p->nlimits; l++) {
                tdm_opt_limit *lim = &p->limit[l];
                double factor = lim->metric == TDM_MET_PURITY ? 1 : unit_factor(lim->unit);
                if (isnan(lim->shadow)) lim->shadow = worth[l] * factor;
            }
        }
        if (!rc) rc = marginals(&o, out, err);
    }
    opt_free(&o);
    return rc;
}
