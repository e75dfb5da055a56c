/* layouts.c: the optional units (slp.h): every layout optimized on its own from the MILP's
 * answer, the best kept, and the runner-up with what would make it win. */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slp.h"

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
int
tdm_slp_layouts(struct opt *o, tdm_optimum *out, struct outcome *oc, tdm_error *err)
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
        int irc = tdm_slp_iterate(o, &r, NULL, &why);
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
            total += tdm_slp_inflow(o, i, o->x0);
        for (int i = 0; i < o->nopt; i++)
            if (tdm_slp_inflow(o, i, o->x0) > 1e-9 * total) lay->used |= 1u << i;
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
        rc = tdm_slp_iterate(o, oc, NULL, err);
    }
    free(thetas);
    free(start);
    return rc;
}
