/* storage: a buffer of an intermediate between two parts of a plant (docs/dispatch.md).
 *
 * In a steady-state solve it passes its inlet through unchanged (n_k,out = n_k,in): at a
 * constant load nothing is stored or drawn. What it adds is capital, a vessel that holds
 * `capacity` hours of its design flow, and, for `tandem dispatch`, what a cascade can do
 * with it: the units before it and after it run at loads of their own, the difference
 * charged or drawn. Three holders:
 *   compressed  a gas at `pressure`, compressed when charged, in stages of at most
 *               STAGE_RATIO intercooled to the inlet temperature, each isentropic at
 *               `efficiency`: that work per mole charged is the `charge_work` figure dispatch
 *               pays for in the hour it charges; volume = held x R T_in / P;
 *   gas holder  a gas at its inlet pressure (a low-pressure holder): volume = held R T / P_in;
 *   tank        a liquid: volume = held mass / 1000 kg/m3 (the density the cost model takes
 *               for liquids), its pumping left out.
 * `loss` is the share of what is held that leaks away each hour. */
#include <math.h>
#include <stdlib.h>

#include "kinds.h"
#include "tandem/constants.h"

enum { P_IN, P_OUT };

/* The largest pressure ratio of one compression stage (an assumption within the 2.5 to 4
 * of reciprocating practice, Towler and Sinnott, Chemical Engineering Design, 2nd ed.,
 * 2012, section 20.6). */
#define STAGE_RATIO 3.0

enum holder { COMPRESSED, GAS_HOLDER, TANK };
static const char *const holders[] = {"compressed", "gas holder", "tank", NULL};

struct storage {
    enum holder holder;
    double capacity; /* s of the design flow */
    double P;        /* storage pressure, Pa; NAN: the inlet's */
    double eta;      /* isentropic efficiency of the charge compressor */
    double loss;     /* 1/s: share of the holding lost per second */
};

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct storage *d = u->data;
    d->P = d->eta = NAN;
    d->loss = 0;
    if (tdm_unit_require(u, "capacity", TDM_Q_DURATION, 0, 3.2e8, &d->capacity, err) < 0) return -1;
    int p = tdm_unit_quantity(u, "pressure", TDM_Q_PRESSURE, 1.0, 1e9, &d->P, err);
    int e = tdm_unit_quantity(u, "efficiency", TDM_Q_FRACTION, 0.05, 1.0, &d->eta, err);
    if (p < 0 || e < 0) return -1;
    int h = tdm_unit_choice(u, "holder", holders, p == 1 ? COMPRESSED : -2, err);
    if (h == -1) return -1;
    if (h == -2)
        return tdm_unit_error(u, 0, err,
                              "say what holds it: `holder = compressed` (with its `pressure` and "
                              "`efficiency`), `gas holder` (at its inlet pressure) or `tank` (a "
                              "liquid)");
    d->holder = (enum holder)h;
    if (d->holder != COMPRESSED && (p == 1 || e == 1))
        return tdm_unit_error(u, tdm_unit_kv(u, p == 1 ? "pressure" : "efficiency")->line, err,
                              "a %s is not compressed: `pressure` and `efficiency` are a "
                              "compressed holder's",
                              holders[h]);
    if (p == 1 && e == 0)
        return tdm_unit_error(u, 0, err,
                              "a storage at a `pressure` is charged by a compressor: give its "
                              "isentropic `efficiency` (0.75, say)");
    if (d->holder == COMPRESSED && p == 0)
        return tdm_unit_error(u, e == 1 ? tdm_unit_kv(u, "efficiency")->line : 0, err,
                              "a compressed holder needs the `pressure` the gas is stored at "
                              "(a gas at its inlet pressure is in a `gas holder`)");
    if (tdm_unit_quantity(u, "loss", TDM_Q_RATE, 0, 1.0 / 3600, &d->loss, err) < 0) return -1;
    return 0;
}

static double
inflow(const tdm_results *res, int s)
{
    double n = 0;
    for (int k = 0; k < res->nspecies; k++)
        n += res->streams[s].flow[k];
    return n;
}

/* Work to charge one mole (J/mol): staged compression from the inlet to the storage
 * pressure, each stage from the inlet temperature. 0 when stored at the inlet pressure. */
static double
charge_work(const tdm_unit *u, const tdm_results *res)
{
    const struct storage *d = u->data;
    const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    double n = inflow(res, tdm_unit_port_stream(u, P_IN, 0));
    double T1 = isnan(s->T) ? TDM_T_STANDARD : s->T, P1 = isnan(s->P) ? TDM_P_NORMAL : s->P;
    if (isnan(d->P) || d->P <= P1 || !(n > 0)) return 0;
    int stages = (int)ceil(log(d->P / P1) / log(STAGE_RATIO) - 1e-9);
    if (stages < 1) stages = 1;
    double r = pow(d->P / P1, 1.0 / stages), W = 0, P = P1;
    for (int i = 0; i < stages; i++) {
        double T2s, T2, w;
        tdm_kind_compress(u, s->flow, T1, P, P * r, d->eta, &T2s, &T2, &w);
        W += w;
        P *= r;
    }
    return W / n;
}

/* m3 of the priced volume per mole held (see size). */
static double
volume_per_mol(const tdm_unit *u, const tdm_results *res)
{
    const struct storage *d = u->data;
    const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    double T = isnan(s->T) ? TDM_T_STANDARD : s->T, P = isnan(s->P) ? TDM_P_NORMAL : s->P;
    double n = 0, kg = 0;
    for (int k = 0; k < res->nspecies; k++) {
        n += s->flow[k];
        kg += s->flow[k] * tdm_unit_species_at(u, k)->molar_mass;
    }
    switch (d->holder) {
    case COMPRESSED:
        return TDM_GAS_CONSTANT * T / 2e7; /* P V / 200 bar */
    case GAS_HOLDER:
        return TDM_GAS_CONSTANT * T / P;
    default:
        return n > 0 ? kg / n / 1000 : 0;
    }
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    (void)x;
    const struct storage *d = u->data;
    int in = tdm_unit_port_stream(u, P_IN, 0);
    const tdm_stream_state *s = &res->streams[in];
    double n = inflow(res, in);
    double T = isnan(s->T) ? TDM_T_STANDARD : s->T, Pin = isnan(s->P) ? TDM_P_NORMAL : s->P;
    double P = d->holder == COMPRESSED ? d->P : Pin;
    double held = n * d->capacity; /* mol */
    double kg = 0;
    for (int k = 0; k < res->nspecies; k++)
        kg += s->flow[k] * tdm_unit_species_at(u, k)->molar_mass * d->capacity;
    tdm_result_add(r, "capacity", "capacity (hours of the design flow)", d->capacity, "h");
    tdm_result_add(r, "held", "amount held when full", kg, "t");
    tdm_result_add(r, "held_mol", "moles held when full", held, "mol");
    double vpm = volume_per_mol(u, res);
    tdm_result_add(r, "volume", "vessel volume",
                   d->holder == TANK ? held * vpm : held * TDM_GAS_CONSTANT * T / P, "m3");
    tdm_result_add(r, "priced_volume_per_mol", "priced volume per mole held", vpm, "m3");
    tdm_result_add(r, "storage_pressure", "storage pressure", P, "bar");
    tdm_result_add(r, "charge_work", "work to charge a mole", charge_work(u, res), "kJ/mol");
    tdm_result_add(r, "loss", "share of the holding lost each hour", d->loss * 3600, "");
    for (int k = 0; k < res->nspecies; k++) {
        if (!(s->flow[k] > 0)) continue;
        bool vapour = tdm_species_vapour(tdm_unit_species_at(u, k), T);
        if (vapour == (d->holder != TANK)) continue;
        r->failed = tdm_arena_printf(
            res->arena, "[%s] %s is %s at the storage inlet (%.0f C): a %s holds %s", u->name,
            tdm_unit_species_at(u, k)->name, vapour ? "a gas" : "liquid", T - 273.15,
            holders[d->holder], d->holder == TANK ? "liquids" : "gases");
        break;
    }
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 1, "the intermediate charged"},
    {"out", TDM_PORT_OUT, 1, 1, "the intermediate drawn"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"holder", "compressed (a gas at `pressure`, the default with one), gas holder (a gas at its "
               "inlet pressure) or tank (a liquid)"},
    {"capacity", "hours of the design flow it holds (what `tandem cost` prices; dispatch "
                 "chooses its own)"},
    {"pressure", "compressed: the pressure it is held at (compressed on charging)"},
    {"efficiency", "isentropic efficiency of the charge compressor"},
    {"loss", "share of what is held lost each hour (0.1 %/h); default 0"},
    {NULL},
};

/* Priced by volume. Compressed: as the volume of 200-bar vessel that holds the same P V (a
 * thin-walled vessel's steel goes as P V: the ASME shell wall t = P D / (2 S E - 1.2 P) goes
 * as P D; an assumption away from 200 bar), the shipped cost row being for 200-bar vessels;
 * a gas holder and a tank by their own volume. */
static void
size(const tdm_unit *u, const tdm_results *res, const tdm_unit_result *r, tdm_unit_size *s)
{
    (void)res;
    const struct storage *d = u->data;
    static const char *const items[] = {"gas_storage_vessel", "gas_holder", "storage_tank"};
    s->size[TDM_BASIS_VOLUME] =
        tdm_result_get(r, "held_mol") * tdm_result_get(r, "priced_volume_per_mol");
    s->items[s->nitems++] = items[d->holder];
}

const tdm_unit_kind tdm_kind_storage = {
    .name = "storage",
    .summary = "a buffer of an intermediate: passes it through at steady state; in dispatch "
               "the units on each side run at loads of their own",
    .legend = "n_k,out = n_k,in at steady state; V = capacity n R T / P",
    .shape = "cylinder",
    .electricity_label = "electricity: storage compressors",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct storage),
    .parse = parse,
    .declare = tdm_kind_declare_pass,
    .results = results,
    .states = NULL,
    .energy = NULL,
    .size = size,
};
