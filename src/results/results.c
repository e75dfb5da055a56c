/* From a solution vector to the stream table, unit table and plant summary. */
#include "tandem/results.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
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
    /* the keys are mostly the same string literals the unit added them with: their
     * addresses first, the characters only when no address matches */
    for (int i = 0; i < r->nq; i++)
        if (r->q[i].key == key) return r->q[i].value;
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
tdm_result_duty(tdm_unit_result *r, double q_w, double t_k, const char *label)
{
    if (r->nduty >= TDM_MAX_DUTIES) {
        r->duty[TDM_MAX_DUTIES - 1].q_w += q_w; /* fold into the last: totals stay right */
        return;
    }
    r->duty[r->nduty++] =
        (tdm_duty){.q_w = q_w, .t_k = t_k, .t_supply = t_k, .t_target = t_k, .label = label};
}

void
tdm_result_duty_range(tdm_unit_result *r, double q_w, double t_supply, double t_target,
                      const char *label)
{
    double tk = q_w > 0 ? fmax(t_supply, t_target) : t_supply;
    tdm_result_duty(r, q_w, tk, label);
    if (r->nduty > 0 && r->duty[r->nduty - 1].label == label) {
        r->duty[r->nduty - 1].t_supply = t_supply;
        r->duty[r->nduty - 1].t_target = t_target;
    }
}

double
tdm_result_heat(const tdm_unit_result *r)
{
    double q = 0;
    for (int i = 0; i < r->nduty; i++)
        q += r->duty[i].q_w;
    return q;
}

struct tdm_h_memo {
    double T, h;
};

/* Species k's molar enthalpy at T, from the memo when it was worked out before. */
static double
molar_h(const tdm_results *res, int k, double T)
{
    const tdm_species *s = tdm_flowsheet_species_at(res->fs, k);
    if (!res->h_memo || !(T > 0)) return tdm_species_h(s, T);
    uint64_t u;
    memcpy(&u, &T, sizeof u);
    struct tdm_h_memo *m = &res->h_memo[4 * k + ((u ^ (u >> 29) ^ (u >> 43)) & 3)];
    if (m->T != T) *m = (struct tdm_h_memo){T, tdm_species_h(s, T)};
    return m->h;
}

double
tdm_results_enthalpy(const tdm_results *res, const double *flow, double T)
{
    double h = 0;
    for (int k = 0; k < res->nspecies; k++)
        if (flow[k] != 0) h += flow[k] * molar_h(res, k, T);
    return h;
}

void
tdm_results_free(tdm_results *r)
{
    if (!r) return;
    tdm_arena_free(r->arena);
    free(r->h_memo);
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
    /* from the results' arena, as the scratch below: it is reset with the results */
    double *prev = tdm_arena_alloc_raw(res->arena, sizeof(double) * (size_t)(2 * ns + 1));
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

/* The hottest outlet of a unit, or its hottest inlet when it has no outlet. */
static double
unit_temperature(const tdm_unit *u, const tdm_results *res)
{
    double T[2] = {NAN, NAN};
    for (int p = 0; u->kind->ports[p].key; p++) {
        int out = u->kind->ports[p].dir == TDM_PORT_OUT;
        for (int i = 0; i < tdm_unit_port_n(u, p); i++) {
            double t = res->streams[tdm_unit_port_stream(u, p, i)].T;
            if (!isnan(t) && (isnan(T[out]) || t > T[out])) T[out] = t;
        }
    }
    if (!isnan(T[1])) return T[1];
    return isnan(T[0]) ? TDM_T_STANDARD : T[0];
}

/* Every unit's enthalpy balance: q_total = H_out - H_in - electricity, from the stream
 * enthalpies (formation plus sensible heat) and what crosses the boundary at the unit. */
static void
energy_balances(const tdm_flowsheet *fs, tdm_results *res)
{
    int nsp = res->nspecies;
    for (int s = 0; s < res->nstreams; s++)
        res->streams[s].h = tdm_results_enthalpy(res, res->streams[s].flow, res->streams[s].T);
    double *bin = tdm_arena_alloc_raw(res->arena, sizeof(double) * (size_t)(nsp + 1));
    double *bout = tdm_arena_alloc_raw(res->arena, sizeof(double) * (size_t)(nsp + 1));
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        tdm_unit_result *r = &res->units[i];
        double hin = 0, hout = 0;
        for (int p = 0; u->kind->ports[p].key; p++)
            for (int j = 0; j < tdm_unit_port_n(u, p); j++) {
                double h = res->streams[tdm_unit_port_stream(u, p, j)].h;
                if (u->kind->ports[p].dir == TDM_PORT_IN)
                    hin += h;
                else
                    hout += h;
            }
        if (r->boundary && bin && bout) {
            for (int k = 0; k < nsp; k++) {
                bin[k] = r->boundary[k] > 0 ? r->boundary[k] : 0;
                bout[k] = r->boundary[k] < 0 ? -r->boundary[k] : 0;
            }
            hin += tdm_results_enthalpy(res, bin, r->boundary_t);
            hout += tdm_results_enthalpy(res, bout, r->boundary_t);
        }
        r->h_in_w = hin;
        r->h_out_w = hout;
        double q = hout - hin - r->electric_w;
        double scale = fabs(hin) + fabs(hout) + fabs(r->electric_w);
        r->nduty = 0;
        if (u->kind->energy)
            u->kind->energy(u, res, r, q);
        else if (fabs(q) > 1e-12 * scale)
            tdm_result_duty(r, q, unit_temperature(u, res),
                            q > 0 ? "heat supplied" : "heat rejected");
        /* Whatever the kind's split leaves out stays in the balance. */
        double rest = q - tdm_result_heat(r);
        if (fabs(rest) > 1e-9 * (scale > 0 ? scale : 1))
            tdm_result_duty(r, rest, unit_temperature(u, res), "other");
    }
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
        if (id == TDM_SPECIES_CO2) kco2 = k;
    }
    double in[TDM_NEL] = {0}, out[TDM_NEL] = {0};
    double hflow_in = 0, hflow_out = 0, gibbs = 0;
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit_result *r = &res->units[i];
        S->electric_w += r->electric_w;
        for (int d = 0; d < r->nduty; d++) {
            double q = r->duty[d].q_w, T = r->duty[d].t_k;
            if (q > 0) {
                S->heat_in_w += q;
                S->heat_exergy_w += q * (T > TDM_T_STANDARD ? 1 - TDM_T_STANDARD / T : 0);
                S->heat_in_band_w[T <= 373.15 ? 0 : T <= 673.15 ? 1 : 2] += q;
            } else {
                S->heat_out_w -= q;
            }
        }
        hflow_in += r->electric_w + r->h_in_w;
        hflow_out += r->h_out_w;
        S->co2_crossover_mol_s += r->co2_crossover;
        if (!r->boundary) continue;
        for (int k = 0; k < nsp; k++) {
            double b = r->boundary[k];
            const tdm_species *sp = tdm_flowsheet_species_at(fs, k);
            gibbs -= b * sp->gf;
            S->reaction_h_w -= b * sp->hf;
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
    S->energy_j_per_kg =
        S->product_kg_s > 0 ? (S->electric_w + S->heat_in_w) / S->product_kg_s : NAN;
    S->gibbs_min_w = gibbs;
    double exergy_in = S->electric_w + S->heat_exergy_w;
    S->second_law_eff = gibbs > 0 && exergy_in > 0 ? gibbs / exergy_in : NAN;
    S->closure_tolerance = 1e-9;
    S->closed = true;
    /* each element against its own flow, or against a millionth of the largest element's
     * when it is smaller: an element present only as rounding noise (1e-17 mol/s of H from
     * a cell that runs at no current) is no imbalance; a real loss of a trace element at
     * 1e-15 of the plant's atoms or more is still caught */
    double top = 0;
    for (int e = 0; e < TDM_NEL; e++)
        top = fmax(top, fmax(in[e], out[e]));
    for (int e = 0; e < TDM_NEL; e++) {
        double big = fmax(fmax(in[e], out[e]), 1e-6 * top);
        S->closure[e] = (tdm_closure){
            .in = in[e], .out = out[e], .rel = big > 0 ? fabs(in[e] - out[e]) / big : 0};
        if (!(S->closure[e].rel <= S->closure_tolerance)) S->closed = false;
    }
    /* Energy: what the units draw plus what flows in, against what they reject plus what
     * flows out; each unit's heat is the residual of its own balance, so this checks that
     * every stream enthalpy is counted once on each side and every duty split adds up. */
    double qin = 0, qout = 0;
    for (int i = 0; i < res->nunits; i++)
        for (int d = 0; d < res->units[i].nduty; d++) {
            double q = res->units[i].duty[d].q_w;
            if (q > 0)
                qin += q;
            else
                qout -= q;
        }
    double ein = hflow_in + qin, eout = hflow_out + qout;
    double scale = 0;
    for (int i = 0; i < res->nunits; i++)
        scale += fabs(res->units[i].h_in_w) + fabs(res->units[i].h_out_w) +
                 fabs(res->units[i].electric_w);
    scale += qin + qout;
    S->energy =
        (tdm_closure){.in = ein, .out = eout, .rel = scale > 0 ? fabs(ein - eout) / scale : 0};
    if (!(S->energy.rel <= S->closure_tolerance)) S->closed = false;
}

/* The unit whose own balance of element e is worst: what its inlets and the boundary bring
 * against what its outlets and the boundary take. */
static const char *
worst_unit(const tdm_flowsheet *fs, const tdm_results *res, int e)
{
    const char *worst = NULL;
    double wrel = 0;
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        double in = 0, out = 0;
        for (int p = 0; u->kind->ports[p].key; p++)
            for (int j = 0; j < tdm_unit_port_n(u, p); j++) {
                const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, p, j)];
                double n = 0;
                for (int k = 0; k < res->nspecies; k++)
                    n += s->flow[k] * tdm_flowsheet_species_at(fs, k)->el[e];
                if (u->kind->ports[p].dir == TDM_PORT_IN)
                    in += n;
                else
                    out += n;
            }
        const double *b = res->units[i].boundary;
        for (int k = 0; b && k < res->nspecies; k++) {
            double n = b[k] * tdm_flowsheet_species_at(fs, k)->el[e];
            if (n > 0)
                in += n;
            else
                out -= n;
        }
        double big = fmax(in, out), rel = big > 0 ? fabs(in - out) / big : 0;
        if (rel > wrel) {
            wrel = rel;
            worst = u->name;
        }
    }
    return worst;
}

int
tdm_results_check_closure(const tdm_results *res, tdm_error *err)
{
    const tdm_summary *S = &res->summary;
    if (S->closed) return 0;
    const char *path = tdm_flowsheet_path(res->fs);
    /* what limits the model, in words: the span of its flows against the 16 digits of a
     * double (a legal flowsheet tandem cannot solve is not tandem's fault to report, nor the
     * user's: it is arithmetic) */
    double hi = 0, lo = HUGE_VAL;
    bool finite = true;
    for (int s = 0; s < res->nstreams; s++)
        for (int k = 0; k < res->nspecies; k++) {
            double v = fabs(res->streams[s].flow[k]);
            if (!isfinite(v)) finite = false;
            if (v > 0 && isfinite(v)) {
                hi = fmax(hi, v);
                lo = fmin(lo, v);
            }
        }
    char why[300];
    double orders = hi > 0 && lo < HUGE_VAL ? log10(hi / lo) : 0;
    if (!finite || !isfinite(S->energy.in) || !isfinite(S->energy.out))
        snprintf(why, sizeof why,
                 "its flows grow past what a number holds (a recycle that multiplies them at "
                 "every pass, many levels deep?); no solution can be computed in double "
                 "precision");
    else if (orders >= 10)
        snprintf(why, sizeof why,
                 "its flows span %.1e to %.1e mol/s, %.0f orders of magnitude, and double "
                 "precision keeps 16 digits: write values near zero as 0, or split the plant",
                 lo, hi, orders);
    else /* not rounding: every unit conserves atoms and energy by construction */
        snprintf(why, sizeof why,
                 "not rounding (the flows span %.0f orders of magnitude): a fault of tandem's; "
                 "please report it with this file",
                 orders);
    for (int e = 0; e < TDM_NEL; e++)
        if (!(S->closure[e].rel <= S->closure_tolerance)) {
            const char *u = worst_unit(res->fs, res, e);
            return tdm_errorf(err, TDM_ESOLVE, path, 0,
                              "the %s balance closes only to a relative %.2g (tolerance %.0e)"
                              "%s%s%s: %s",
                              tdm_element_symbol(e), S->closure[e].rel, S->closure_tolerance,
                              u ? ", worst in [" : "", u ? u : "", u ? "]" : "", why);
        }
    if (!isfinite(S->energy.in) || !isfinite(S->energy.out))
        return tdm_errorf(err, TDM_ESOLVE, path, 0, "the energy balance cannot be computed: %s",
                          why);
    return tdm_errorf(err, TDM_ESOLVE, path, 0,
                      "the energy balance closes only to a relative %.2g (tolerance %.0e): %s",
                      S->energy.rel, S->closure_tolerance, why);
}

int
tdm_results_make(const tdm_flowsheet *fs, const double *x, tdm_results **out, tdm_error *err)
{
    *out = NULL;
    return tdm_results_remake(fs, x, out, err);
}

int
tdm_results_remake(const tdm_flowsheet *fs, const double *x, tdm_results **out, tdm_error *err)
{
    tdm_results *res = *out;
    *out = NULL;
    if (res && res->fs == fs && res->arena) {
        tdm_arena *a = res->arena;
        struct tdm_h_memo *m = res->h_memo;
        tdm_arena_reset(a);
        memset(res, 0, sizeof *res);
        res->arena = a;
        res->h_memo = m;
    } else {
        tdm_results_free(res);
        res = calloc(1, sizeof *res);
        if (!res) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        res->arena = tdm_arena_new();
    }
    res->fs = fs;
    res->nspecies = tdm_flowsheet_nspecies(fs);
    if (!res->h_memo) /* without it (out of memory) enthalpies are worked out each time */
        res->h_memo = calloc(4 * (size_t)res->nspecies + 4, sizeof *res->h_memo);
    res->nstreams = tdm_flowsheet_nstreams(fs);
    res->nunits = tdm_flowsheet_nunits(fs);
    if (res->arena) {
        res->streams =
            tdm_arena_calloc(res->arena, (size_t)res->nstreams + 1, sizeof *res->streams);
        res->units =
            tdm_arena_alloc_raw(res->arena, ((size_t)res->nunits + 1) * sizeof *res->units);
        for (int i = 0; res->units && i <= res->nunits; i++)
            memset(&res->units[i], 0, offsetof(tdm_unit_result, duty));
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
        res->units[i].boundary_t = TDM_T_STANDARD;
        u->kind->results(u, x, res, &res->units[i]);
    }
    energy_balances(fs, res);
    summarize(fs, res);
    *out = res;
    return 0;
}
