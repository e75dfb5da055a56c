/* point.c: the simulated point of the successive-LP optimizer (slp.h): a released key's
 * value as text, the plant figures followed (electricity, product, cost, each heat duty,
 * the boundary flows), how the point moves with one key, the objective at the point and the
 * fixed charges of the optional units. */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "slp.h"

/* ---- values of released keys as text ---------------------------------------------- */

double
tdm_slp_unit_factor(const char *u)
{
    if (!u[0] || !strcmp(u, "K") || is_celsius(u)) return 1.0;
    double f;
    tdm_dim d;
    char why[120];
    return tdm_unit_parse(u, &f, &d, why, sizeof why) ? 1.0 : f;
}

void
tdm_slp_format_value(char *buf, size_t n, double si, const char *unit, const char *suffix)
{
    double shown = tdm_quantity_shown(si, unit);
    snprintf(buf, n, "%.15g%s%s%s", shown, unit[0] ? " " : "", unit, suffix ? suffix : "");
}

int
tdm_slp_set_key(struct opt *o, const char *unit, const char *key, const char *value, tdm_error *err)
{
    return tdm_flowsheet_set(o->fs, o->sim->model, unit, key, value, err);
}

int
tdm_slp_set_var(struct opt *o, int v, double si, tdm_error *err)
{
    const tdm_opt_var *var = &o->p->var[v];
    char buf[200];
    tdm_slp_format_value(buf, sizeof buf, si, var->unit, o->suffix[v]);
    return tdm_slp_set_key(o, var->unit_name, var->key, buf, err);
}

/* The number at the start of a key's value ("0.95, rest" -> 0.95) in SI; *rest gets the
 * text from the first comma on. */
int
tdm_slp_value_si(const char *value, double *si, tdm_dim *dim, const char **rest)
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

/* Which duties and boundary flows to follow, from the solved point. */
int
tdm_slp_follow(struct opt *o, const tdm_results *res, tdm_error *err)
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
        if (tdm_tea_evaluate_opts(res, o->sc,
                                  &(tdm_tea_opts){.small = SMALL_SIZE, .skip = -1, .quick = true},
                                  o->tea, err))
            return -1;
        m[M_COST] = isfinite(o->tea->lcop) ? o->tea->lcop * m[M_P] : 0;
        /* kg CO2e/s, as the cost is $/kg times the product's kg/s */
        m[M_CO2E] = o->tea->carbon.assessed ? o->tea->carbon.per_kg * m[M_P] : 0;
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

int
tdm_slp_simulate_at(struct opt *o, const double *theta, tdm_error *err)
{
    for (int v = 0; v < o->nv; v++)
        if (tdm_slp_set_var(o, v, theta[v], err)) return -1;
    return simulate_point(o, o->x0, o->M0, err);
}

/* True when a key enters its unit's rows as a coefficient (a fraction multiplying a flow)
 * rather than as a right-hand side (a rate): the flows then move nonlinearly with it. */
int
tdm_slp_enters_as_coefficient(struct opt *o, const char *unit, const char *key, const char *now,
                              const char *moved, bool *coef, tdm_error *err)
{
    const tdm_model *m = o->sim->model;
    int owner = tdm_flowsheet_find_unit(o->fs, unit);
    double *ax = calloc((size_t)o->nrows + 1, sizeof(double));
    if (!ax) return oom(err);
    for (int pass = 0; pass < 2; pass++) {
        if (tdm_slp_set_key(o, unit, key, pass ? moved : now, err)) {
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
    if (tdm_slp_set_key(o, unit, key, now, err)) {
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
int
tdm_slp_key_motion(struct opt *o, const char *unit, const char *key, double si,
                   const char *shown_unit, const char *suffix, const char *value_text, double lo,
                   double hi, double *dx, double *dM, tdm_error *err)
{
    double span = isfinite(hi) && isfinite(lo) ? hi - lo : fabs(si);
    double h = 1e-6 * fmax(fmax(fabs(si), span), 1e-9);
    if (si + h > hi) h = -h;
    int rc = 1;
    for (int side = 0; side < 2 && rc == 1; side++, h = -h) {
        char buf[200];
        tdm_slp_format_value(buf, sizeof buf, si + h, shown_unit, suffix);
        tdm_error why;
        if (tdm_slp_set_key(o, unit, key, buf, &why)) continue;
        if (simulate_point(o, o->x1, o->M1, &why) == 0) {
            double step = (si + h) - si;
            for (int j = 0; j < o->n; j++)
                dx[j] = (o->x1[j] - o->x0[j]) / step;
            for (int i = 0; i < o->nm; i++)
                dM[i] = (o->M1[i] - o->M0[i]) / step;
            rc = 0;
        }
    }
    if (tdm_slp_set_key(o, unit, key, value_text, err)) return -1;
    if (simulate_point(o, o->x0, o->M0, err)) return -1;
    return rc;
}

/* The model figure an objective is made of (tandem/optimize.h's table) */
int
tdm_slp_objective_figure(const tdm_objective_info *ob)
{
    switch (ob->figure) {
    case TDM_OBJF_ELECTRICITY:
        return M_E;
    case TDM_OBJF_PRODUCT:
        return M_P;
    case TDM_OBJF_EMISSIONS:
        return M_CO2E;
    case TDM_OBJF_COST:
        break;
    }
    return M_COST;
}

double
tdm_slp_heat_supplied(const struct opt *o, const double *M)
{
    double heat = 0;
    for (int d = 0; d < o->nd; d++)
        heat += fmax(0, M[M_FIXED + d]);
    return heat;
}

/* The objective's numerator and denominator at the simulated point. */
void
tdm_slp_objective_parts(const struct opt *o, double *N, double *D)
{
    const tdm_objective_info *ob = tdm_objective_get(o->p->objective);
    *N = o->M0[tdm_slp_objective_figure(ob)];
    if (ob->with_heat) *N += tdm_slp_heat_supplied(o, o->M0);
    if (ob->maximize) *N = -*N;
    *D = o->M0[M_P];
}

/* The objective at the simulated point, in its display unit. */
double
tdm_slp_objective_shown(const struct opt *o)
{
    double N, D;
    tdm_slp_objective_parts(o, &N, &D);
    const tdm_objective_info *ob = tdm_objective_get(o->p->objective);
    /* per tonne: J/kg -> GJ/t, $/kg -> $/t; a rate (the product's, negated to minimize):
     * kg/s -> t/day */
    if (ob->per_tonne) return N / D / ob->si_per_shown;
    return -N * 86.4;
}

/* d(objective shown) per unit change of the LP objective. */
double
tdm_slp_objective_per_lp(const struct opt *o)
{
    const tdm_objective_info *ob = tdm_objective_get(o->p->objective);
    if (ob->per_tonne) return o->scale / o->D0 / ob->si_per_shown;
    return -o->scale * 86.4;
}

/* Inlet flow (mol/s) of optional unit i at the point. */
double
tdm_slp_inflow(const struct opt *o, int i, const double *x)
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

/* The fixed charge of each optional unit that is on, in the units of the cost figure: what
 * its capital costs the plant (the levelized cost with and without it) less the part that
 * scales with its size at the point. A cost line C = f + b (S/S0)^n has C'(S) S = n (C - f),
 * so its tangent meets zero size at C - n (C - f). */
int
tdm_slp_fixed_charges(struct opt *o, tdm_error *err)
{
    for (int i = 0; i < o->nopt; i++)
        o->fc[i] = 0;
    if (!o->cost || !o->nopt) return 0;
    const tdm_results *res = o->sim->results;
    const tdm_unit *u;
    for (int i = 0; i < o->nopt; i++) {
        if (tdm_slp_inflow(o, i, o->x0) <= 0) continue;
        u = tdm_flowsheet_unit(o->fs, o->opt_unit[i]);
        if (tdm_tea_evaluate_opts(res, o->sc,
                                  &(tdm_tea_opts){.small = SMALL_SIZE, .skip = -1, .quick = true},
                                  o->tea, err))
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
        if (tdm_tea_evaluate_opts(
                res, o->sc,
                &(tdm_tea_opts){.small = SMALL_SIZE, .skip = o->opt_unit[i], .quick = true}, o->tea,
                err))
            return -1;
        double without = o->tea->lcop * res->summary.product_kg_s;
        if (sum > 0 && all > without) o->fc[i] = (all - without) * tangent0 / sum;
    }
    return 0;
}
