/* mixer: out_k = sum over inlets of in_k, for every species k.
 * Outlet pressure is the lowest inlet pressure; outlet temperature is the molar-flow
 * weighted mean of the inlet temperatures (equal molar heat capacities; the enthalpy
 * balance with real heat capacities comes with the energy-balance work). */
#include <math.h>

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

static void
states(const tdm_unit *u, tdm_results *res)
{
    double nT = 0, n = 0, P = NAN, Tfirst = NAN;
    for (int i = 0; i < tdm_unit_port_n(u, P_IN); i++) {
        const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, P_IN, i)];
        if (isnan(s->T)) continue;
        if (isnan(Tfirst)) Tfirst = s->T;
        nT += s->total * s->T;
        n += s->total;
        if (!isnan(s->P) && (isnan(P) || s->P < P)) P = s->P;
    }
    tdm_stream_state *o = &res->streams[tdm_unit_port_stream(u, P_OUT, 0)];
    o->T = n > 0 ? nT / n : Tfirst;
    o->P = P;
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
    .ports = ports,
    .keys = keys,
    .data_size = 0,
    .parse = parse,
    .declare = declare,
    .results = results,
    .states = states,
};
