/* reactor: a thermocatalytic reactor with stoichiometric reactions.
 *
 * Each reaction i consumes the key reactant K; the key reactant's conversion X and the
 * selectivities S_i (fraction of converted K that goes through reaction i) set the extents:
 *   xi_i = S_i X in_K / |nu_K,i|,       out_k = in_k + sum_i nu_k,i xi_i
 * Every reaction is checked for element and charge balance when it is read. The feed is
 * compressed to the reactor pressure (isentropic, `compression_efficiency`) and brought to
 * the reactor temperature; the heat of reaction is taken or given at that temperature.
 * All of it follows from the enthalpy balance: preheat = H_in(T_r) - H_in(after
 * compression), reaction duty = H_out(T_r) - H_in(T_r). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kinds.h"
#include "tandem/constants.h"

enum { P_IN, P_OUT };
enum { MAXR = 8 };

struct reactor {
    int nr;
    tdm_reaction rx[MAXR];
    const char *name[MAXR];
    double S[MAXR];
    int line[MAXR];
    int key;
    double X;
    int X_line;
    double T, P, eta;
    double ghsv; /* 1/s: gas hourly space velocity for the vessel size */
};

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct reactor *d = u->data;
    for (int i = 0; i < u->sec->nkv; i++) {
        const tdm_kv *kv = &u->sec->kv[i];
        if (strncmp(kv->key, "reaction.", 9) != 0) continue;
        if (d->nr == MAXR)
            return tdm_unit_error(u, kv->line, err, "too many reactions (limit %d)", MAXR);
        if (tdm_kind_read_reaction(u, kv, &d->rx[d->nr], err)) return -1;
        d->name[d->nr] = kv->key + 9;
        d->line[d->nr] = kv->line;
        d->nr++;
    }
    if (d->nr == 0)
        return tdm_unit_error(u, 0, err,
                              "a reactor needs at least one reaction, e.g. "
                              "`reaction.hf = C2H4 + CO + H2 -> C2H5CHO`");
    const tdm_kv *kk = tdm_unit_kv(u, "key_reactant");
    if (!kk)
        return tdm_unit_error(u, 0, err,
                              "a reactor needs `key_reactant`, the species whose "
                              "conversion is given");
    d->key = tdm_unit_species(u, kk->value, kk->line, err);
    if (d->key < 0) return -1;
    for (int i = 0; i < d->nr; i++)
        if (!(tdm_reaction_nu(&d->rx[i], d->key) < 0))
            return tdm_unit_error(u, d->line[i], err,
                                  "reaction `%s` does not consume the key reactant %s", d->name[i],
                                  kk->value);
    if (tdm_unit_require(u, "conversion", TDM_Q_FRACTION, 0.0, 1.0, &d->X, err) < 0) return -1;
    d->X_line = tdm_unit_kv(u, "conversion")->line;
    /* Selectivities, one per reaction by its name; one may be `rest`; a single reaction
     * takes all. */
    int rest = -1;
    double sum = 0;
    for (int i = 0; i < d->nr; i++) {
        char key[128];
        snprintf(key, sizeof key, "selectivity.%s", d->name[i]);
        const tdm_kv *kv = tdm_unit_kv(u, key);
        if (!kv) {
            if (d->nr == 1) {
                d->S[i] = 1;
                sum = 1;
                continue;
            }
            return tdm_unit_error(u, d->line[i], err,
                                  "reaction `%s` needs `selectivity.%s` (fraction of the "
                                  "converted %s it takes; one may be `rest`)",
                                  d->name[i], d->name[i], kk->value);
        }
        if (strcmp(kv->value, "rest") == 0) {
            if (rest >= 0)
                return tdm_unit_error(u, kv->line, err, "only one selectivity may be `rest`");
            rest = i;
            continue;
        }
        if (tdm_unit_quantity(u, key, TDM_Q_FRACTION, 0.0, 1.0, &d->S[i], err) < 0) return -1;
        sum += d->S[i];
    }
    int sl = 0; /* sum errors point at the last selectivity */
    for (int i = 0; i < u->sec->nkv; i++) {
        const tdm_kv *kv = &u->sec->kv[i];
        if (strncmp(kv->key, "selectivity.", 12) != 0) continue;
        sl = kv->line;
        bool known = false;
        for (int r = 0; r < d->nr; r++)
            known |= strcmp(kv->key + 12, d->name[r]) == 0;
        if (!known)
            return tdm_unit_error(u, kv->line, err, "`%s` names no reaction of this reactor",
                                  kv->key);
    }
    if (sum > 1 + 1e-9)
        return tdm_unit_error(u, sl, err, "selectivities sum to %.10g (must be <= 1)", sum);
    if (rest >= 0)
        d->S[rest] = sum < 1 ? 1 - sum : 0;
    else if (fabs(sum - 1) > 1e-6)
        return tdm_unit_error(
            u, sl, err, "selectivities sum to %.10g; they must sum to 1, or mark one `rest`", sum);
    if (tdm_unit_require(u, "temperature", TDM_Q_TEMPERATURE, 1.0, 2500.0, &d->T, err) < 0)
        return -1;
    d->P = NAN;
    if (tdm_unit_quantity(u, "pressure", TDM_Q_PRESSURE, 1.0, 1e8, &d->P, err) < 0) return -1;
    /* Vessel size: feed volume at reactor conditions over a gas hourly space velocity,
     * 2000 1/h unless given (assumed; a typical fixed-bed figure). */
    d->ghsv = 2000.0 / 3600.0;
    if (tdm_unit_quantity(u, "space_velocity", TDM_Q_RATE, 1e-6, 100.0, &d->ghsv, err) < 0)
        return -1;
    d->eta = NAN;
    return tdm_unit_quantity(u, "compression_efficiency", TDM_Q_FRACTION, 0.05, 1.0, &d->eta, err) <
                   0
               ? -1
               : 0;
}

static int
declare(const tdm_unit *u, tdm_model *m, tdm_error *err)
{
    const struct reactor *d = u->data;
    int in = tdm_unit_port_stream(u, P_IN, 0), out = tdm_unit_port_stream(u, P_OUT, 0);
    int kK = tdm_unit_species_index(u, d->key);
    char hint[200];
    snprintf(hint, sizeof hint,
             "a co-reactant runs short of what the conversion and selectivities ask for; feed "
             "more of it or lower `conversion`");
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        int id = tdm_unit_species_id(u, k);
        double c = 0; /* mol of species k made per mol of key reactant fed */
        for (int i = 0; i < d->nr; i++)
            c += tdm_reaction_nu(&d->rx[i], id) * d->S[i] * d->X /
                 fabs(tdm_reaction_nu(&d->rx[i], d->key));
        int r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, c < 0 ? d->X_line : u->sec->line,
                                  c < 0 ? hint : NULL, "[%s] %s balance", u->name,
                                  tdm_unit_species_at(u, k)->name);
        if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        tdm_model_coef(m, r, tdm_unit_col(u, out, k), 1.0);
        tdm_model_coef(m, r, tdm_unit_col(u, in, k), -1.0);
        tdm_model_coef(m, r, tdm_unit_col(u, in, kK), -c);
    }
    return 0;
}

/* Inlet state after compression to the reactor pressure. */
static void
compressed_inlet(const tdm_unit *u, const tdm_results *res, double *T2, double *W)
{
    const struct reactor *d = u->data;
    const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    double T2s;
    *T2 = s->T;
    *W = 0;
    if (!isnan(d->P) && s->P < d->P)
        tdm_kind_compress(u, s->flow, s->T, s->P, d->P, isnan(d->eta) ? 1 : d->eta, &T2s, T2, W);
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    const struct reactor *d = u->data;
    const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    double T2, W;
    compressed_inlet(u, res, &T2, &W);
    r->electric_w = W;
    int kK = tdm_unit_species_index(u, d->key);
    double fed = x[tdm_unit_col(u, tdm_unit_port_stream(u, P_IN, 0), kK)];
    tdm_result_add(r, "temperature", "temperature", d->T, "C");
    tdm_result_add(r, "pressure", "pressure", isnan(d->P) ? s->P : d->P, "bar");
    tdm_result_add(r, "conversion", "conversion of the key reactant", d->X, "%");
    tdm_result_add(r, "key_converted", "key reactant converted",
                   d->X * fed * tdm_unit_species_info(u, d->key)->molar_mass, "t/day");
    if (W > 0) tdm_result_add(r, "compression_power", "feed compression power", W, "W");
    if (W > 0 && isnan(d->eta))
        r->failed = tdm_arena_printf(res->arena,
                                     "[%s] the feed must be compressed to %.3g bar: "
                                     "give `compression_efficiency`",
                                     u->name, d->P / 1e5);
}

static void
states(const tdm_unit *u, tdm_results *res)
{
    const struct reactor *d = u->data;
    const tdm_stream_state *i = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    tdm_stream_state *o = &res->streams[tdm_unit_port_stream(u, P_OUT, 0)];
    o->T = d->T;
    o->P = isnan(d->P) ? i->P : d->P;
}

static void
energy(const tdm_unit *u, tdm_results *res, tdm_unit_result *r, double q)
{
    const struct reactor *d = u->data;
    const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    double T2, W;
    compressed_inlet(u, res, &T2, &W);
    double hin_T2 = tdm_results_enthalpy(res, s->flow, T2);
    double hin_Tr = tdm_results_enthalpy(res, s->flow, d->T);
    double pre = hin_Tr - hin_T2, rxn = q - pre;
    if (pre != 0) tdm_result_duty_range(r, pre, T2, d->T, pre > 0 ? "preheat" : "feed cooling");
    if (rxn != 0)
        tdm_result_duty(r, rxn, d->T, rxn < 0 ? "heat of reaction released" : "heat of reaction");
    tdm_result_add(r, "preheat", "feed preheat", pre, "W");
    tdm_result_add(r, "reaction_heat", "reaction duty (negative: released)", rxn, "W");
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 1, "the reactor feed"},
    {"out", TDM_PORT_OUT, 1, 1, "the reactor effluent"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"reaction.*",
     "a reaction, e.g. reaction.hf = C2H4 + CO + H2 -> C2H5CHO (terms joined by ' + ')"},
    {"key_reactant", "the species every reaction consumes and whose conversion is given"},
    {"conversion", "fraction of the key reactant fed that reacts"},
    {"selectivity.*", "fraction of the converted key reactant taken by a reaction; one `rest`"},
    {"temperature", "reactor temperature"},
    {"pressure", "reactor pressure (default: the feed's)"},
    {"space_velocity", "gas hourly space velocity for sizing the vessel (default 2000 1/h)"},
    {"compression_efficiency", "isentropic efficiency when the feed must be compressed"},
    {NULL},
};

/* Priced by vessel: volume V = feed volume flow at reactor T and P / space velocity; a
 * vertical cylinder with H = 3 D and 10 mm carbon-steel walls (7850 kg/m3) weighs
 * 7850 x 0.01 x (pi D H + pi D^2 / 2). */
static void
size(const tdm_unit *u, const tdm_results *res, const tdm_unit_result *r, tdm_unit_size *s)
{
    const struct reactor *d = u->data;
    const tdm_stream_state *in = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    double P = isnan(d->P) ? (isnan(in->P) ? TDM_P_NORMAL : in->P) : d->P;
    double Q = in->total * TDM_GAS_CONSTANT * d->T / P;
    double V = Q / d->ghsv;
    const double pi = 3.14159265358979323846;
    double D = cbrt(4 * V / (3 * pi)), H = 3 * D;
    s->size[TDM_BASIS_VOLUME] = V;
    s->size[TDM_BASIS_VESSEL_MASS] = 7850.0 * 0.01 * (pi * D * H + pi * D * D / 2);
    s->size[TDM_BASIS_GAS_FLOW] = in->total * TDM_MOLAR_VOLUME_NORMAL;
    s->size[TDM_BASIS_DUTY] = fabs(tdm_result_get(r, "reaction_heat"));
    s->items[s->nitems++] = "fixed_bed_reactor";
    s->steps = 1;
}

const tdm_unit_kind tdm_kind_reactor = {
    .name = "reactor",
    .summary = "thermocatalytic reactor: stoichiometric reactions, conversion, selectivities",
    .legend = "n_k,out = n_k,in + sum_i nu_k,i xi_i; xi_i = S_i X n_K,in / |nu_K,i| (key "
              "reactant K, conversion X, selectivities S)",
    .fill = "#f6c9a8",
    .electricity_label = "electricity: reactors",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct reactor),
    .parse = parse,
    .declare = declare,
    .results = results,
    .states = states,
    .energy = energy,
    .size = size,
};
