/* heater and cooler: bring a stream to a set temperature (and optionally pressure).
 *   out_k = in_k;   duty q = H_out(T_out) - H_in(T_in)
 * positive: heat supplied at the outlet temperature; negative: heat rejected, available at
 * the inlet temperature (its hottest point). The two kinds differ only in name. */
#include <math.h>

#include "kinds.h"
#include "tandem/constants.h"
#include "tandem/species.h"

enum { P_IN, P_OUT };

struct heater {
    double T, P; /* P: NAN keeps the inlet pressure */
};

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct heater *d = u->data;
    if (tdm_unit_require(u, "temperature", TDM_Q_TEMPERATURE, 1.0, 2500.0, &d->T, err) < 0)
        return -1;
    d->P = NAN;
    return tdm_unit_quantity(u, "pressure", TDM_Q_PRESSURE, 1.0, 1e8, &d->P, err) < 0 ? -1 : 0;
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    (void)res;
    const struct heater *d = u->data;
    tdm_result_add(r, "flow", "flow", tdm_kind_mass_flow(u, x, tdm_unit_port_stream(u, P_IN, 0)),
                   "t/day");
    tdm_result_add(r, "temperature", "outlet temperature", d->T, "C");
}

static void
states(const tdm_unit *u, tdm_results *res)
{
    const struct heater *d = u->data;
    const tdm_stream_state *i = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    tdm_stream_state *o = &res->streams[tdm_unit_port_stream(u, P_OUT, 0)];
    o->T = d->T;
    o->P = isnan(d->P) ? i->P : d->P;
}

/* The boiling point crossed between T1 and T2 at which the stream's species that change
 * phase there take or give the most latent heat; 0 when none is crossed. */
static double
phase_change(const tdm_unit *u, const double *flow, double T1, double T2)
{
    double lo = fmin(T1, T2), hi = fmax(T1, T2), best = 0, most = 0;
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        const tdm_species *sp = tdm_unit_species_at(u, k);
        if (!(flow[k] > 0) || !(sp->tb > lo && sp->tb < hi)) continue;
        double h = tdm_species_hvap(sp, sp->tb);
        if (isfinite(h) && flow[k] * h > most) {
            most = flow[k] * h;
            best = sp->tb;
        }
    }
    return best;
}

/* The duty, in three parts where the stream boils or condenses on the way: the sensible
 * heat to the boiling point, the latent heat at it, the sensible heat beyond. Raising steam
 * from water to 800 C is mostly latent heat at 100 C, which a utility at 800 C once
 * supplied in full (the latent part is now bought where it is needed). */
static void
energy(const tdm_unit *u, tdm_results *res, tdm_unit_result *r, double q)
{
    const struct heater *d = u->data;
    const tdm_stream_state *in = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    double Tin = in->T;
    bool heat = q > 0;
    double Tb = q != 0 && in->flow ? phase_change(u, in->flow, Tin, d->T) : 0;
    if (Tb > 0) {
        /* enthalpies of the inlet's flows at the boiling point, in the phase on each side */
        double h_in = tdm_results_enthalpy(res, in->flow, Tin);
        double h_below = tdm_results_enthalpy(res, in->flow, Tb);
        double h_above = tdm_results_enthalpy(res, in->flow, Tb * (1 + 1e-12));
        double first = heat ? h_below - h_in : h_above - h_in;
        double latent = heat ? h_above - h_below : h_below - h_above;
        double rest = q - first - latent;
        if ((heat && first >= 0 && latent > 0 && rest >= 0) ||
            (!heat && first <= 0 && latent < 0 && rest <= 0)) {
            tdm_result_duty_range(r, first, Tin, Tb, heat ? "heating" : "cooling");
            tdm_result_duty_range(r, latent, Tb, Tb, heat ? "boiling" : "condensing");
            tdm_result_duty_range(r, rest, Tb, d->T, heat ? "heating" : "cooling");
            tdm_result_add(r, "duty", heat ? "heat supplied" : "heat removed", fabs(q), "W");
            tdm_result_add(r, "latent", heat ? "  of which boiling" : "  of which condensing",
                           fabs(latent), "W");
            return;
        }
    }
    if (q > 0)
        tdm_result_duty_range(r, q, Tin, d->T, "heating");
    else if (q < 0)
        tdm_result_duty_range(r, q, Tin, d->T, "cooling");
    tdm_result_add(r, "duty", q >= 0 ? "heat supplied" : "heat removed", fabs(q), "W");
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 1, "the stream to heat or cool"},
    {"out", TDM_PORT_OUT, 1, 1, "the stream at the new temperature"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"temperature", "outlet temperature"},
    {"pressure", "outlet pressure (default: the inlet's)"},
    {NULL},
};

/* Priced by the heat exchanged. */
static void
size(const tdm_unit *u, const tdm_results *res, const tdm_unit_result *r, tdm_unit_size *s)
{
    (void)u;
    (void)res;
    double q = 0;
    for (int i = 0; i < r->nduty; i++)
        q += fabs(r->duty[i].q_w);
    s->size[TDM_BASIS_DUTY] = q;
    s->items[s->nitems++] = "heat_exchanger";
    s->steps = 1; /* an exchanger */
}

const tdm_unit_kind tdm_kind_heater = {
    .name = "heater",
    .summary = "brings a stream to a set temperature; the duty follows from the enthalpies",
    .legend = "n_k,out = n_k,in (the duty follows from the energy balance)",
    .electricity_label = "electricity: heaters",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct heater),
    .parse = parse,
    .declare = tdm_kind_declare_pass,
    .results = results,
    .states = states,
    .energy = energy,
    .size = size,
};

const tdm_unit_kind tdm_kind_cooler = {
    .name = "cooler",
    .summary = "a heater that cools: brings a stream down to a set temperature",
    .legend = "n_k,out = n_k,in (the duty follows from the energy balance)",
    .electricity_label = "electricity: coolers",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct heater),
    .parse = parse,
    .declare = tdm_kind_declare_pass,
    .results = results,
    .states = states,
    .energy = energy,
    .size = size,
};
