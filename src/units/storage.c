/* storage: a buffer of an intermediate between two parts of a plant (docs/dispatch.md).
 *
 * In a steady-state solve it passes its inlet through unchanged (n_k,out = n_k,in): at a
 * constant load nothing is stored or drawn. What it adds is capital, a vessel that holds
 * `capacity` hours of its design flow, and, for `tandem dispatch`, what a cascade can do
 * with it: the units before it and after it run at loads of their own, the difference
 * charged or drawn. A gas stored above its inlet pressure is compressed to `pressure` when
 * charged, in stages of at most STAGE_RATIO intercooled to the inlet temperature, each
 * isentropic at `efficiency`: that work per mole charged is the `charge_work` figure
 * dispatch pays for in the hour it charges. `loss` is the share of what is held that leaks
 * away each hour.
 *   volume = capacity x n_in x R T_in / P    (ideal gas at the inlet temperature) */
#include <math.h>
#include <stdlib.h>

#include "kinds.h"
#include "tandem/constants.h"

enum { P_IN, P_OUT };

/* The largest pressure ratio of one compression stage (an assumption within the 2.5 to 4
 * of reciprocating practice, Towler and Sinnott, Chemical Engineering Design, 2nd ed.,
 * 2012, section 20.6). */
#define STAGE_RATIO 3.0

struct storage {
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
    if (p == 1 && e == 0)
        return tdm_unit_error(u, 0, err,
                              "a storage at a `pressure` is charged by a compressor: give its "
                              "isentropic `efficiency` (0.75, say)");
    if (p == 0 && e == 1)
        return tdm_unit_error(u, tdm_unit_kv(u, "efficiency")->line, err,
                              "`efficiency` is the charge compressor's: give the `pressure` "
                              "the gas is stored at (without one it is held at its inlet "
                              "pressure, as in a gas holder)");
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

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    (void)x;
    const struct storage *d = u->data;
    int in = tdm_unit_port_stream(u, P_IN, 0);
    const tdm_stream_state *s = &res->streams[in];
    double n = inflow(res, in);
    double T = isnan(s->T) ? TDM_T_STANDARD : s->T, Pin = isnan(s->P) ? TDM_P_NORMAL : s->P;
    double P = isnan(d->P) ? Pin : d->P;
    double held = n * d->capacity; /* mol */
    double kg = 0;
    for (int k = 0; k < res->nspecies; k++)
        kg += s->flow[k] * tdm_unit_species_at(u, k)->molar_mass * d->capacity;
    tdm_result_add(r, "capacity", "capacity (hours of the design flow)", d->capacity, "h");
    tdm_result_add(r, "held", "amount held when full", kg, "t");
    tdm_result_add(r, "held_mol", "moles held when full", held, "mol");
    tdm_result_add(r, "volume", "vessel volume", held * TDM_GAS_CONSTANT * T / P, "m3");
    tdm_result_add(r, "storage_pressure", "storage pressure", P, "bar");
    tdm_result_add(r, "charge_work", "work to charge a mole", charge_work(u, res), "kJ/mol");
    tdm_result_add(r, "loss", "share of the holding lost each hour", d->loss * 3600, "");
    for (int k = 0; k < res->nspecies; k++)
        if (s->flow[k] > 0 && !tdm_species_vapour(tdm_unit_species_at(u, k), T)) {
            r->failed = tdm_arena_printf(res->arena,
                                         "[%s] %s is liquid at the storage inlet (%.0f C): this "
                                         "storage holds gases; separate the liquid first",
                                         u->name, tdm_unit_species_at(u, k)->name, T - 273.15);
            break;
        }
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 1, "the intermediate charged"},
    {"out", TDM_PORT_OUT, 1, 1, "the intermediate drawn"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"capacity", "hours of the design flow it holds (what `tandem cost` prices; dispatch "
                 "chooses its own)"},
    {"pressure", "pressure it is held at (compressed on charging); absent: the inlet's"},
    {"efficiency", "isentropic efficiency of the charge compressor"},
    {"loss", "share of what is held lost each hour (0.1 %/h); default 0"},
    {NULL},
};

/* Priced as the volume of 200-bar vessel that holds the same P V: a thin-walled vessel's
 * steel goes as P V (the ASME shell wall t = P D / (2 S E - 1.2 P) goes as P D; an assumption
 * away from 200 bar), and the shipped cost row is for 200-bar vessels. A gas held at its
 * inlet pressure (a gas holder) has no default item: no source gives its cost
 * (../shared/reference/plant-data.md section 7), and the cost report lists it unpriced. */
static void
size(const tdm_unit *u, const tdm_results *res, const tdm_unit_result *r, tdm_unit_size *s)
{
    (void)res;
    const struct storage *d = u->data;
    if (isnan(d->P)) return;
    s->size[TDM_BASIS_VOLUME] = tdm_result_get(r, "volume") * d->P / 2e7;
    s->items[s->nitems++] = "gas_storage_vessel";
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
