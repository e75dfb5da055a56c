/* pareto.c: the trade-off between the objective per tonne and the main product rate, or the
 * emissions per tonne, by the epsilon-constraint method on the optimizer. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "tandem/figures.h"
#include "tandem/tea.h"

/* The plant's emissions per kg of its main product where the simulation stands. */
static double
emissions_now(tdm_simulation *sim, const struct tdm_scenario *sc, tdm_tea *t, tdm_error *err)
{
    tdm_tea_opts q = TDM_TEA_OPTS_DEFAULT;
    q.quick = true;
    if (tdm_tea_evaluate_opts(sim->results, sc, &q, t, err)) return NAN;
    return t->carbon.assessed ? t->carbon.per_kg : NAN;
}

/* The front against the product rate (at least eps t/day) or against the emissions (at
 * most eps t CO2e per t): the two ends, then n points between them. */
static int
front(tdm_simulation *sim, const tdm_opt_problem *p, const struct tdm_scenario *sc, int n,
      bool emissions, tdm_pareto *out, tdm_error *err)
{
    memset(out, 0, sizeof *out);
    out->against_emissions = emissions;
    if (n < 2 || n > TDM_PARETO_MAX)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0, "a Pareto front has 2 to %d points",
                          TDM_PARETO_MAX);
    const tdm_objective_info *ob = tdm_objective_get(p->objective);
    if (!ob->per_tonne)
        return tdm_opt_errorf(p, TDM_EINPUT, p->objective_line, err,

                              "a Pareto front sets an objective per tonne (min_energy, "
                              "min_electricity, min_cost or min_emissions) against the product "
                              "rate or the emissions; max_product is its other end");
    if (emissions && ob->figure == TDM_OBJF_EMISSIONS)
        return tdm_opt_errorf(p, TDM_EINPUT, p->objective_line, err,

                              "a front against the emissions sets another objective against "
                              "them (min_cost, min_energy, min_electricity), not min_emissions");
    if (emissions && !sc)
        return tdm_opt_errorf(p, TDM_EINPUT, p->objective_line, err,

                              "a front against the emissions needs a cost scenario with carbon "
                              "intensities (--scenario or the flowsheet's `scenario`)");
    if (p->nlimits == TDM_OPT_MAX_LIMITS)
        return tdm_opt_errorf(p, TDM_EINPUT, -1, err, "too many limits for a front");
    tdm_opt_problem *q = malloc(sizeof *q);
    tdm_optimum *o = malloc(sizeof *o);
    tdm_tea *t = emissions ? calloc(1, sizeof *t) : NULL;
    if (!q || !o || (emissions && !t)) {
        free(q);
        free(o);
        free(t);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    int rc = 0;
    out->objective = p->objective;
    /* the two ends: the most product (the least emissions), and the least objective */
    *q = *p;
    q->nexplain = 0;
    q->objective = emissions ? TDM_OBJ_MIN_EMISSIONS : TDM_OBJ_MAX_PRODUCT;
    double far = NAN, near = NAN; /* the far end of the axis, and the objective's own */
    tdm_pareto_point least = {0}; /* the least emissions' plant */
    if (tdm_optimize(sim, q, sc, o, err) == 0)
        far = o->value;
    else
        rc = -1;
    if (!rc && emissions) {
        /* kept as the front's last point: a limit at the least emissions is met only at the
         * edge of the ranges, where a tangent of a concave cost of energy (a Tafel line)
         * cannot reach it. Its objective is the plant figure the objective is. */
        const tdm_figure *fig = tdm_figure_find(ob->plant_figure);
        double f;
        tdm_dim d;
        if (!fig || tdm_unit_parse(ob->unit, &f, &d, NULL, 0) ||
            tdm_tea_evaluate_opts(sim->results, sc,
                                  &(tdm_tea_opts){.small = 0, .skip = -1, .quick = true}, t, err)) {
            rc = -1;
        } else {
            least.product = sim->results->summary.product_kg_s * 86.4;
            least.emissions = far;
            least.objective = fig->get(sim->results, fig->needs_cost ? t : NULL) / f;
            for (int v = 0; v < q->nvars; v++)
                least.value[v] = q->var[v].value;
        }
    }
    *q = *p;
    q->nexplain = 0;
    if (!rc && tdm_optimize(sim, q, sc, o, err) == 0) {
        near =
            emissions ? emissions_now(sim, sc, t, err) : sim->results->summary.product_kg_s * 86.4;
        out->objective_unit = o->objective_unit;
        if (isnan(near)) rc = -1;
    } else {
        rc = -1;
    }
    bool moves = emissions ? near > far * (1 + 1e-9) + 1e-12 : far > near * (1 + 1e-9);
    if (!rc && !moves) {
        /* the axis is fixed: the front is one point, and the report says why */
        n = 1;
        out->single =
            p->nvars == 0 ? "nothing is released, so the front is the file's one point: release "
                            "a key with `vary.UNIT.KEY = LO .. HI` ([optimize] or --opt), the "
                            "main product's rate among them"
            : emissions   ? "the least objective is also the least emissions within the `vary` "
                            "ranges, so the front is one point: nothing trades one for the other"
                          : "the main product's rate does not move within the `vary` ranges (the "
                            "file's specifications fix it), so the front is one point: release "
                            "it, e.g. --opt \"vary.UNIT.rate = LO .. HI t/day\" on its product "
                            "unit";
    }
    for (int i = 0; i < n && !rc; i++) {
        double eps = n == 1 ? near : near + (far - near) * i / (n - 1);
        *q = *p;
        q->nexplain = 0;
        tdm_opt_limit *l = &q->limit[q->nlimits++];
        memset(l, 0, sizeof *l);
        l->species = l->stream = -1;
        if (emissions) {
            l->key = "max.emissions";
            l->metric = TDM_MET_EMISSIONS;
            l->upper = l->per_product = true;
            l->bound = eps + 1e-9 * (fabs(eps) + fabs(near - far)); /* the solver's tolerance */
            l->unit = "t/t";
        } else {
            l->key = "min.product";
            l->metric = TDM_MET_PRODUCT;
            l->upper = false;
            l->bound = eps / 86.4; /* t/day -> kg/s */
            l->unit = "t/day";
        }
        tdm_pareto_point *pt = &out->pt[out->n++];
        if (emissions && n > 1 && i == n - 1) {
            *pt = least;
            continue;
        }
        tdm_error why;
        if (tdm_optimize(sim, q, sc, o, &why)) {
            pt->product = emissions ? NAN : eps;
            pt->emissions = emissions ? eps : NAN;
            pt->objective = NAN;
            pt->failed = tdm_arena_strdup(tdm_flowsheet_arena(sim->fs), why.msg);
            continue;
        }
        pt->product = sim->results->summary.product_kg_s * 86.4;
        pt->emissions = emissions ? emissions_now(sim, sc, t, err) : NAN;
        pt->objective = o->value;
        for (int v = 0; v < q->nvars; v++)
            pt->value[v] = q->var[v].value;
    }
    free(q);
    free(o);
    free(t);
    return rc;
}

int
tdm_pareto_front(tdm_simulation *sim, const tdm_opt_problem *p, const struct tdm_scenario *sc,
                 int n, tdm_pareto *out, tdm_error *err)
{
    return front(sim, p, sc, n, false, out, err);
}

int
tdm_pareto_emissions(tdm_simulation *sim, const tdm_opt_problem *p, const struct tdm_scenario *sc,
                     int n, tdm_pareto *out, tdm_error *err)
{
    return front(sim, p, sc, n, true, out, err);
}
