/* slp.h (private): the successive-LP optimizer's state and what its files share.
 * optimize.c: the loop (linearize, step, restore, converge) and tdm_optimize;
 * point.c: the simulated point and its figures; lp.c: the linear program of a step;
 * diagnose.c: why there is no answer, the worth of limits, keys and specifications;
 * layouts.c: the optional units' layouts. */
#ifndef TANDEM_OPTIMIZE_SLP_H
#define TANDEM_OPTIMIZE_SLP_H

#include <glpk.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "internal.h"
#include "tandem/simulate.h"
#include "tandem/species.h"
#include "tandem/tea.h"
#include "tandem/unit.h"

enum { M_E, M_P, M_COST, M_CO2E, M_FIXED };

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

static inline int
oom(tdm_error *err)
{
    return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
}

static inline bool
is_celsius(const char *u)
{
    return !strcmp(u, "C") || !strcmp(u, "degC");
}

/* A limit written as a share, its bound folded into its row (x_X - b total >= 0 for a
 * purity, E - b P <= 0 for emissions per kg of product): the row's bound is 0. */
static inline bool
limit_is_share(const tdm_opt_limit *l)
{
    return l->metric == TDM_MET_PURITY || (l->metric == TDM_MET_EMISSIONS && l->per_product);
}

static inline int
feed_index(const struct opt *o, int k)
{
    return M_FIXED + o->nd + k;
}
static inline int
out_index(const struct opt *o, int k)
{
    return M_FIXED + o->nd + o->nsp + k;
}

/* A linear expression over the LP columns (1-based: released values, then heat supplied)
 * plus a constant. The constant is made of figures and flows at the current point; their
 * weights are kept so that the envelope theorem can move it (sensitivities). */
struct expr {
    double *a; /* ncols + 1 */
    double c;
    double *w;  /* weights on the figures (nm) */
    double *wx; /* weights on the flows (n) */
};

static inline int
lp_cols(const struct opt *o)
{
    return o->nv + o->nd + 2 * o->nopt;
}

/* LP column of optional unit i's slack: what its linearized inflow exceeds while it is off,
 * at a high price (elastic links: a layout far from the point is reached in steps). */
static inline int
scol(const struct opt *o, int i)
{
    return 1 + o->nv + o->nd + o->nopt + i;
}

/* LP column (1-based) of optional unit i's on/off binary. */
static inline int
ycol(const struct opt *o, int i)
{
    return 1 + o->nv + o->nd + i;
}

/* A column's value in the last solution (the MIP's when there was one). */
static inline double
col_val(const struct opt *o, int j)
{
    return o->mip ? glp_mip_col_val(o->lp, j) : glp_get_col_prim(o->lp, j);
}

static inline bool
is_ratio(enum tdm_objective obj)
{
    return tdm_objective_get(obj)->per_tonne;
}

static inline double
span_of(const tdm_opt_var *var, double theta)
{
    return isfinite(var->hi) ? var->hi - var->lo : fabs(theta) + fabs(var->lo) + 1;
}

struct outcome {
    double J; /* objective shown */
    int iterations;
    bool converged;
};

/* optimize.c */
int tdm_slp_iterate(struct opt *o, struct outcome *out, double *J_start, tdm_error *err);

/* point.c */
double tdm_slp_unit_factor(const char *u);
void tdm_slp_format_value(char *buf, size_t n, double si, const char *unit, const char *suffix);
int tdm_slp_set_key(struct opt *o, const char *unit, const char *key, const char *value,
                    tdm_error *err);
int tdm_slp_set_var(struct opt *o, int v, double si, tdm_error *err);
int tdm_slp_value_si(const char *value, double *si, tdm_dim *dim, const char **rest);
int tdm_slp_follow(struct opt *o, const tdm_results *res, tdm_error *err);
int tdm_slp_simulate_at(struct opt *o, const double *theta, tdm_error *err);
int tdm_slp_enters_as_coefficient(struct opt *o, const char *unit, const char *key, const char *now,
                                  const char *moved, bool *coef, tdm_error *err);
int tdm_slp_key_motion(struct opt *o, const char *unit, const char *key, double si,
                       const char *shown_unit, const char *suffix, const char *value_text,
                       double lo, double hi, double *dx, double *dM, tdm_error *err);
int tdm_slp_objective_figure(const tdm_objective_info *ob);
double tdm_slp_heat_supplied(const struct opt *o, const double *M);
void tdm_slp_objective_parts(const struct opt *o, double *N, double *D);
double tdm_slp_objective_shown(const struct opt *o);
double tdm_slp_objective_per_lp(const struct opt *o);
double tdm_slp_inflow(const struct opt *o, int i, const double *x);
int tdm_slp_fixed_charges(struct opt *o, tdm_error *err);

/* lp.c */
void tdm_slp_free_rows(struct opt *o);
int tdm_slp_build_lp(struct opt *o, bool full, bool fix_y, tdm_error *err);
int tdm_slp_run_lp(glp_prob *lp);
int tdm_slp_run_simplex(glp_prob *lp);

/* diagnose.c */
int tdm_slp_explain_infeasible(struct opt *o, tdm_error *err);
int tdm_slp_explain_unbounded(struct opt *o, tdm_error *err);
int tdm_slp_limit_worth(struct opt *o, struct outcome *oc, int l, double *worth, tdm_error *err);
void tdm_slp_read_answers(struct opt *o);
int tdm_slp_marginals(struct opt *o, tdm_optimum *out, tdm_error *err);
int tdm_slp_explain_steps(struct opt *o, tdm_error *err);

/* layouts.c */
int tdm_slp_layouts(struct opt *o, tdm_optimum *out, struct outcome *oc, tdm_error *err);

#endif
