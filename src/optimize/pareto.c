/* pareto.c: the trade-off between the objective per tonne and the main product rate, by the
 * epsilon-constraint method on the optimizer. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int
tdm_pareto_front(tdm_simulation *sim, const tdm_opt_problem *p, const struct tdm_scenario *sc,
                 int n, tdm_pareto *out, tdm_error *err)
{
    memset(out, 0, sizeof *out);
    if (n < 2 || n > TDM_PARETO_MAX)
        return tdm_errorf(err, TDM_EINPUT, NULL, 0, "a Pareto front has 2 to %d points",
                          TDM_PARETO_MAX);
    if (!tdm_objective_get(p->objective)->per_tonne)
        return tdm_opt_errorf(p, TDM_EINPUT, p->objective_line, err,

                              "a Pareto front sets an objective per tonne (min_energy, "
                              "min_electricity or min_cost) against the product rate; max_product "
                              "is its other end");
    if (p->nlimits == TDM_OPT_MAX_LIMITS)
        return tdm_opt_errorf(p, TDM_EINPUT, -1, err, "too many limits for a front");
    tdm_opt_problem *q = malloc(sizeof *q);
    tdm_optimum *o = malloc(sizeof *o);
    if (!q || !o) {
        free(q);
        free(o);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    int rc = 0;
    out->objective = p->objective;
    /* the two ends: the most product, and the least objective */
    *q = *p;
    q->nexplain = 0;
    q->objective = TDM_OBJ_MAX_PRODUCT;
    double p_max = NAN, p_min = NAN;
    if (tdm_optimize(sim, q, sc, o, err) == 0)
        p_max = o->value;
    else
        rc = -1;
    *q = *p;
    q->nexplain = 0;
    if (!rc && tdm_optimize(sim, q, sc, o, err) == 0) {
        p_min = sim->results->summary.product_kg_s * 86.4;
        out->objective_unit = o->objective_unit;
    } else {
        rc = -1;
    }
    if (!rc && !(p_max > p_min * (1 + 1e-9))) {
        /* the product rate is fixed: the front is one point, and the report says why */
        n = 1;
        out->single = p->nvars == 0
                          ? "nothing is released, so the front is the file's one point: release "
                            "a key with `vary.UNIT.KEY = LO .. HI` ([optimize] or --opt), the "
                            "main product's rate among them"
                          : "the main product's rate does not move within the `vary` ranges (the "
                            "file's specifications fix it), so the front is one point: release "
                            "it, e.g. --opt \"vary.UNIT.rate = LO .. HI t/day\" on its product "
                            "unit";
    }
    for (int i = 0; i < n && !rc; i++) {
        double eps = n == 1 ? p_min : p_min + (p_max - p_min) * i / (n - 1);
        *q = *p;
        q->nexplain = 0;
        tdm_opt_limit *l = &q->limit[q->nlimits++];
        memset(l, 0, sizeof *l);
        l->key = "min.product";
        l->metric = TDM_MET_PRODUCT;
        l->upper = false;
        l->species = l->stream = -1;
        l->bound = eps / 86.4; /* t/day -> kg/s */
        l->unit = "t/day";
        tdm_pareto_point *pt = &out->pt[out->n++];
        tdm_error why;
        if (tdm_optimize(sim, q, sc, o, &why)) {
            pt->product = eps;
            pt->objective = NAN;
            pt->failed = tdm_arena_strdup(tdm_flowsheet_arena(sim->fs), why.msg);
            continue;
        }
        pt->product = sim->results->summary.product_kg_s * 86.4;
        pt->objective = o->value;
        for (int v = 0; v < q->nvars; v++)
            pt->value[v] = q->var[v].value;
    }
    free(q);
    free(o);
    return rc;
}
