/* mixer: out_k = sum over inlets of in_k, for every species k.
 * Adiabatic: the outlet temperature closes the enthalpy balance; outlet pressure is the
 * lowest inlet pressure. */
#include <math.h>
#include <stdlib.h>

#include "kinds.h"
#include "tandem/species.h"

enum { P_IN, P_OUT };

static int
parse(tdm_unit *u, tdm_error *err)
{
    (void)u;
    (void)err;
    return 0;
}

static int
declare(const tdm_unit *u, tdm_model *m, tdm_error *err)
{
    int out = tdm_unit_port_stream(u, P_OUT, 0);
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        int r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, u->sec->line, NULL,
                                  "[%s] %s balance (out = sum of inlets)", u->name,
                                  tdm_unit_species_at(u, k)->name);
        if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        tdm_model_coef(m, r, tdm_unit_col(u, out, k), 1.0);
        for (int i = 0; i < tdm_unit_port_n(u, P_IN); i++)
            tdm_model_coef(m, r, tdm_unit_col(u, tdm_unit_port_stream(u, P_IN, i), k), -1.0);
    }
    return 0;
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    (void)res;
    int out = tdm_unit_port_stream(u, P_OUT, 0);
    tdm_result_add(r, "flow", "outlet flow", tdm_kind_mass_flow(u, x, out), "t/day");
}

/* Adiabatic mixing: the outlet temperature makes the outlet enthalpy equal the sum of the
 * inlets' (bisection: enthalpy rises with T, with steps where a species condenses). */
static void
states(const tdm_unit *u, tdm_results *res)
{
    /* Inlets whose temperature is not known yet (a recycle on the first sweep) are left
     * out; the sweeps repeat until every temperature settles. */
    double H = 0, P = NAN, Tlo = HUGE_VAL, Thi = -HUGE_VAL;
    double *flow = calloc((size_t)res->nspecies + 1, sizeof(double));
    if (!flow) return;
    for (int i = 0; i < tdm_unit_port_n(u, P_IN); i++) {
        const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, P_IN, i)];
        if (isnan(s->T)) continue;
        for (int k = 0; k < res->nspecies; k++)
            flow[k] += s->flow[k];
        H += tdm_results_enthalpy(res, s->flow, s->T);
        if (s->T < Tlo) Tlo = s->T;
        if (s->T > Thi) Thi = s->T;
        if (!isnan(s->P) && (isnan(P) || s->P < P)) P = s->P;
    }
    tdm_stream_state *o = &res->streams[tdm_unit_port_stream(u, P_OUT, 0)];
    o->P = P;
    if (Tlo > Thi) {
        o->T = NAN;
    } else if (Thi - Tlo < 1e-9) {
        o->T = Thi;
    } else {
        for (int it = 0; it < 100 && Thi - Tlo > 1e-10; it++) {
            double T = 0.5 * (Tlo + Thi);
            if (tdm_results_enthalpy(res, flow, T) > H)
                Thi = T;
            else
                Tlo = T;
        }
        o->T = 0.5 * (Tlo + Thi);
    }
    free(flow);
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 256, "the streams to mix"},
    {"out", TDM_PORT_OUT, 1, 1, "the mixed stream"},
    {NULL},
};

static const tdm_key_spec keys[] = {{NULL}};

const tdm_unit_kind tdm_kind_mixer = {
    .name = "mixer",
    .summary = "joins streams: each species out = sum of inlets",
    .legend = "n_k,out = sum over the inlets of n_k,in",
    .shape = "circle",
    .electricity_label = "electricity: mixers",
    .ports = ports,
    .keys = keys,
    .data_size = 0,
    .parse = parse,
    .declare = declare,
    .results = results,
    .states = states,
};
