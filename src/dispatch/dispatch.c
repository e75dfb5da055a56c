/* tandem dispatch: a cascade run period by period on a profile (docs/dispatch.md).
 *
 * 1. The storage units cut the flowsheet into stages. Each stage's cells run at loads f
 *    (fractions of their design current density); the flowsheet is solved at a few loads,
 *    every stage at one of its own in each solve (a stage's figures per square metre of its
 *    lead cell depend on its own cells' current density alone: its flows scale with its
 *    throughput). What a stage does at load f_k per square metre is a column of figures:
 *    electricity, the other operating cost, emissions, the main product, what it sends to
 *    a storage or draws from one, and the size of each piece of its equipment.
 * 2. In period t, w[s][k][t] square metres of stage s run at load f_k: stacks in parallel,
 *    each at one simulated point, so a mix is exact (never an interpolation of curves).
 *    Their sum is at most the installed area A[s] (all of it when min_load > 0).
 * 3. Storage links the periods: L[t] = (1 - loss dt) L[t-1] + dt (in_t - out_t), 0 <= L <=
 *    V, cyclic over the profile; what is charged beyond what passes straight through is
 *    compressed, at the hour's price.
 * 4. The objective is the levelized cost of the scenario's cash flow, which is linear in
 *    the capital and the yearly operating cost at a fixed production (tandem/finance.h):
 *    each $ of a line's installed cost and each $/yr of operating cost has one weight in
 *    $/t. Capital curves are concave: the LP takes each at its tangent, and is solved again
 *    at the sizes it chose until the cost stops falling (each tangent lies above the curve,
 *    so every step lowers the true cost). Each storage on or off is a layout of its own
 *    (fixed charges: the compressor's 0.58 M$), and the best is kept. */
#include <glpk.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/constants.h"
#include "tandem/dispatch.h"
#include "tandem/finance.h"
#include "tandem/flowsheet.h"
#include "tandem/results.h"
#include "tandem/unit.h"

enum { MAXS = TDM_DISPATCH_MAX_STAGES, MAXL = TDM_DISPATCH_MAX_LEVELS, MAXCELL = 8 };

/* A capital line of a stage: its equipment and its size, per unit of the stage's area (a
 * cell's stack and balance of plant) or of its throughput (the area times the load: every
 * other piece, which carries the flow). sigma is the most over the loads (equipment is
 * built for the most it must carry), sigma1 the design load's. */
struct line {
    const tdm_equipment *e;
    bool area;
    double sigma, sigma1, kappa; /* SI per measure; $/t of levelized cost per $ installed */
};

struct stage {
    int nunits;
    bool *mask; /* by unit */
    int ncells, cell[MAXCELL];
    double j0[MAXCELL];
    char *jtext[MAXCELL];
    bool product; /* holds the main product's outlet */
    /* per level, per unit of measure (per m2 of lead cell, or per kg/s or mol/s) */
    double P[MAXL], O[MAXL], E[MAXL], EL[MAXL], prod[MAXL];
    double qin[MAXS][MAXL], qout[MAXS][MAXL]; /* mol/s to and from each store */
    int nlines;
    struct line *lines;
};

struct store {
    const tdm_equipment *vessel, *comp;
    double per_mol; /* vessel size (SI) per mol held */
    double work;    /* J per mol charged */
    double loss;    /* 1/s */
    double flow;    /* mol/s at design */
    double kv, kc;  /* $/t per $ installed */
};

struct dsp {
    tdm_simulation *sim;
    tdm_flowsheet *fs;
    tdm_scenario *sc;
    const tdm_profile *p;    /* the periods of the LP: the profile's, or its typical days */
    const tdm_profile *full; /* the profile as read */
    double *om;              /* how many periods of the profile each LP period stands for */
    int *prev;               /* the period before each, cyclic within its day (or the year) */
    double ntot;             /* the profile's periods */
    const tdm_dispatch_opts *o;
    tdm_dispatch *out;
    int nunits, ns, nb, nlev;
    int stage_of[1024];
    struct stage st[MAXS];
    struct store sb[MAXS];
    /* the levelized cost's weights */
    double b0;    /* NPV per $/t of price */
    double cO;    /* $/t per $/yr of operating cost */
    double fixed; /* $/t of the fixed costs that do not follow the capital (labour) */
    double H;     /* operating seconds a year */
    double Q;     /* main product, kg/s at design */
    double G0;    /* the scenario's grid intensity, kg/J; NAN: none */
    bool carbon;
    double product_kg_s;
    tdm_cash_case cash; /* the design plant's */
    /* LP */
    glp_prob *lp;
    int wcol[MAXS], acol[MAXS], ucol[MAXS], lcol[MAXS], ccol[MAXS], vcol[MAXS], kcol[MAXS];
    double A[MAXS], U[MAXS], V[MAXS], K[MAXS];
};

static int
oom(tdm_error *err)
{
    return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
}

/* The NPV at a price of 0 of a cash case like c0's with these capital and operating
 * figures (linear in them: tandem/finance.h). */
static double
npv_a(const tdm_cash_case *c0, double F, double W, double opex, double life_item)
{
    tdm_cash_case c = *c0;
    c.fixed_capital = F;
    c.working_capital = W;
    c.opex = opex;
    c.other_revenue = 0;
    c.memo = NULL;
    memset(c.replacement, 0, sizeof c.replacement);
    if (life_item > 0 && life_item < c.life)
        for (int y = 1; y <= c.life; y++)
            c.replacement[y] = tdm_replacements(life_item, c.life, y);
    double a, b;
    tdm_cash_npv_line(&c, &a, &b);
    return a;
}

/* $/t of levelized cost per $ installed of an item with this maintenance and lifetime:
 * the capital with its indirect and working capital, its maintenance and insurance, its
 * replacements. */
static double
kappa(const struct dsp *d, const tdm_cash_case *c0, double maintenance, double life)
{
    const tdm_scenario *sc = d->sc;
    double ind = 0;
    for (int k = 0; k < sc->nindirect; k++)
        ind += sc->indirect[k];
    double F = 1 + ind, a;
    if (c0->convention == TDM_CONV_DCF)
        a = npv_a(c0, F, sc->working_capital * F, 0, 0);
    else
        a = npv_a(c0, F * (1 + sc->working_capital), 0, 0, 0);
    a += npv_a(c0, 0, 0, maintenance + sc->insurance * F, 0);
    if (life > 0 && life < c0->life) a += npv_a(c0, 0, 0, 0, life);
    return -a / d->b0;
}

/* ---- stages ---- */

static int
find(int *parent, int i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

static bool
is_storage(const tdm_unit *u)
{
    return !strcmp(u->kind->name, "storage");
}

static int
make_stages(struct dsp *d, tdm_error *err)
{
    tdm_flowsheet *fs = d->fs;
    int n = d->nunits;
    if (n > 1024) return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(fs), 0, "too many units");
    int parent[1024];
    for (int i = 0; i < n; i++)
        parent[i] = i;
    for (int s = 0; s < tdm_flowsheet_nstreams(fs); s++) {
        int a = tdm_flowsheet_stream_source(fs, s), b = tdm_flowsheet_stream_sink(fs, s);
        if (a < 0 || b < 0) continue;
        if (is_storage(tdm_flowsheet_unit(fs, a)) || is_storage(tdm_flowsheet_unit(fs, b)))
            continue;
        parent[find(parent, a)] = find(parent, b);
    }
    int root_stage[1024];
    for (int i = 0; i < n; i++)
        root_stage[i] = -1;
    d->ns = 0;
    for (int i = 0; i < n; i++) {
        d->stage_of[i] = -1;
        if (is_storage(tdm_flowsheet_unit(fs, i))) continue;
        int r = find(parent, i);
        if (root_stage[r] < 0) {
            if (d->ns == MAXS)
                return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(fs), 0,
                                  "more than %d stages between storages", MAXS);
            root_stage[r] = d->ns++;
        }
        d->stage_of[i] = root_stage[r];
    }
    for (int s = 0; s < d->ns; s++) {
        d->st[s].mask = calloc((size_t)n, sizeof(bool));
        if (!d->st[s].mask) return oom(err);
        d->out->stages[s].lead = -1;
    }
    for (int i = 0; i < n; i++) {
        int s = d->stage_of[i];
        if (s < 0) continue;
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        struct stage *S = &d->st[s];
        tdm_dispatch_stage *D = &d->out->stages[s];
        S->mask[i] = true;
        S->nunits++;
        if (!D->name) D->name = u->name;
        if (!u->kind->electrochemical) continue;
        if (S->ncells == MAXCELL)
            return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(fs), u->sec->line,
                              "more than %d cells in one stage", MAXCELL);
        const tdm_kv *jk = tdm_unit_kv(u, "current_density");
        if (!jk)
            return tdm_unit_error(u, 0, err,
                                  "dispatch runs each cell at fractions of its design current "
                                  "density: give `current_density` (a performance map's "
                                  "cells have several)");
        const char *why = tdm_flowsheet_stays(fs, u->name, "current_density");
        if (why)
            return tdm_unit_error(u, jk->line, err,
                                  "dispatch moves its current density with the load, but %s", why);
        S->jtext[S->ncells] = strdup(jk->value);
        if (!S->jtext[S->ncells]) return oom(err);
        S->cell[S->ncells++] = i;
        if (D->lead < 0) {
            D->lead = i;
            D->name = u->name;
        }
    }
    /* each stage's load range: the narrowest of its cells' */
    for (int s = 0; s < d->ns; s++) {
        struct stage *S = &d->st[s];
        tdm_dispatch_stage *D = &d->out->stages[s];
        D->min_load = 0;
        D->max_load = S->ncells ? 3 : 1;
        D->ramp = 0;
        for (int c = 0; c < S->ncells; c++) {
            const tdm_unit *u = tdm_flowsheet_unit(fs, S->cell[c]);
            double lo = 0, hi = 1, ramp = 0;
            tdm_error ignored; /* checked when the flowsheet was read */
            tdm_unit_quantity(u, "min_load", TDM_Q_FRACTION, 0, 1, &lo, &ignored);
            tdm_unit_quantity(u, "max_load", TDM_Q_FRACTION, 0.01, 3, &hi, &ignored);
            tdm_unit_quantity(u, "ramp", TDM_Q_RATE, 1e-9, 1e3, &ramp, &ignored);
            if (hi < 1) {
                const tdm_kv *kv = tdm_unit_kv(u, "max_load");
                return tdm_unit_error(u, kv ? kv->line : 0, err,
                                      "`max_load` is %g: the design current density is a "
                                      "load of 1, and dispatch compares with the plant "
                                      "running there; write at least 1",
                                      hi);
            }
            D->min_load = fmax(D->min_load, lo);
            D->max_load = fmin(D->max_load, hi);
            if (ramp > 0) D->ramp = D->ramp > 0 ? fmin(D->ramp, ramp) : ramp;
        }
        if (!(D->max_load > D->min_load))
            return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(fs), 0,
                              "the cells of stage `%s` share no load: the most min_load "
                              "(%g) is not below the least max_load (%g)",
                              D->name, D->min_load, D->max_load);
        D->must_run = D->min_load > 0;
        /* the loads simulated: from the least (or, with no least, a step above zero: the
         * stacks that are off make the loads below it) to the most, with the design's 1 */
        int L = S->ncells ? d->o->levels : 1;
        double lo = D->min_load > 0 ? D->min_load : D->max_load / L;
        int nl = 0;
        for (int k = 0; k < L; k++) {
            double f = L == 1 ? 1 : lo + (D->max_load - lo) * k / (L - 1);
            if (nl && fabs(f - D->level[nl - 1]) < 1e-9) continue;
            D->level[nl++] = f;
        }
        bool has1 = false;
        for (int k = 0; k < nl; k++)
            has1 |= fabs(D->level[k] - 1) < 1e-9;
        if (!has1) {
            int k = nl++;
            while (k > 0 && D->level[k - 1] > 1) {
                D->level[k] = D->level[k - 1];
                k--;
            }
            D->level[k] = 1;
        }
        D->nlevels = nl;
        if (nl > d->nlev) d->nlev = nl;
    }
    /* the stores and the stages on each side */
    d->nb = 0;
    for (int i = 0; i < n; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        if (!is_storage(u)) continue;
        if (d->nb == MAXS)
            return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(fs), u->sec->line,
                              "more than %d storages", MAXS);
        int in = tdm_unit_port_stream(u, 0, 0), out = tdm_unit_port_stream(u, 1, 0);
        int a = tdm_flowsheet_stream_source(fs, in), b = tdm_flowsheet_stream_sink(fs, out);
        int from = a >= 0 ? d->stage_of[a] : -1, to = b >= 0 ? d->stage_of[b] : -1;
        if (from < 0 || to < 0)
            return tdm_unit_error(u, 0, err,
                                  "a storage runs between two stages of the plant: a unit "
                                  "before it and one after it (not another storage)");
        if (from == to)
            return tdm_unit_error(u, 0, err,
                                  "the units before and after it are joined by other streams "
                                  "too (a recycle around it): a storage lets parts of a plant "
                                  "run apart only when it alone joins them");
        tdm_dispatch_store *B = &d->out->stores[d->nb++];
        B->name = u->name;
        B->unit = i;
        B->from = from;
        B->to = to;
    }
    d->out->nstages = d->ns;
    d->out->nstores = d->nb;
    return 0;
}

/* ---- the figures of each stage at each load ---- */

static double
molar(const tdm_results *r, int stream)
{
    double n = 0;
    for (int k = 0; k < r->nspecies; k++)
        n += r->streams[stream].flow[k];
    return n;
}

/* The stage's measure in a solution: its lead cell's area, else its product rate, else
 * the flow it draws from a store or sends to one. */
static double
measure(const struct dsp *d, int s, const tdm_results *r)
{
    const tdm_dispatch_stage *D = &d->out->stages[s];
    if (D->lead >= 0) return tdm_result_get(&r->units[D->lead], "area");
    if (d->st[s].product) return r->summary.product_kg_s;
    for (int b = 0; b < d->nb; b++) {
        const tdm_unit *u = tdm_flowsheet_unit(d->fs, d->out->stores[b].unit);
        if (d->out->stores[b].to == s) return molar(r, tdm_unit_port_stream(u, 1, 0));
        if (d->out->stores[b].from == s) return molar(r, tdm_unit_port_stream(u, 0, 0));
    }
    return NAN;
}

static int
figures(struct dsp *d, int k, tdm_tea *t, tdm_error *err)
{
    const tdm_results *r = d->sim->results;
    const tdm_price *pe = tdm_scenario_price(d->sc, "electricity");
    double hours = 8760.0 * d->sc->capacity_factor, secs = hours * 3600;
    for (int s = 0; s < d->ns; s++) {
        struct stage *S = &d->st[s];
        tdm_dispatch_stage *D = &d->out->stages[s];
        int kk = k < D->nlevels ? k : D->nlevels - 1;
        double m = measure(d, s, r);
        if (!(m > 0))
            return tdm_errorf(err, TDM_ESOLVE, tdm_flowsheet_path(d->fs), 0,
                              "stage `%s` does nothing at the design point: nothing to "
                              "dispatch",
                              D->name);
        tdm_tea_opts o = TDM_TEA_OPTS_DEFAULT;
        o.lines_only = true;
        o.quick = true;
        o.units = S->mask;
        if (tdm_tea_evaluate_opts(r, d->sc, &o, t, err)) return -1;
        double P = 0;
        for (int i = 0; i < d->nunits; i++)
            if (S->mask[i]) P += r->units[i].electric_w;
        double opex = 0, co2 = 0, el = 0;
        for (int i = 0; i < t->nopex; i++)
            opex += t->opex[i].cost;
        for (int i = 0; i < t->nco2; i++) {
            co2 += t->co2[i].co2e;
            el += t->co2[i].electricity;
        }
        opex -= P * secs * (pe ? pe->value : 0); /* the electricity is paid by the hour */
        S->P[kk] = P / m;
        S->O[kk] = opex / secs / m;
        S->EL[kk] = el * 3.6e6 / secs / m;
        S->E[kk] = d->carbon ? (co2 - el * 3.6e6 * d->G0) / secs / m : 0;
        S->prod[kk] = S->product ? r->summary.product_kg_s / m : 0;
        for (int b = 0; b < d->nb; b++) {
            const tdm_dispatch_store *B = &d->out->stores[b];
            const tdm_unit *u = tdm_flowsheet_unit(d->fs, B->unit);
            S->qin[b][kk] = B->from == s ? molar(r, tdm_unit_port_stream(u, 0, 0)) / m : 0;
            S->qout[b][kk] = B->to == s ? molar(r, tdm_unit_port_stream(u, 1, 0)) / m : 0;
        }
        /* capital lines: the same lines at every load, each sized for the most */
        if (k == 0) {
            S->nlines = t->ncapex;
            S->lines = calloc((size_t)(t->ncapex ? t->ncapex : 1), sizeof *S->lines);
            if (!S->lines) return oom(err);
        }
        if (t->ncapex != S->nlines)
            return tdm_errorf(err, TDM_ESOLVE, tdm_flowsheet_path(d->fs), 0,
                              "stage `%s` prices %d pieces of equipment at one load and %d at "
                              "another",
                              D->name, S->nlines, t->ncapex);
        for (int i = 0; i < t->ncapex; i++) {
            const tdm_capex_line *c = &t->capex[i];
            struct line *l = &S->lines[i];
            if (k == 0) {
                l->e = tdm_scenario_equipment(d->sc, c->item);
                l->area = l->e && l->e->basis == TDM_BASIS_AREA;
            }
            double size = c->size * (l->e ? l->e->si_per_shown : 1) / m;
            if (!l->area) size /= D->level[kk];
            if (size > l->sigma) l->sigma = size;
            if (fabs(D->level[kk] - 1) < 1e-9) l->sigma1 = size;
        }
    }
    return 0;
}

/* A stage whose figures per square metre are affine in its load (fixed voltage and
 * selectivity) is exactly a mix of its least and most loads: the loads between are
 * dropped (the design load is kept, for the plant running flat). */
static void
prune(struct dsp *d, int s)
{
    struct stage *S = &d->st[s];
    tdm_dispatch_stage *D = &d->out->stages[s];
    int L = D->nlevels, last = L - 1;
    if (L <= 3) return;
    double f0 = D->level[0], f1 = D->level[last];
    for (int k = 1; k < last; k++) {
        double x = (D->level[k] - f0) / (f1 - f0);
        double *v[5] = {S->P, S->O, S->E, S->EL, S->prod};
        for (int i = 0; i < 5; i++) {
            double want = v[i][0] + x * (v[i][last] - v[i][0]);
            if (fabs(v[i][k] - want) > 1e-9 * (fabs(v[i][0]) + fabs(v[i][last])) + 1e-300) return;
        }
        for (int b = 0; b < d->nb; b++) {
            double wi = S->qin[b][0] + x * (S->qin[b][last] - S->qin[b][0]);
            double wo = S->qout[b][0] + x * (S->qout[b][last] - S->qout[b][0]);
            if (fabs(S->qin[b][k] - wi) > 1e-9 * fabs(S->qin[b][last]) ||
                fabs(S->qout[b][k] - wo) > 1e-9 * fabs(S->qout[b][last]))
                return;
        }
    }
    int keep[3], n = 0;
    for (int k = 0; k < L; k++)
        if (k == 0 || k == last || fabs(D->level[k] - 1) < 1e-9) keep[n++] = k;
    for (int i = 0; i < n; i++) {
        int k = keep[i];
        D->level[i] = D->level[k];
        S->P[i] = S->P[k];
        S->O[i] = S->O[k];
        S->E[i] = S->E[k];
        S->EL[i] = S->EL[k];
        S->prod[i] = S->prod[k];
        for (int b = 0; b < d->nb; b++) {
            S->qin[b][i] = S->qin[b][k];
            S->qout[b][i] = S->qout[b][k];
        }
    }
    D->nlevels = n;
}

/* Moves every cell to its stage's k-th load (NAN: back to the file's value) and solves. */
static int
solve_at(struct dsp *d, int k, tdm_error *err)
{
    for (int s = 0; s < d->ns; s++) {
        struct stage *S = &d->st[s];
        const tdm_dispatch_stage *D = &d->out->stages[s];
        int kk = k < D->nlevels ? k : D->nlevels - 1;
        for (int c = 0; c < S->ncells; c++) {
            const char *name = tdm_flowsheet_unit(d->fs, S->cell[c])->name;
            int rc = k < 0 ? tdm_flowsheet_set(d->fs, d->sim->model, name, "current_density",
                                               S->jtext[c], err)
                           : tdm_flowsheet_set_number(d->fs, d->sim->model, name, "current_density",
                                                      D->level[kk] * S->j0[c], "mA/cm2", NULL, err);
            if (rc) return -1;
        }
    }
    if (tdm_flowsheet_restart(d->fs, err)) return -1;
    tdm_error e2;
    if (tdm_simulate(d->sim, &e2) == 0) return 0;
    if (k < 0) {
        *err = e2;
        return -1;
    }
    char loads[300] = "";
    size_t len = 0;
    for (int s = 0; s < d->ns && len < sizeof loads - 60; s++) {
        const tdm_dispatch_stage *D = &d->out->stages[s];
        if (D->lead < 0) continue;
        int kk = k < D->nlevels ? k : D->nlevels - 1;
        len += (size_t)snprintf(loads + len, sizeof loads - len, "%s%s at %g", len ? ", " : "",
                                D->name, D->level[kk]);
    }
    return tdm_errorf(err, e2.cls, tdm_flowsheet_path(d->fs), 0,
                      "the plant cannot be solved with its cells at these loads (%s of their "
                      "design current density): %s; narrow min_load and max_load",
                      loads, e2.msg + e2.text);
}

/* ---- capital ---- */

/* A stage's capital at installed area A and throughput U ($/t of levelized cost; with
 * installed, its installed $), and its slopes in each; design: each line at the design
 * load's size per measure (the plant running flat). */
static double
stage_capital(const struct dsp *d, int s, double A, double U, bool design, double *gA, double *gU,
              double *installed)
{
    const struct stage *S = &d->st[s];
    double c = 0, ga = 0, gu = 0, inst = 0;
    for (int i = 0; i < S->nlines; i++) {
        const struct line *l = &S->lines[i];
        if (!l->e) continue;
        double sig = design ? l->sigma1 : l->sigma;
        double x = sig * (l->area ? A : U), h = 1e-6 * fmax(x, 1e-12);
        double cost = tdm_equipment_installed(d->sc, l->e, x, d->product_kg_s);
        inst += cost;
        c += l->kappa * cost;
        if (!gA || !(x > 0)) continue;
        double g = l->kappa * sig *
                   (tdm_equipment_installed(d->sc, l->e, x + h, d->product_kg_s) -
                    tdm_equipment_installed(d->sc, l->e, x - h, d->product_kg_s)) /
                   (2 * h);
        if (l->area)
            ga += g;
        else
            gu += g;
    }
    if (gA) *gA = ga;
    if (gU) *gU = gu;
    if (installed) *installed = inst;
    return c;
}

/* A concave curve's tangent at x, or below ref its secant from zero to ref (a curve with a
 * fixed part has no finite slope at zero). */
static double
curve_slope(const struct dsp *d, const tdm_equipment *e, double x, double ref)
{
    if (!e) return 0;
    if (x < ref) return tdm_equipment_installed(d->sc, e, ref, d->product_kg_s) / ref;
    double h = 1e-6 * x;
    return (tdm_equipment_installed(d->sc, e, x + h, d->product_kg_s) -
            tdm_equipment_installed(d->sc, e, x - h, d->product_kg_s)) /
           (2 * h);
}

static double
store_capital(const struct dsp *d, int b, double V, double K)
{
    const struct store *B = &d->sb[b];
    double c = 0;
    if (B->vessel)
        c += B->kv * tdm_equipment_installed(d->sc, B->vessel, V * B->per_mol, d->product_kg_s);
    if (B->comp) c += B->kc * tdm_equipment_installed(d->sc, B->comp, K, d->product_kg_s);
    return c;
}

/* ---- the linear program ---- */

struct mat {
    int *ia, *ja;
    double *ar;
    int n, cap;
};

static int
put(struct mat *m, int i, int j, double v)
{
    if (v == 0) return 0;
    if (m->n + 1 >= m->cap) {
        int cap = m->cap ? 2 * m->cap : 1 << 16;
        int *ia = realloc(m->ia, (size_t)cap * sizeof *ia);
        if (ia) m->ia = ia;
        int *ja = realloc(m->ja, (size_t)cap * sizeof *ja);
        if (ja) m->ja = ja;
        double *ar = realloc(m->ar, (size_t)cap * sizeof *ar);
        if (ar) m->ar = ar;
        if (!ia || !ja || !ar) return -1;
        m->cap = cap;
    }
    m->n++;
    m->ia[m->n] = i;
    m->ja[m->n] = j;
    m->ar[m->n] = v;
    return 0;
}

static inline int
wc(const struct dsp *d, int s, int k, int t)
{
    return d->wcol[s] + k * d->p->n + t;
}

/* The hour's grid intensity, kg/J (0 when nothing is assessed). */
static double
grid_at(const struct dsp *d, const tdm_profile *p, int t)
{
    if (p->intensity) return p->intensity[t];
    return d->carbon ? d->G0 : 0;
}

/* Objective weight of a column doing, per second of period t, P W of electricity bought,
 * O $/s of other operating cost and E + G EL kg/s of emissions: in $/t of levelized cost
 * (cost) or kg per kg of product (emissions). */
static double
weight(const struct dsp *d, int t, double P, double O, double E, double EL)
{
    double scale = d->H * d->om[t] / d->ntot; /* seconds a year the period stands for */
    double co2 = E + grid_at(d, d->p, t) * EL;
    if (d->o->objective == TDM_DISPATCH_EMISSIONS) return scale * co2 / (d->Q * d->H);
    return scale * d->cO * (d->p->price[t] * P + O + d->o->carbon_price * co2);
}

static int
add_row(glp_prob *lp, int type, double lo, double hi)
{
    int r = glp_add_rows(lp, 1);
    glp_set_row_bnds(lp, r, type, lo, hi);
    return r;
}

static int
build(struct dsp *d, unsigned on, tdm_error *err)
{
    const tdm_profile *p = d->p;
    int n = p->n;
    double dt = p->dt;
    if (d->lp) glp_delete_prob(d->lp);
    glp_prob *lp = d->lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    int col = 1;
    for (int s = 0; s < d->ns; s++) {
        d->wcol[s] = col;
        col += d->out->stages[s].nlevels * n;
        d->acol[s] = col++;
        d->ucol[s] = col++;
    }
    for (int b = 0; b < d->nb; b++) {
        d->lcol[b] = col;
        col += n;
        d->ccol[b] = col;
        col += n;
        d->vcol[b] = col++;
        d->kcol[b] = col++;
    }
    glp_add_cols(lp, col - 1);
    for (int j = 1; j < col; j++)
        glp_set_col_bnds(lp, j, GLP_LO, 0, 0);
    for (int b = 0; b < d->nb; b++) {
        bool off = !(on >> b & 1) || d->o->no_storage;
        for (int t = 0; t < n; t++) {
            if (off) glp_set_col_bnds(lp, d->lcol[b] + t, GLP_FX, 0, 0);
            if (off || !(d->sb[b].work > 0)) glp_set_col_bnds(lp, d->ccol[b] + t, GLP_FX, 0, 0);
        }
        if (off) glp_set_col_bnds(lp, d->vcol[b], GLP_FX, 0, 0);
        if (off || !(d->sb[b].work > 0)) glp_set_col_bnds(lp, d->kcol[b], GLP_FX, 0, 0);
    }
    if (d->o->objective == TDM_DISPATCH_EMISSIONS)
        for (int s = 0; s < d->ns; s++)
            glp_set_col_bnds(lp, d->acol[s], GLP_DB, 0, d->o->max_size * d->out->stages[s].design);
    for (int s = 0; s < d->ns; s++) {
        const struct stage *S = &d->st[s];
        for (int k = 0; k < d->out->stages[s].nlevels; k++)
            for (int t = 0; t < n; t++)
                glp_set_obj_coef(lp, wc(d, s, k, t),
                                 weight(d, t, S->P[k], S->O[k], S->E[k], S->EL[k]));
    }
    for (int b = 0; b < d->nb; b++)
        for (int t = 0; t < n; t++)
            glp_set_obj_coef(lp, d->ccol[b] + t, weight(d, t, d->sb[b].work, 0, 0, d->sb[b].work));

    struct mat m = {0};
    int rc = 0;
#define PUT(i, j, v)                                                                               \
    do {                                                                                           \
        if (put(&m, (i), (j), (v))) rc = -1;                                                       \
    } while (0)
    /* capacity: what runs is at most (with a least load: exactly) what is installed */
    for (int s = 0; s < d->ns; s++) {
        const tdm_dispatch_stage *D = &d->out->stages[s];
        for (int t = 0; t < n; t++) {
            int r = D->must_run ? add_row(lp, GLP_FX, 0, 0) : add_row(lp, GLP_UP, 0, 0);
            for (int k = 0; k < D->nlevels; k++)
                PUT(r, wc(d, s, k, t), 1);
            PUT(r, d->acol[s], -1);
            r = add_row(lp, GLP_LO, 0, 0); /* the throughput it is built for */
            for (int k = 0; k < D->nlevels; k++)
                PUT(r, wc(d, s, k, t), -D->level[k]);
            PUT(r, d->ucol[s], 1);
        }
        if (D->ramp > 0) /* |load_t - load_t-1| <= ramp dt A, cyclic */
            for (int t = 0; t < n && n > 1; t++)
                for (int sign = -1; sign <= 1; sign += 2) {
                    int r = add_row(lp, GLP_UP, 0, 0), u = d->prev[t];
                    for (int k = 0; k < D->nlevels; k++) {
                        PUT(r, wc(d, s, k, t), sign * D->level[k]);
                        PUT(r, wc(d, s, k, u), -sign * D->level[k]);
                    }
                    PUT(r, d->acol[s], -D->ramp * dt);
                }
    }
    /* storage: the level's balance, under the capacity; the charge beyond what passes */
    for (int b = 0; b < d->nb; b++) {
        const tdm_dispatch_store *B = &d->out->stores[b];
        const struct store *sb = &d->sb[b];
        for (int t = 0; t < n; t++) {
            int u = d->prev[t];
            int r = add_row(lp, GLP_FX, 0, 0);
            if (u == t) { /* one period: what leaks out of itself */
                PUT(r, d->lcol[b] + t, sb->loss * dt);
            } else {
                PUT(r, d->lcol[b] + t, 1);
                PUT(r, d->lcol[b] + u, -(1 - sb->loss * dt));
            }
            for (int k = 0; k < d->out->stages[B->from].nlevels; k++)
                PUT(r, wc(d, B->from, k, t), -dt * d->st[B->from].qin[b][k]);
            for (int k = 0; k < d->out->stages[B->to].nlevels; k++)
                PUT(r, wc(d, B->to, k, t), dt * d->st[B->to].qout[b][k]);
            r = add_row(lp, GLP_UP, 0, 0);
            PUT(r, d->lcol[b] + t, 1);
            PUT(r, d->vcol[b], -1);
            if (!(sb->work > 0)) continue;
            r = add_row(lp, GLP_LO, 0, 0);
            PUT(r, d->ccol[b] + t, 1);
            for (int k = 0; k < d->out->stages[B->from].nlevels; k++)
                PUT(r, wc(d, B->from, k, t), -d->st[B->from].qin[b][k]);
            for (int k = 0; k < d->out->stages[B->to].nlevels; k++)
                PUT(r, wc(d, B->to, k, t), d->st[B->to].qout[b][k]);
            r = add_row(lp, GLP_UP, 0, 0);
            PUT(r, d->ccol[b] + t, sb->work);
            PUT(r, d->kcol[b], -1);
        }
    }
    /* the year's product, as the plant running flat makes it */
    {
        int r = add_row(lp, GLP_FX, d->Q * d->ntot * dt, d->Q * d->ntot * dt);
        for (int s = 0; s < d->ns; s++)
            if (d->st[s].product)
                for (int k = 0; k < d->out->stages[s].nlevels; k++)
                    for (int t = 0; t < n; t++)
                        PUT(r, wc(d, s, k, t), d->om[t] * dt * d->st[s].prod[k]);
    }
    /* the power available */
    if (p->available && d->o->supply_w > 0)
        for (int t = 0; t < n; t++) {
            int r = add_row(lp, GLP_UP, 0, p->available[t] * d->o->supply_w);
            for (int s = 0; s < d->ns; s++)
                for (int k = 0; k < d->out->stages[s].nlevels; k++)
                    PUT(r, wc(d, s, k, t), d->st[s].P[k]);
            for (int b = 0; b < d->nb; b++)
                PUT(r, d->ccol[b] + t, d->sb[b].work);
        }
#undef PUT
    if (rc) {
        free(m.ia);
        free(m.ja);
        free(m.ar);
        return oom(err);
    }
    glp_load_matrix(lp, m.n, m.ia, m.ja, m.ar);
    free(m.ia);
    free(m.ja);
    free(m.ar);
    d->out->lp_rows = glp_get_num_rows(lp);
    d->out->lp_cols = glp_get_num_cols(lp);
    return 0;
}

/* The capital's tangents at the current sizes (the cost objective). */
static void
set_capital(struct dsp *d)
{
    if (d->o->objective == TDM_DISPATCH_EMISSIONS) return;
    for (int s = 0; s < d->ns; s++) {
        double ga, gu;
        stage_capital(d, s, d->A[s], d->U[s], false, &ga, &gu, NULL);
        glp_set_obj_coef(d->lp, d->acol[s], ga);
        glp_set_obj_coef(d->lp, d->ucol[s], gu);
    }
    for (int b = 0; b < d->nb; b++) {
        const struct store *B = &d->sb[b];
        double vref = B->flow * 3600, kref = B->work * B->flow;
        glp_set_obj_coef(
            d->lp, d->vcol[b],
            B->vessel ? B->kv * B->per_mol *
                            curve_slope(d, B->vessel, d->V[b] * B->per_mol, vref * B->per_mol)
                      : 0);
        glp_set_obj_coef(d->lp, d->kcol[b],
                         B->comp && kref > 0 ? B->kc * curve_slope(d, B->comp, d->K[b], kref) : 0);
    }
}

static int
simplex(glp_prob *lp)
{
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = GLP_OFF;
    int term = glp_term_out(GLP_OFF); /* glp_scale_prob talks at any message level */
    glp_scale_prob(lp, GLP_SF_AUTO);
    glp_term_out(term);
    if (glp_get_status(lp) == GLP_UNDEF || glp_get_status(lp) == GLP_NOFEAS) glp_adv_basis(lp, 0);
    int rc = glp_simplex(lp, &parm);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        glp_adv_basis(lp, 0);
        rc = glp_simplex(lp, &parm);
    }
    if (rc) return -1;
    return glp_get_status(lp) == GLP_OPT ? 0 : glp_get_status(lp) == GLP_NOFEAS ? 1 : -1;
}

/* The true objective of the LP's point: its operating part, exact capital at its sizes,
 * and the fixed costs; the case's figures filled. */
static double
evaluate(struct dsp *d, tdm_dispatch_case *c)
{
    const tdm_profile *p = d->p;
    int n = p->n;
    double kg = d->Q * d->H;
    double el = 0, other = 0, co2 = 0, cost_co2 = 0, kwh = 0, paid = 0, cap = 0;
    for (int s = 0; s < d->ns; s++) {
        const struct stage *S = &d->st[s];
        for (int k = 0; k < d->out->stages[s].nlevels; k++)
            for (int t = 0; t < n; t++) {
                double w = glp_get_col_prim(d->lp, wc(d, s, k, t));
                double scale = d->H * d->om[t] / d->ntot;
                if (w == 0) continue;
                double e = grid_at(d, p, t) * S->EL[k] + S->E[k];
                el += scale * w * S->P[k] * p->price[t];
                other += scale * w * S->O[k];
                co2 += scale * w * e;
                kwh += scale * w * S->P[k];
                paid += scale * w * S->P[k] * p->price[t];
            }
        cap += stage_capital(d, s, glp_get_col_prim(d->lp, d->acol[s]),
                             glp_get_col_prim(d->lp, d->ucol[s]), false, NULL, NULL, NULL);
    }
    for (int b = 0; b < d->nb; b++) {
        for (int t = 0; t < n; t++) {
            double ch = glp_get_col_prim(d->lp, d->ccol[b] + t) * d->sb[b].work;
            double scale = d->H * d->om[t] / d->ntot;
            el += scale * ch * p->price[t];
            co2 += scale * ch * grid_at(d, p, t);
            kwh += scale * ch;
            paid += scale * ch * p->price[t];
        }
        cap += store_capital(d, b, glp_get_col_prim(d->lp, d->vcol[b]),
                             glp_get_col_prim(d->lp, d->kcol[b]));
    }
    cost_co2 = d->o->carbon_price * co2;
    c->feasible = true;
    c->capital = cap;
    c->electricity = d->cO * el;
    c->other = d->cO * (other + cost_co2) + d->fixed;
    c->lcop = c->capital + c->electricity + c->other;
    c->emissions = d->carbon ? co2 / kg : NAN;
    c->energy = kwh / 3.6e6 / kg;
    c->mean_price = kwh > 0 ? paid / kwh * 3.6e6 : NAN;
    return d->o->objective == TDM_DISPATCH_EMISSIONS ? c->emissions : c->lcop;
}

/* Solves one layout of the stores (bit b of on: store b may hold something), the capital
 * taken at its tangents until the cost stops falling. 1: no point meets the profile. */
static int
solve_layout(struct dsp *d, unsigned on, tdm_dispatch_case *c, int *iterations, tdm_error *err)
{
    if (build(d, on, err)) return -1;
    for (int s = 0; s < d->ns; s++)
        d->A[s] = d->U[s] = d->out->stages[s].design;
    for (int b = 0; b < d->nb; b++)
        d->V[b] = d->K[b] = 0;
    double J = HUGE_VAL;
    int it;
    for (it = 1; it <= 60; it++) {
        set_capital(d);
        int rc = simplex(d->lp);
        if (rc == 1) return 1;
        if (rc)
            return tdm_errorf(err, TDM_ESOLVE, d->p->path, 0,
                              "the dispatch LP (%d rows, %d columns) did not solve",
                              glp_get_num_rows(d->lp), glp_get_num_cols(d->lp));
        double Jn = evaluate(d, c);
        for (int s = 0; s < d->ns; s++) {
            d->A[s] = glp_get_col_prim(d->lp, d->acol[s]);
            d->U[s] = glp_get_col_prim(d->lp, d->ucol[s]);
        }
        for (int b = 0; b < d->nb; b++) {
            d->V[b] = glp_get_col_prim(d->lp, d->vcol[b]);
            d->K[b] = glp_get_col_prim(d->lp, d->kcol[b]);
        }
        bool done = isfinite(J) && !(Jn < J - 1e-9 * fabs(J));
        J = fmin(J, Jn);
        if (done || d->o->objective == TDM_DISPATCH_EMISSIONS) break;
    }
    *iterations += it;
    return 0;
}

/* The plant of the flowsheet running flat: every stage at its design size and load in every
 * period, nothing stored. */
static void
flat(struct dsp *d, tdm_dispatch_case *c)
{
    const tdm_profile *p = d->full;
    int n = p->n;
    double scale = d->H / n, kg = d->Q * d->H;
    double el = 0, other = 0, co2 = 0, kwh = 0, P = 0, cap = 0;
    for (int s = 0; s < d->ns; s++) {
        const tdm_dispatch_stage *D = &d->out->stages[s];
        int k1 = 0;
        while (fabs(D->level[k1] - 1) > 1e-9)
            k1++;
        const struct stage *S = &d->st[s];
        P += D->design * S->P[k1];
        for (int t = 0; t < n; t++) {
            el += scale * D->design * S->P[k1] * p->price[t];
            other += scale * D->design * S->O[k1];
            co2 += scale * D->design * (S->E[k1] + grid_at(d, p, t) * S->EL[k1]);
            kwh += scale * D->design * S->P[k1];
        }
        cap += stage_capital(d, s, D->design, D->design, true, NULL, NULL, NULL);
    }
    memset(c, 0, sizeof *c);
    c->feasible = true;
    if (p->available && d->o->supply_w > 0)
        for (int t = 0; t < n; t++)
            if (P > p->available[t] * d->o->supply_w * (1 + 1e-9)) {
                c->feasible = false;
                snprintf(c->why, sizeof c->why,
                         "running flat it draws %.4g MW, and %s:%d has %.4g MW", P / 1e6, p->path,
                         p->line[t], p->available[t] * d->o->supply_w / 1e6);
                break;
            }
    c->capital = cap;
    c->electricity = d->cO * el;
    c->other = d->cO * (other + d->o->carbon_price * co2) + d->fixed;
    c->lcop = c->capital + c->electricity + c->other;
    c->emissions = d->carbon ? co2 / kg : NAN;
    c->energy = kwh / 3.6e6 / kg;
    c->mean_price = kwh > 0 ? el / kwh * 3.6e6 : NAN;
}

/* The best constant operation: every stage at the loads and sizes that make the year's
 * product for the least objective, the same in every period, nothing stored. Constant, it
 * pays the profile's mean price and emits at its mean intensity, and must fit the least
 * power available: a one-period problem. */
static int
steady(struct dsp *d, tdm_dispatch_case *c, tdm_error *err)
{
    const tdm_profile *p = d->full;
    double price = 0, g = 0, least = 1;
    for (int t = 0; t < p->n; t++) {
        price += p->price[t] / p->n;
        if (p->intensity) g += p->intensity[t] / p->n;
        if (p->available && p->available[t] < least) least = p->available[t];
    }
    int line = p->line[0], prev = 0;
    double om = d->ntot;
    tdm_profile one = {.path = p->path,
                       .source = p->source,
                       .n = 1,
                       .dt = p->dt,
                       .price = &price,
                       .intensity = p->intensity ? &g : NULL,
                       .available = p->available ? &least : NULL,
                       .line = &line};
    const tdm_profile *keep_p = d->p;
    double *keep_om = d->om;
    int *keep_prev = d->prev;
    d->p = &one;
    d->om = &om;
    d->prev = &prev;
    int it = 0;
    memset(c, 0, sizeof *c);
    int rc = solve_layout(d, 0, c, &it, err);
    d->p = keep_p;
    d->om = keep_om;
    d->prev = keep_prev;
    if (rc < 0) return -1;
    if (rc == 1) {
        c->feasible = false;
        snprintf(c->why, sizeof c->why,
                 "no constant load makes the year's product within the least power available "
                 "(%.4g MW)",
                 least * d->o->supply_w / 1e6);
        c->lcop = c->capital = c->electricity = c->other = c->emissions = c->energy =
            c->mean_price = NAN;
    }
    return 0;
}

/* Why no plant meets the profile: energy short over the profile, or cells that never stop
 * where the supply does. */
static int
infeasible(struct dsp *d, tdm_error *err)
{
    const tdm_profile *p = d->p;
    if (p->available && d->o->supply_w > 0) {
        double e = 0, P = 0;
        int tmin = 0;
        for (int t = 0; t < p->n; t++) {
            e += p->available[t] * d->o->supply_w * p->dt * d->om[t];
            if (p->available[t] < p->available[tmin]) tmin = t;
        }
        for (int s = 0; s < d->ns; s++) {
            const tdm_dispatch_stage *D = &d->out->stages[s];
            int k1 = 0;
            while (fabs(D->level[k1] - 1) > 1e-9)
                k1++;
            P += D->design * d->st[s].P[k1];
        }
        double need = P * d->ntot * p->dt; /* at the design load */
        if (e < need)
            return tdm_errorf(err, TDM_ESOLVE, p->path, 0,
                              "no plant makes the year's %.4g t of its main product on this "
                              "supply: %.4g MWh over the profile at %.4g MW (`--supply`), "
                              "against about %.4g MWh it needs at its design load",
                              d->Q * d->H / 1000, e / 3.6e9, d->o->supply_w / 1e6, need / 3.6e9);
        for (int s = 0; s < d->ns; s++)
            if (d->out->stages[s].must_run)
                return tdm_errorf(err, TDM_ESOLVE, p->path, p->line[tmin],
                                  "%.4g MW available here, and the cells of stage `%s` never "
                                  "stop (min_load %g): give min_load = 0 to let them stop, or "
                                  "a larger supply",
                                  p->available[tmin] * d->o->supply_w / 1e6, d->out->stages[s].name,
                                  d->out->stages[s].min_load);
    }
    return tdm_errorf(err, TDM_ESOLVE, p->path, 0,
                      "no plant runs on this profile within its cells' loads and ramps");
}

/* ---- typical days ---- */

static double
dist2(const double *a, const double *b, int n)
{
    double s2 = 0;
    for (int f = 0; f < n; f++)
        s2 += (a[f] - b[f]) * (a[f] - b[f]);
    return s2;
}

/* The profile reduced to k typical days: its days clustered by k-means on their hours'
 * price, intensity and power available (each over its mean), started from the days at
 * evenly spaced quantiles of their mean price; each cluster is the real day nearest its
 * centre (a medoid: real hours, their lines), weighted by the days it stands for. */
static int
reduce(const tdm_profile *p, int k, tdm_profile *r, double **omega, tdm_error *err)
{
    int h = (int)lround(86400 / p->dt);
    if (h < 1 || fabs(h * p->dt - 86400) > 1e-6 || p->n % h)
        return tdm_errorf(err, TDM_EINPUT, p->path, 0,
                          "typical days need whole days: %d periods of %g h are not", p->n,
                          p->dt / 3600);
    int nd = p->n / h;
    if (k > nd) k = nd;
    int nf = h * (1 + (p->intensity != NULL) + (p->available != NULL));
    double *x = malloc((size_t)nd * nf * sizeof *x), *c = malloc((size_t)k * nf * sizeof *c);
    int *of = malloc((size_t)nd * sizeof *of), *order = malloc((size_t)nd * sizeof *order);
    double *mean = calloc((size_t)nd, sizeof *mean);
    int rc = -1;
    memset(r, 0, sizeof *r);
    if (!x || !c || !of || !order || !mean) {
        oom(err);
        goto done;
    }
    double mp = 0, mi = 0;
    for (int t = 0; t < p->n; t++) {
        mp += fabs(p->price[t]) / p->n;
        if (p->intensity) mi += p->intensity[t] / p->n;
    }
    for (int dd = 0; dd < nd; dd++) {
        double *v = x + (size_t)dd * nf;
        for (int i = 0; i < h; i++) {
            int t = dd * h + i, f = 0;
            v[f * h + i] = mp > 0 ? p->price[t] / mp : 0;
            mean[dd] += p->price[t] / h;
            if (p->intensity) v[++f * h + i] = mi > 0 ? p->intensity[t] / mi : 0;
            if (p->available) v[++f * h + i] = p->available[t];
        }
        order[dd] = dd;
    }
    for (int i = 1; i < nd; i++) /* by mean price, insertion sort (a year: 365 days) */
        for (int j = i; j > 0 && mean[order[j - 1]] > mean[order[j]]; j--) {
            int tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    for (int j = 0; j < k; j++)
        memcpy(c + (size_t)j * nf, x + (size_t)order[(2 * j + 1) * nd / (2 * k)] * nf,
               (size_t)nf * sizeof *c);
    for (int it = 0; it < 100; it++) {
        bool moved = false;
        for (int dd = 0; dd < nd; dd++) {
            int best = 0;
            double bd = HUGE_VAL;
            for (int j = 0; j < k; j++) {
                double s2 = dist2(x + (size_t)dd * nf, c + (size_t)j * nf, nf);
                if (s2 < bd) {
                    bd = s2;
                    best = j;
                }
            }
            if (it == 0 || of[dd] != best) moved = true;
            of[dd] = best;
        }
        if (!moved) break;
        memset(c, 0, (size_t)k * nf * sizeof *c);
        for (int j = 0; j < k; j++) {
            int cnt = 0;
            for (int dd = 0; dd < nd; dd++)
                if (of[dd] == j) {
                    cnt++;
                    for (int f = 0; f < nf; f++)
                        c[(size_t)j * nf + f] += x[(size_t)dd * nf + f];
                }
            for (int f = 0; f < nf; f++)
                c[(size_t)j * nf + f] /= cnt ? cnt : 1;
        }
    }
    r->n = k * h;
    r->dt = p->dt;
    r->path = strdup(p->path);
    r->source = strdup(p->source);
    r->price = malloc((size_t)r->n * sizeof *r->price);
    r->intensity = p->intensity ? malloc((size_t)r->n * sizeof *r->intensity) : NULL;
    r->available = p->available ? malloc((size_t)r->n * sizeof *r->available) : NULL;
    r->line = malloc((size_t)r->n * sizeof *r->line);
    *omega = malloc((size_t)r->n * sizeof **omega);
    if (!r->path || !r->source || !r->price || (p->intensity && !r->intensity) ||
        (p->available && !r->available) || !r->line || !*omega) {
        oom(err);
        goto done;
    }
    for (int j = 0; j < k; j++) {
        int med = -1, cnt = 0;
        double bd = HUGE_VAL;
        for (int dd = 0; dd < nd; dd++) {
            if (of[dd] != j) continue;
            cnt++;
            double s2 = dist2(x + (size_t)dd * nf, c + (size_t)j * nf, nf);
            if (s2 < bd) {
                bd = s2;
                med = dd;
            }
        }
        if (med < 0) med = order[(2 * j + 1) * nd / (2 * k)]; /* an empty cluster: weight 0 */
        for (int i = 0; i < h; i++) {
            int t = j * h + i, u = med * h + i;
            r->price[t] = p->price[u];
            if (r->intensity) r->intensity[t] = p->intensity[u];
            if (r->available) r->available[t] = p->available[u];
            r->line[t] = p->line[u];
            (*omega)[t] = cnt;
        }
    }
    rc = 0;
done:
    free(x);
    free(c);
    free(of);
    free(order);
    free(mean);
    if (rc) tdm_profile_free(r);
    return rc;
}

/* The plan of the LP's point: sizes, loads, levels, power (arrays made by the caller). */
static void
extract(struct dsp *d)
{
    tdm_dispatch *out = d->out;
    int n = d->p->n;
    memset(out->power, 0, (size_t)n * sizeof *out->power);
    for (int s = 0; s < d->ns; s++) {
        tdm_dispatch_stage *D = &out->stages[s];
        const struct stage *S = &d->st[s];
        D->size = glp_get_col_prim(d->lp, d->acol[s]);
        stage_capital(d, s, D->size, glp_get_col_prim(d->lp, d->ucol[s]), false, NULL, NULL,
                      &D->capital);
        double sum = 0;
        for (int tt = 0; tt < n; tt++) {
            double l = 0;
            for (int k = 0; k < D->nlevels; k++) {
                double w = glp_get_col_prim(d->lp, wc(d, s, k, tt));
                l += w * D->level[k];
                out->power[tt] += w * S->P[k];
            }
            D->load[tt] = D->size > 0 ? l / D->size : 0;
            sum += D->load[tt];
        }
        D->mean_load = sum / n;
        D->capacity_factor = D->mean_load / D->max_load;
    }
    for (int b = 0; b < d->nb; b++) {
        tdm_dispatch_store *B = &out->stores[b];
        const struct store *S = &d->sb[b];
        B->capacity = glp_get_col_prim(d->lp, d->vcol[b]);
        B->compressor_w = glp_get_col_prim(d->lp, d->kcol[b]);
        const tdm_unit *u = tdm_flowsheet_unit(d->fs, B->unit);
        const tdm_stream_state *st = &d->sim->results->streams[tdm_unit_port_stream(u, 0, 0)];
        double kg_per_mol = 0, n_in = molar(d->sim->results, tdm_unit_port_stream(u, 0, 0));
        for (int k = 0; k < d->sim->results->nspecies; k++)
            kg_per_mol += st->flow[k] * tdm_flowsheet_species_at(d->fs, k)->molar_mass;
        kg_per_mol = n_in > 0 ? kg_per_mol / n_in : 0;
        B->capacity_kg = B->capacity * kg_per_mol;
        B->capacity_h = S->flow > 0 ? B->capacity / S->flow / 3600 : 0;
        B->capital =
            (S->vessel ? tdm_equipment_installed(d->sc, S->vessel, B->capacity * S->per_mol,
                                                 d->product_kg_s)
                       : 0) +
            (S->comp ? tdm_equipment_installed(d->sc, S->comp, B->compressor_w, d->product_kg_s)
                     : 0);
        for (int tt = 0; tt < n; tt++)
            B->level[tt] = glp_get_col_prim(d->lp, d->lcol[b] + tt);
        for (int tt = 0; tt < n; tt++)
            out->power[tt] += glp_get_col_prim(d->lp, d->ccol[b] + tt) * S->work;
    }
}

int
tdm_dispatch_run(tdm_simulation *sim, tdm_scenario *sc, const tdm_profile *p,
                 const tdm_dispatch_opts *o, tdm_dispatch *out, tdm_error *err)
{
    memset(out, 0, sizeof *out);
    out->full = out->profile = p;
    out->objective = o->objective;
    out->carbon_price = o->carbon_price;
    struct dsp *d = calloc(1, sizeof *d);
    tdm_tea *t = calloc(1, sizeof *t);
    int rc = -1;
    if (!d || !t) {
        oom(err);
        goto done;
    }
    d->sim = sim;
    d->fs = sim->fs;
    d->sc = sc;
    d->p = d->full = p;
    d->ntot = p->n;
    if (o->days > 0) {
        if (reduce(p, o->days, &out->typical, &out->weight, err)) goto done;
        d->p = out->profile = &out->typical;
    } else {
        out->weight = malloc((size_t)p->n * sizeof *out->weight);
        if (!out->weight) {
            oom(err);
            goto done;
        }
        for (int i = 0; i < p->n; i++)
            out->weight[i] = 1;
    }
    out->n = d->p->n;
    d->om = out->weight;
    d->prev = malloc((size_t)d->p->n * sizeof *d->prev);
    if (!d->prev) {
        oom(err);
        goto done;
    }
    {
        int len = o->days > 0 ? (int)lround(86400 / p->dt) : d->p->n;
        for (int i = 0; i < d->p->n; i++)
            d->prev[i] = i % len ? i - 1 : i + len - 1;
    }
    d->o = o;
    d->out = out;
    d->nunits = tdm_flowsheet_nunits(d->fs);
    if (o->levels < 2 || o->levels > MAXL - 1) {
        tdm_errorf(err, TDM_EINPUT, NULL, 0, "the loads simulated per stage are 2 to %d, not %d",
                   MAXL - 1, o->levels);
        goto done;
    }
    /* the design point, priced: the levelized cost's weights */
    if (tdm_simulate(sim, err) || tdm_tea_evaluate(sim->results, sc, t, err)) goto done;
    const tdm_intensity *gi = tdm_scenario_intensity(sc, "electricity");
    d->carbon = t->carbon.assessed && gi;
    d->G0 = gi ? gi->value : NAN;
    if (o->objective == TDM_DISPATCH_EMISSIONS && !d->carbon) {
        tdm_errorf(err, TDM_EINPUT, sc->path, 0,
                   "the emissions objective needs the scenario's carbon intensities "
                   "(docs/carbon.md)");
        goto done;
    }
    if (o->carbon_price > 0 && !d->carbon) {
        tdm_errorf(err, TDM_EINPUT, sc->path, 0,
                   "a carbon price needs the scenario's carbon intensities (docs/carbon.md)");
        goto done;
    }
    d->Q = sim->results->summary.product_kg_s;
    d->product_kg_s = d->Q;
    d->H = t->hours * 3600;
    {
        double a0, b0;
        d->cash = t->cash;
        d->cash.memo = NULL;
        tdm_cash_npv_line(&d->cash, &a0, &b0);
        d->b0 = b0;
        d->cO = -npv_a(&d->cash, 0, 0, 1, 0) / b0;
        double fixed = 0;
        for (int i = 0; i < t->nopex; i++)
            if (!strcmp(t->opex[i].group, "fixed") && strcmp(t->opex[i].name, "maintenance") &&
                strcmp(t->opex[i].name, "insurance"))
                fixed += t->opex[i].cost;
        d->fixed = d->cO * fixed;
        out->product_t = t->production_t;
    }
    if (make_stages(d, err)) goto done;
    int nprod = 0;
    for (int i = 0; i < d->nunits; i++)
        if (sim->results->units[i].role == TDM_ROLE_PRODUCT && d->stage_of[i] >= 0 &&
            !d->st[d->stage_of[i]].product) {
            d->st[d->stage_of[i]].product = true;
            nprod++;
        }
    if (nprod != 1) {
        tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(d->fs), 0,
                   "the main product leaves from %d stages: dispatch counts it in one", nprod);
        goto done;
    }
    for (int s = 0; s < d->ns; s++) {
        struct stage *S = &d->st[s];
        for (int c = 0; c < S->ncells; c++) {
            double j;
            tdm_dim dim;
            char why[160];
            if (tdm_quantity_parse(S->jtext[c], &j, &dim, why, sizeof why)) j = NAN;
            S->j0[c] = j;
        }
        out->stages[s].design = measure(d, s, sim->results);
    }
    /* the stores: their vessel, compressor and design flow */
    for (int b = 0; b < d->nb; b++) {
        tdm_dispatch_store *B = &out->stores[b];
        struct store *S = &d->sb[b];
        const tdm_unit *u = tdm_flowsheet_unit(d->fs, B->unit);
        const tdm_unit_result *r = &sim->results->units[B->unit];
        int in = tdm_unit_port_stream(u, 0, 0);
        S->flow = molar(sim->results, in);
        S->work = tdm_result_get(r, "charge_work");
        S->loss = tdm_result_get(r, "loss") / 3600;
        tdm_unit_size sz;
        for (int k = 0; k < TDM_NBASIS; k++)
            sz.size[k] = NAN;
        sz.nitems = 0;
        u->kind->size(u, sim->results, r, &sz);
        const tdm_kv *ek = tdm_unit_kv(u, "equipment");
        if (ek && strchr(ek->value, ',')) {
            tdm_unit_error(u, ek->line, err,
                           "dispatch sizes a storage's vessel by one item, not `%s`", ek->value);
            goto done;
        }
        S->vessel = tdm_scenario_equipment(sc, ek ? ek->value : sz.items[0]);
        S->per_mol = tdm_result_get(r, "priced_volume_per_mol");
        S->comp = S->work > 0 ? tdm_scenario_equipment(sc, "compressor") : NULL;
        if (S->vessel)
            S->kv = kappa(d, &d->cash,
                          isnan(S->vessel->maintenance) ? sc->maintenance : S->vessel->maintenance,
                          tdm_equipment_lifetime(sc, S->vessel));
        if (S->comp)
            S->kc = kappa(d, &d->cash,
                          isnan(S->comp->maintenance) ? sc->maintenance : S->comp->maintenance,
                          tdm_equipment_lifetime(sc, S->comp));
    }
    /* every stage at each of its loads */
    for (int k = 0; k < d->nlev; k++)
        if (solve_at(d, k, err) || figures(d, k, t, err)) {
            tdm_error keep = *err;
            solve_at(d, -1, err);
            *err = keep;
            goto done;
        }
    if (solve_at(d, -1, err)) goto done;
    for (int s = 0; s < d->ns; s++)
        prune(d, s);
    for (int s = 0; s < d->ns; s++) {
        struct stage *S = &d->st[s];
        for (int i = 0; i < S->nlines; i++) {
            struct line *l = &S->lines[i];
            if (!l->e) continue;
            double mt = isnan(l->e->maintenance) ? sc->maintenance : l->e->maintenance;
            l->kappa = kappa(d, &d->cash, mt, tdm_equipment_lifetime(sc, l->e));
        }
    }
    flat(d, &out->flat);
    if (steady(d, &out->steady, err)) goto done;
    /* the plan's arrays, filled by the best layout */
    {
        int n = d->p->n;
        out->power = calloc((size_t)n, sizeof *out->power);
        bool ok = out->power != NULL;
        for (int s = 0; s < d->ns; s++)
            ok &= (out->stages[s].load = calloc((size_t)n, sizeof(double))) != NULL;
        for (int b = 0; b < d->nb; b++)
            ok &= (out->stores[b].level = calloc((size_t)n, sizeof(double))) != NULL;
        if (!ok) {
            oom(err);
            goto done;
        }
    }
    /* each layout of the stores; the best */
    unsigned layouts = o->no_storage || d->nb == 0 ? 1 : 1u << d->nb;
    if (d->nb > 4) layouts = 1u << 4;
    double best = HUGE_VAL;
    bool any = false;
    for (unsigned on = 0; on < layouts; on++) {
        tdm_dispatch_case c;
        memset(&c, 0, sizeof c);
        int r = solve_layout(d, on, &c, &out->iterations, err);
        if (r < 0) goto done;
        if (r == 1) continue;
        double J = o->objective == TDM_DISPATCH_EMISSIONS ? c.emissions : c.lcop;
        if (!any || J < best - 1e-12 * fabs(best)) {
            best = J;
            out->best = c;
            any = true;
            extract(d);
        }
    }
    if (!any) {
        infeasible(d, err);
        goto done;
    }
    out->converged = true;
    rc = 0;
done:
    if (d) {
        free(d->prev);
        if (d->lp) glp_delete_prob(d->lp);
        for (int s = 0; s < MAXS; s++) {
            free(d->st[s].mask);
            free(d->st[s].lines);
            for (int c = 0; c < d->st[s].ncells; c++)
                free(d->st[s].jtext[c]);
        }
    }
    free(d);
    free(t);
    if (rc) tdm_dispatch_free(out);
    return rc;
}

void
tdm_dispatch_free(tdm_dispatch *d)
{
    free(d->power);
    free(d->weight);
    d->weight = NULL;
    if (d->profile == &d->typical) tdm_profile_free(&d->typical);
    for (int s = 0; s < TDM_DISPATCH_MAX_STAGES; s++) {
        free(d->stages[s].load);
        free(d->stores[s].level);
        d->stages[s].load = NULL;
        d->stores[s].level = NULL;
    }
    d->power = NULL;
}
