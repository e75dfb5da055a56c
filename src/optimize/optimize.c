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

#include "slp.h"

/* ---- the iteration ------------------------------------------------------------------ */

/* Linearizes at the simulated point (x0, M0): how flows and figures move with each
 * released key, and the fixed charges of the optional units. */
static int
linearize(struct opt *o, tdm_error *err)
{
    if (tdm_slp_fixed_charges(o, err)) return -1;
    for (int v = 0; v < o->nv; v++) {
        tdm_opt_var *var = &o->p->var[v];
        char now[200];
        tdm_slp_format_value(now, sizeof now, o->theta[v], var->unit, o->suffix[v]);
        if (!var->coefficient) {
            char moved[200];
            tdm_slp_format_value(moved, sizeof moved, o->theta[v] * (1 + 1e-3) + 1e-9, var->unit,
                                 o->suffix[v]);
            bool coef = false;
            tdm_error ignored;
            if (tdm_slp_enters_as_coefficient(o, var->unit_name, var->key, now, moved, &coef,
                                              &ignored) == 0 &&
                coef) {
                var->coefficient = true;
                double span = isfinite(var->hi) ? var->hi - var->lo : fabs(o->theta[v]) + 1;
                o->delta[v] = fmin(o->delta[v], 0.25 * span);
            }
        }
        int rc = tdm_slp_key_motion(
            o, var->unit_name, var->key, o->theta[v], var->unit, o->suffix[v], now, var->lo,
            var->hi, &o->Xt[(size_t)v * (size_t)o->n], &o->Jt[(size_t)v * (size_t)o->nm], err);
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
        double v = 0, heat = tdm_slp_heat_supplied(o, o->M0);
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
        case TDM_MET_EMISSIONS:
            v = o->M0[M_CO2E];
            if (lim->per_product) v = o->M0[M_P] > 0 ? v / o->M0[M_P] : 0;
            break;
        }
        double ex = lim->upper ? v - lim->bound : lim->bound - v;
        worst = fmax(worst, ex / fmax(fabs(lim->bound), 1e-9));
    }
    /* a unit held off by the layout takes nothing in (against the flows at the start) */
    double off = 0;
    for (int i = 0; i < o->nopt; i++)
        if (o->y_fixed[i] == 0) off += tdm_slp_inflow(o, i, o->x0);
    return fmax(worst, off / o->flow_ref);
    return worst;
}

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
        if (tdm_slp_build_lp(o, false, true, err)) {
            rc = -1;
        } else if (tdm_slp_run_lp(o->lp) == GLP_OPT) {
            for (int v = 0; v < nv; v++)
                if (!o->p->var[v].coefficient)
                    o->theta[v] = fmin(fmax(col_val(o, 1 + v), o->p->var[v].lo), o->p->var[v].hi);
            tdm_error why;
            rc = tdm_slp_simulate_at(o, o->theta, &why) ? 1 : 0;
            if (rc) { /* no solution there: back where it was */
                memcpy(o->theta, theta, sizeof(double) * (size_t)nv);
                if (tdm_slp_simulate_at(o, o->theta, err)) rc = -1;
            }
        }
    }
    memcpy(o->delta, saved, sizeof(double) * (size_t)nv);
    free(saved);
    return rc;
}

/* The loop: from the current theta to the optimum, leaving the simulation there and the
 * LP of that point (over the whole ranges) built and solved. */
int
tdm_slp_iterate(struct opt *o, struct outcome *out, double *J_start, tdm_error *err)
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
        if (tdm_slp_simulate_at(o, o->theta, have_best ? &why : err)) {
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
        double J = sign * tdm_slp_objective_shown(o), V = violation(o);
        if (it == 1 && J_start) *J_start = sign * J;
        if (V > 1e-7) {
            int r = restore(o, err);
            if (r < 0) {
                rc = -1;
                break;
            }
            if (r == 0) {
                J = sign * tdm_slp_objective_shown(o);
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
                if (tdm_slp_simulate_at(o, o->theta, err)) rc = -1;
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
        if (linearize(o, err) || tdm_slp_build_lp(o, false, false, err)) {
            rc = -1;
            break;
        }
        int st = tdm_slp_run_lp(o->lp);
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
                if (tdm_slp_build_lp(o, false, false, err)) {
                    rc = -1;
                    break;
                }
                st = tdm_slp_run_lp(o->lp);
            }
        }
        if (st != GLP_OPT) {
            /* the trust region may hide the way: try the whole ranges before giving up */
            if (tdm_slp_build_lp(o, true, false, err)) {
                rc = -1;
                break;
            }
            st = tdm_slp_run_lp(o->lp);
        }
        o->mip = glp_get_num_int(o->lp) > 0;
        if (st == GLP_NOFEAS || st == GLP_INFEAS) {
            rc = tdm_slp_explain_infeasible(o, err);
            break;
        }
        if (st == GLP_UNBND) {
            rc = tdm_slp_explain_unbounded(o, err);
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
        promised = !o->mip ? sign * (lpobj - lp0) * tdm_slp_objective_per_lp(o) : NAN;
        if (step <= 1e-9 && no_gain && V <= 1e-7 && same_layout) {
            converged = true;
            break;
        }
        memcpy(o->theta, next, sizeof(double) * (size_t)nv);
    }
    if (!rc && it > o->p->max_iterations) {
        /* out of iterations: stay at the best point found */
        memcpy(o->theta, best, sizeof(double) * (size_t)nv);
        if (tdm_slp_simulate_at(o, o->theta, err)) rc = -1;
    }
    if (!rc && violation(o) > 1e-6) {
        /* the best point found still breaks the layout or a limit */
        char what[600] = "";
        for (int i = 0; i < o->nopt; i++)
            if (o->y_fixed[i] == 0 && tdm_slp_inflow(o, i, o->x0) > 0) {
                size_t l = strlen(what);
                snprintf(what + l, sizeof what - l,
                         "%s[%s] cannot be left out (it still takes "
                         "%.4g mol/s)",
                         l ? "; " : "", tdm_flowsheet_unit(o->fs, o->opt_unit[i])->name,
                         tdm_slp_inflow(o, i, o->x0));
            }
        /* a limit that cannot hold is explained by the LP at the point, below */
        if (what[0]) rc = tdm_opt_errorf(o->p, TDM_ESOLVE, -1, err, "%s", what);
    }
    if (!rc) {
        out->J = tdm_slp_objective_shown(o);
        out->iterations = it > o->p->max_iterations ? o->p->max_iterations : it;
        out->converged = converged;
        /* the LP at the answer, over the whole ranges: its duals explain it */
        for (int i = 0; i < o->nopt; i++)
            o->y[i] = o->y_fixed[i] >= 0 ? o->y_fixed[i] : tdm_slp_inflow(o, i, o->x0) > 0;
        o->mip = false;
        if (linearize(o, err) || tdm_slp_build_lp(o, true, true, err)) rc = -1;
        if (!rc) {
            int st = tdm_slp_run_lp(o->lp);
            if (st == GLP_NOFEAS || st == GLP_INFEAS)
                rc = tdm_slp_explain_infeasible(o, err);
            else if (st == GLP_UNBND)
                rc = tdm_slp_explain_unbounded(o, err);
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
    tdm_slp_free_rows(o);
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
        if (tdm_slp_value_si(orig, &si, &dim, &rest)) si = NAN;
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
            if (tdm_slp_set_var(o, v, ends[e], &why) && why.cls != TDM_ESOLVE) {
                tdm_error ignored;
                tdm_slp_set_key(o, var->unit_name, var->key, orig, &ignored);
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
        if (tdm_slp_set_key(o, var->unit_name, var->key, orig, &ignored))
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
    /* the objective, or a limit, priced or carbon-counted by the cost model */
    const tdm_objective_info *ob = tdm_objective_get(p->objective);
    int carbon_line = ob->figure == TDM_OBJF_EMISSIONS ? p->objective_line : -2;
    const char *carbon_what = ob->key;
    for (int l = 0; l < p->nlimits && carbon_line == -2; l++)
        if (p->limit[l].metric == TDM_MET_EMISSIONS) {
            carbon_line = p->limit[l].line;
            carbon_what = p->limit[l].key;
        }
    if (ob->needs_cost || carbon_line != -2) {
        int line = ob->needs_cost ? p->objective_line : carbon_line;
        if (!sc)
            return tdm_opt_errorf(p, TDM_EINPUT, line, err,

                                  "%s needs a cost scenario (--scenario or the flowsheet's "
                                  "`scenario`)",
                                  ob->needs_cost ? ob->key : carbon_what);
        if (carbon_line != -2 && !sc->db.carbon)
            return tdm_opt_errorf(p, TDM_EINPUT, carbon_line, err,

                                  "%s needs carbon intensities, and the scenario %s has none "
                                  "(docs/carbon.md: `carbon = FILE`)",
                                  carbon_what, sc->path);
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
    if (tdm_slp_follow(o, sim->results, err)) return -1;
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
    if (!rc) rc = tdm_slp_iterate(&o, &oc, &out->start, err);
    if (!rc && o.nopt) rc = tdm_slp_layouts(&o, out, &oc, err);
    if (!rc && p->nexplain) {
        rc = tdm_slp_explain_steps(&o, err);
        /* back to the optimum, and its LP */
        if (!rc) rc = tdm_slp_iterate(&o, &oc, NULL, err);
    }
    if (!rc) {
        out->value = oc.J;
        out->iterations = oc.iterations;
        out->converged = oc.converged;
        tdm_slp_read_answers(&o);
        double worth[TDM_OPT_MAX_LIMITS];
        bool again = false;
        for (int l = 0; l < p->nlimits && !rc; l++) {
            worth[l] = p->limit[l].shadow;
            if (!p->limit[l].binding || !isnan(worth[l])) continue;
            rc = tdm_slp_limit_worth(&o, &oc, l, &worth[l], err);
            again = true;
        }
        if (!rc && again) {
            tdm_slp_read_answers(&o);
            for (int l = 0; l < p->nlimits; l++) {
                tdm_opt_limit *lim = &p->limit[l];
                double factor = limit_is_share(lim) ? 1 : tdm_slp_unit_factor(lim->unit);
                if (isnan(lim->shadow)) lim->shadow = worth[l] * factor;
            }
        }
        if (!rc) rc = tdm_slp_marginals(&o, out, err);
    }
    opt_free(&o);
    return rc;
}
