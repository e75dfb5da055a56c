/* compressor: raises a gas stream's pressure, isentropic with an efficiency (ideal gas,
 * heat capacities from the NASA polynomials).
 *   isentropic outlet T2s:  sum_k n_k [s_k(T2s) - s_k(T1)] = n R ln(P2 / P1)
 *   work W = sum_k n_k [h_k(T2s) - h_k(T1)] / eta,  outlet T2 from h(T2) = h(T1) + W / n
 * The work is drawn as electricity; the unit is adiabatic. A liquid at the inlet is
 * reported as a failed specification. */
#include <math.h>
#include <stdlib.h>

#include "kinds.h"
#include "tandem/constants.h"

enum { P_IN, P_OUT };

struct compressor {
    double P, ratio, eta;
};

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct compressor *d = u->data;
    d->P = d->ratio = NAN;
    int a = tdm_unit_quantity(u, "pressure", TDM_Q_PRESSURE, 1.0, 1e8, &d->P, err);
    int b = tdm_unit_quantity(u, "pressure_ratio", TDM_Q_FRACTION, 1.0, 1000.0, &d->ratio, err);
    if (a < 0 || b < 0) return -1;
    if (a + b != 1)
        return tdm_unit_error(u, 0, err,
                              "a compressor needs `pressure` (outlet) or "
                              "`pressure_ratio`, one of them");
    return tdm_unit_require(u, "efficiency", TDM_Q_FRACTION, 0.05, 1.0, &d->eta, err) < 0 ? -1 : 0;
}

/* Outlet pressure, isentropic and actual outlet temperatures, work (W). */
static void
compress(const tdm_unit *u, const tdm_results *res, double *P2, double *T2s, double *T2, double *W)
{
    const struct compressor *d = u->data;
    const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    double T1 = isnan(s->T) ? TDM_T_STANDARD : s->T, P1 = isnan(s->P) ? TDM_P_NORMAL : s->P;
    *P2 = isnan(d->P) ? P1 * d->ratio : d->P;
    tdm_kind_compress(u, s->flow, T1, P1, *P2, d->eta, T2s, T2, W);
}

static void
states(const tdm_unit *u, tdm_results *res)
{
    double P2, T2s, T2, W;
    compress(u, res, &P2, &T2s, &T2, &W);
    tdm_stream_state *o = &res->streams[tdm_unit_port_stream(u, P_OUT, 0)];
    o->P = P2;
    o->T = T2;
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    (void)x;
    const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    double P2, T2s, T2, W;
    compress(u, res, &P2, &T2s, &T2, &W);
    r->electric_w = W;
    tdm_result_add(r, "power", "shaft power", W, "W");
    tdm_result_add(r, "pressure_ratio", "pressure ratio", P2 / s->P, "");
    tdm_result_add(r, "outlet_pressure", "outlet pressure", P2, "bar");
    tdm_result_add(r, "isentropic_temperature", "isentropic outlet temperature", T2s, "C");
    tdm_result_add(r, "outlet_temperature", "outlet temperature", T2, "C");
    for (int k = 0; k < res->nspecies; k++)
        if (s->flow[k] > 0 && !tdm_species_vapour(tdm_unit_species_at(u, k), s->T)) {
            r->failed = tdm_arena_printf(res->arena,
                                         "[%s] %s is liquid at the compressor "
                                         "inlet (%.0f C): use a pump or separate it",
                                         u->name, tdm_unit_species_at(u, k)->name, s->T - 273.15);
            break;
        }
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 1, "the gas to compress"},
    {"out", TDM_PORT_OUT, 1, 1, "the compressed gas"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"pressure", "outlet pressure"},
    {"pressure_ratio", "outlet over inlet pressure (instead of `pressure`)"},
    {"efficiency", "isentropic efficiency"},
    {NULL},
};

/* Priced by shaft power. */
static void
size(const tdm_unit *u, const tdm_results *res, const tdm_unit_result *r, tdm_unit_size *s)
{
    (void)u;
    (void)res;
    s->size[TDM_BASIS_POWER] = r->electric_w;
    s->items[s->nitems++] = "compressor";
    s->steps = 1;
}

const tdm_unit_kind tdm_kind_compressor = {
    .name = "compressor",
    .summary = "isentropic compression of a gas with an efficiency; work drawn as electricity",
    .legend = "n_k,out = n_k,in; power from the pressure ratio after the solve",
    .electricity_label = "electricity: compressors",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct compressor),
    .parse = parse,
    .declare = tdm_kind_declare_pass,
    .results = results,
    .states = states,
    .energy = NULL,
    .size = size,
};
