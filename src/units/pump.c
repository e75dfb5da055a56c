/* pump: raises a liquid's pressure. W = V (P2 - P1) / eta with V the volume flow at
 * `density`; the work ends up in the liquid (outlet enthalpy = inlet + W). */
#include <math.h>

#include "kinds.h"
#include "tandem/constants.h"

enum { P_IN, P_OUT };

struct pump {
    double P, eta, rho;
};

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct pump *d = u->data;
    if (tdm_unit_require(u, "pressure", TDM_Q_PRESSURE, 1.0, 1e9, &d->P, err) < 0 ||
        tdm_unit_require(u, "efficiency", TDM_Q_FRACTION, 0.01, 1.0, &d->eta, err) < 0)
        return -1;
    /* Water at 25 C, 997 kg/m3 (CRC), unless stated. */
    d->rho = 997.0;
    return tdm_unit_quantity(u, "density", TDM_Q_DENSITY, 1.0, 30000.0, &d->rho, err) < 0 ? -1 : 0;
}

static double
work(const tdm_unit *u, const tdm_results *res)
{
    const struct pump *d = u->data;
    const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    double P1 = isnan(s->P) ? TDM_P_NORMAL : s->P;
    return d->P > P1 ? s->mass / d->rho * (d->P - P1) / d->eta : 0;
}

static void
states(const tdm_unit *u, tdm_results *res)
{
    const struct pump *d = u->data;
    const tdm_stream_state *i = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    tdm_stream_state *o = &res->streams[tdm_unit_port_stream(u, P_OUT, 0)];
    o->P = d->P;
    /* The temperature rise W / (n cp) closes the enthalpy balance. */
    double ncp = 0;
    for (int k = 0; k < res->nspecies; k++)
        ncp += i->flow[k] * tdm_species_cp(tdm_unit_species_at(u, k), i->T);
    o->T = ncp > 0 ? i->T + work(u, res) / ncp : i->T;
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    (void)x;
    r->electric_w = work(u, res);
    tdm_result_add(r, "power", "shaft power", r->electric_w, "W");
    tdm_result_add(r, "outlet_pressure", "outlet pressure", ((const struct pump *)u->data)->P,
                   "bar");
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 1, "the liquid to pump"},
    {"out", TDM_PORT_OUT, 1, 1, "the liquid at the outlet pressure"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"pressure", "outlet pressure"},
    {"efficiency", "pump efficiency"},
    {"density", "liquid density (default 997 kg/m3, water at 25 C)"},
    {NULL},
};

/* Priced by shaft power. */
static void
size(const tdm_unit *u, const tdm_results *res, const tdm_unit_result *r, tdm_unit_size *s)
{
    (void)u;
    (void)res;
    s->size[TDM_BASIS_POWER] = r->electric_w;
    s->items[s->nitems++] = "pump";
}

const tdm_unit_kind tdm_kind_pump = {
    .name = "pump",
    .summary = "raises a liquid's pressure; work V dP / efficiency drawn as electricity",
    .legend = "n_k,out = n_k,in; power from the pressure rise after the solve",
    .electricity_label = "electricity: pumps",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct pump),
    .parse = parse,
    .declare = tdm_kind_declare_pass,
    .results = results,
    .states = states,
    .energy = NULL,
    .size = size,
};
