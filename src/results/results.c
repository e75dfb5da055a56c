/* From a solution vector to the stream table, unit table and plant summary. */
#include "tandem/results.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/arena.h"
#include "tandem/constants.h"
#include "tandem/flowsheet.h"
#include "tandem/unit.h"

const char *
tdm_role_name(enum tdm_role r)
{
    switch (r) {
    case TDM_ROLE_NONE:
        return "";
    case TDM_ROLE_FEED:
        return "feed";
    case TDM_ROLE_PRODUCT:
        return "product";
    case TDM_ROLE_BYPRODUCT:
        return "byproduct";
    case TDM_ROLE_VENT:
        return "vent";
    }
    return "?";
}

void
tdm_result_add(tdm_unit_result *r, const char *key, const char *label, double si, const char *unit)
{
    if (r->nq >= TDM_MAX_QUANTS) return;
    r->q[r->nq++] = (tdm_quant){.key = key, .label = label, .value = si, .unit = unit};
}

double
tdm_result_get(const tdm_unit_result *r, const char *key)
{
    for (int i = 0; i < r->nq; i++)
        if (strcmp(r->q[i].key, key) == 0) return r->q[i].value;
    return NAN;
}

double *
tdm_result_boundary(tdm_results *res, tdm_unit_result *r)
{
    if (!r->boundary)
        r->boundary = tdm_arena_calloc(res->arena, (size_t)(res->nspecies ? res->nspecies : 1),
                                       sizeof(double));
    return r->boundary;
}

void
tdm_results_free(tdm_results *r)
{
    if (!r) return;
    tdm_arena_free(r->arena);
    free(r);
}

/* Outlet states for a unit without its own rule: first inlet's temperature, lowest
 * inlet pressure. */
static void
pass_through(const tdm_unit *u, tdm_results *res)
{
    double T = NAN, P = NAN;
    for (int p = 0; u->kind->ports[p].key; p++) {
        if (u->kind->ports[p].dir != TDM_PORT_IN) continue;
        for (int i = 0; i < tdm_unit_port_n(u, p); i++) {
            const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, p, i)];
            if (isnan(T)) T = s->T;
            if (!isnan(s->P) && (isnan(P) || s->P < P)) P = s->P;
        }
    }
    for (int p = 0; u->kind->ports[p].key; p++) {
        if (u->kind->ports[p].dir != TDM_PORT_OUT) continue;
        for (int i = 0; i < tdm_unit_port_n(u, p); i++) {
            tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, p, i)];
            s->T = T;
            s->P = P;
        }
    }
}

static bool
close_or_nan(double a, double b, double tol)
{
    return (isnan(a) && isnan(b)) || fabs(a - b) <= tol;
}

/* Temperatures and pressures travel along the streams from the units that set them;
 * recycles need a few sweeps (a contraction: every loop loses flow to an outlet). */
static void
propagate_states(const tdm_flowsheet *fs, tdm_results *res)
{
    int ns = res->nstreams;
    double *prev = malloc(sizeof(double) * (size_t)(2 * ns + 1));
    for (int sweep = 0; sweep < 500; sweep++) {
        if (prev)
            for (int s = 0; s < ns; s++) {
                prev[2 * s] = res->streams[s].T;
                prev[2 * s + 1] = res->streams[s].P;
            }
        for (int i = 0; i < tdm_flowsheet_nunits(fs); i++) {
            const tdm_unit *u = tdm_flowsheet_unit(fs, i);
            if (u->kind->states)
                u->kind->states(u, res);
            else
                pass_through(u, res);
        }
        if (!prev) continue;
        bool same = true;
        for (int s = 0; s < ns && same; s++)
            same = close_or_nan(res->streams[s].T, prev[2 * s], 1e-9) &&
                   close_or_nan(res->streams[s].P, prev[2 * s + 1], 1e-6);
        if (same && sweep > 0) break;
    }
    free(prev);
}

/* Phase by normal boiling points (no vapour-liquid equilibrium). */
static const char *
phase_of(const tdm_flowsheet *fs, const tdm_stream_state *s)
{
    bool gas = false, cond = false;
    double total = 0;
    for (int k = 0; k < tdm_flowsheet_nspecies(fs); k++)
        total += s->flow[k];
    for (int k = 0; k < tdm_flowsheet_nspecies(fs); k++) {
        if (s->flow[k] <= 1e-12 * total) continue;
        const tdm_species *sp = tdm_flowsheet_species_at(fs, k);
        bool is_gas = sp->tb > 0 && !isnan(s->T) && s->T > sp->tb;
        if (is_gas)
            gas = true;
        else
            cond = true;
    }
    if (gas && cond) return "vapour+liquid";
    if (gas) return "vapour";
    if (cond) return "liquid";
    return "empty";
}

static void
summarize(const tdm_flowsheet *fs, tdm_results *res)
{
    tdm_summary *S = &res->summary;
    int nsp = res->nspecies;
    S->main_product = tdm_flowsheet_main_product(fs);
    S->key_reactant = tdm_flowsheet_key_reactant(fs);
    int kmain = -1, kkey = -1, kco2 = -1;
    for (int k = 0; k < nsp; k++) {
        int id = tdm_flowsheet_species(fs, k);
        if (id == S->main_product) kmain = k;
        if (id == S->key_reactant) kkey = k;
        if (id == tdm_species_find("CO2")) kco2 = k;
    }
    double in[TDM_NEL] = {0}, out[TDM_NEL] = {0};
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit_result *r = &res->units[i];
        S->electric_w += r->electric_w;
        S->heat_w += r->heat_w;
        S->co2_crossover_mol_s += r->co2_crossover;
        if (!r->boundary) continue;
        for (int k = 0; k < nsp; k++) {
            double b = r->boundary[k];
            const tdm_species *sp = tdm_flowsheet_species_at(fs, k);
            for (int e = 0; e < TDM_NEL; e++) {
                if (b > 0)
                    in[e] += b * sp->el[e];
                else
                    out[e] -= b * sp->el[e];
            }
            if (r->role == TDM_ROLE_FEED) {
                S->carbon_in_mol_s += b * sp->el[TDM_EL_C];
                if (k == kkey) S->key_fed_mol_s += b;
            }
            if (r->role == TDM_ROLE_PRODUCT && k == kmain) S->product_mol_s -= b;
            if (r->role >= TDM_ROLE_PRODUCT) {
                if (k == kkey) S->key_out_mol_s -= b;
                if (k == kco2) S->co2_out_mol_s -= b;
            }
        }
    }
    const tdm_species *mp = tdm_flowsheet_species_info(fs, S->main_product);
    S->product_kg_s = S->product_mol_s * mp->molar_mass;
    S->electric_j_per_kg = S->product_kg_s > 0 ? S->electric_w / S->product_kg_s : NAN;
    S->carbon_efficiency =
        S->carbon_in_mol_s > 0 ? S->product_mol_s * mp->el[TDM_EL_C] / S->carbon_in_mol_s : NAN;
    S->overall_conversion =
        S->key_fed_mol_s > 0 ? (S->key_fed_mol_s - S->key_out_mol_s) / S->key_fed_mol_s : NAN;
    S->closure_tolerance = 1e-9;
    S->closed = true;
    for (int e = 0; e < TDM_NEL; e++) {
        double big = fmax(in[e], out[e]);
        S->closure[e] = (tdm_closure){
            .in = in[e], .out = out[e], .rel = big > 0 ? fabs(in[e] - out[e]) / big : 0};
        if (!(S->closure[e].rel <= S->closure_tolerance)) S->closed = false;
    }
}

int
tdm_results_make(const tdm_flowsheet *fs, const double *x, tdm_results **out, tdm_error *err)
{
    *out = NULL;
    tdm_results *res = calloc(1, sizeof *res);
    if (!res) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    res->arena = tdm_arena_new();
    res->fs = fs;
    res->nspecies = tdm_flowsheet_nspecies(fs);
    res->nstreams = tdm_flowsheet_nstreams(fs);
    res->nunits = tdm_flowsheet_nunits(fs);
    if (res->arena) {
        res->streams =
            tdm_arena_calloc(res->arena, (size_t)res->nstreams + 1, sizeof *res->streams);
        res->units = tdm_arena_calloc(res->arena, (size_t)res->nunits + 1, sizeof *res->units);
    }
    if (!res->arena || !res->streams || !res->units) {
        tdm_results_free(res);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    for (int s = 0; s < res->nstreams; s++) {
        tdm_stream_state *st = &res->streams[s];
        st->flow = tdm_arena_calloc(res->arena, (size_t)res->nspecies + 1, sizeof(double));
        if (!st->flow) {
            tdm_results_free(res);
            return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        }
        int c0 = tdm_flowsheet_stream_col(fs, s);
        for (int k = 0; k < res->nspecies; k++) {
            double v = x[c0 + k];
            st->flow[k] = v;
            st->total += v;
            st->mass += v * tdm_flowsheet_species_at(fs, k)->molar_mass;
        }
        st->T = st->P = NAN;
    }
    propagate_states(fs, res);
    for (int s = 0; s < res->nstreams; s++)
        res->streams[s].phase = phase_of(fs, &res->streams[s]);
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        u->kind->results(u, x, res, &res->units[i]);
    }
    summarize(fs, res);
    *out = res;
    return 0;
}
