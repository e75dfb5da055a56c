/* feed: fresh material entering the plant, of fixed composition.
 *
 *   out_k = y_k * F                 for every species k (y_k = 0 when not listed)
 *   F = flow / sum(y_k M_k)         when `flow` is a mass flow; F = flow when molar
 * Without `flow` the feed rate is set by the rest of the flowsheet (a product rate, a
 * cell current). */
#include <math.h>
#include <string.h>

#include "kinds.h"
#include "tandem/constants.h"
#include "tandem/species.h"

enum { MAXC = 32 };
enum { P_OUT };

struct feed {
    int n;
    int species[MAXC];
    double y[MAXC];
    int flow_line;
    bool has_flow, mass;
    double flow; /* mol/s or kg/s */
    double T, P;
};

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct feed *d = u->data;
    double sum = 0;
    for (int i = 0; i < u->sec->nkv; i++) {
        const tdm_kv *kv = &u->sec->kv[i];
        if (strncmp(kv->key, "composition.", 12) != 0) continue;
        if (d->n == MAXC)
            return tdm_unit_error(u, kv->line, err, "too many species (limit %d)", MAXC);
        int id = tdm_unit_species(u, kv->key + 12, kv->line, err);
        if (id < 0) return -1;
        double y;
        if (tdm_unit_quantity(u, kv->key, TDM_Q_FRACTION, 0.0, 1.0, &y, err) < 0) return -1;
        d->species[d->n] = id;
        d->y[d->n++] = y;
        sum += y;
    }
    if (d->n == 0)
        return tdm_unit_error(u, 0, err,
                              "a feed needs its composition as mole fractions, e.g. "
                              "`composition.CO2 = 1`");
    if (fabs(sum - 1) > 1e-6)
        return tdm_unit_error(u, 0, err,
                              "mole fractions of the composition sum to %.10g (must be 1)", sum);
    for (int i = 0; i < d->n; i++)
        d->y[i] /= sum;
    int rc = tdm_kind_read_flow(u, "flow", false, &d->flow, &d->mass, err);
    if (rc < 0) return -1;
    d->has_flow = rc == 1;
    if (d->has_flow) d->flow_line = tdm_unit_kv(u, "flow")->line;
    return tdm_kind_read_state(u, TDM_T_STANDARD, TDM_P_NORMAL, &d->T, &d->P, err);
}

static double
y_of(const struct feed *d, int id)
{
    for (int i = 0; i < d->n; i++)
        if (d->species[i] == id) return d->y[i];
    return 0;
}

static int
declare(const tdm_unit *u, tdm_model *m, tdm_error *err)
{
    const struct feed *d = u->data;
    int out = tdm_unit_port_stream(u, P_OUT, 0);
    int F = tdm_model_add_col(m, 0.0, HUGE_VAL, "[%s] total feed flow (mol/s)", u->name);
    if (F < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        int id = tdm_unit_species_id(u, k);
        int r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, u->sec->line, NULL,
                                  "[%s] %s in the feed = mole fraction x total flow", u->name,
                                  tdm_unit_species_info(u, id)->name);
        if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        tdm_model_coef(m, r, tdm_unit_col(u, out, k), 1.0);
        tdm_model_coef(m, r, F, -y_of(d, id));
    }
    double mm = 0; /* kg per mol of feed */
    for (int i = 0; i < d->n; i++)
        mm += d->y[i] * tdm_unit_species_info(u, d->species[i])->molar_mass;
    int r;
    if (d->has_flow)
        r = tdm_model_add_row(m, TDM_ROW_SPEC, d->flow, "flow", d->flow_line, NULL, "[%s] flow",
                              u->name);
    else
        r = tdm_model_add_row(m, TDM_ROW_CANDIDATE, 0.0, "flow", u->sec->line, NULL, "[%s] flow",
                              u->name);
    if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    tdm_model_coef(m, r, F, d->has_flow && d->mass ? mm : 1.0);
    return 0;
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    int out = tdm_unit_port_stream(u, P_OUT, 0);
    r->role = TDM_ROLE_FEED;
    double *b = tdm_result_boundary(res, r);
    double total = 0;
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        double v = x[tdm_unit_col(u, out, k)];
        if (b) b[k] = v;
        total += v;
    }
    tdm_result_add(r, "flow", "feed flow", total, "mol/s");
    tdm_result_add(r, "mass_flow", "feed mass flow", tdm_kind_mass_flow(u, x, out), "t/day");
}

static void
states(const tdm_unit *u, tdm_results *res)
{
    const struct feed *d = u->data;
    tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, P_OUT, 0)];
    s->T = d->T;
    s->P = d->P;
}

static const tdm_port_spec ports[] = {
    {"out", TDM_PORT_OUT, 1, 1, "the feed stream"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"composition.*", "mole fraction of a species, e.g. composition.CO2 = 1"},
    {"flow", "feed rate: mass (t/day, kg/h) or molar (mol/s); leave out to let the plant set it"},
    {"temperature", "temperature (default 25 C)"},
    {"pressure", "pressure (default 1 atm)"},
    {NULL},
};

const tdm_unit_kind tdm_kind_feed = {
    .name = "feed",
    .summary = "fresh material of fixed composition entering the plant",
    .legend = "n_k,out = y_k F_tot (y: the composition); F_tot = flow when given",
    .shape = "ellipse",
    .fill = "#eeeeee",
    .electricity_label = "electricity: feeds",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct feed),
    .parse = parse,
    .declare = declare,
    .results = results,
    .states = states,
};
