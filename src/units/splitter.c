/* splitter: divides one stream into outlets of the same composition.
 *   out_j,k = f_j * in_k   for every outlet j and species k, with sum f_j = 1. */
#include "kinds.h"
#include "tandem/species.h"

enum { P_IN, P_OUT };
enum { MAXOUT = 16 };

struct splitter {
    double f[MAXOUT];
    int line;
};

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct splitter *d = u->data;
    int n = tdm_unit_port_n(u, P_OUT);
    const tdm_kv *kv = tdm_unit_kv(u, "fractions");
    if (!kv)
        return tdm_unit_error(u, 0, err,
                              "a splitter needs `fractions` (one per outlet, in the "
                              "order of `out`, e.g. `fractions = 0.95, rest`)");
    d->line = kv->line;
    return tdm_kind_read_fractions(u, kv, n, d->f, err);
}

static int
declare(const tdm_unit *u, tdm_model *m, tdm_error *err)
{
    const struct splitter *d = u->data;
    int in = tdm_unit_port_stream(u, P_IN, 0);
    for (int j = 0; j < tdm_unit_port_n(u, P_OUT); j++) {
        int out = tdm_unit_port_stream(u, P_OUT, j);
        for (int k = 0; k < tdm_unit_nspecies(u); k++) {
            int r = tdm_model_add_row(
                m, TDM_ROW_BALANCE, 0.0, NULL, d->line, NULL, "[%s] %s to `%s` = fraction x inlet",
                u->name, tdm_unit_species_at(u, k)->name, tdm_unit_stream_name(u, out));
            if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            tdm_model_coef(m, r, tdm_unit_col(u, out, k), 1.0);
            tdm_model_coef(m, r, tdm_unit_col(u, in, k), -d->f[j]);
        }
    }
    return 0;
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    (void)res;
    tdm_result_add(r, "flow", "inlet flow",
                   tdm_kind_mass_flow(u, x, tdm_unit_port_stream(u, P_IN, 0)), "t/day");
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 1, "the stream to divide"},
    {"out", TDM_PORT_OUT, 2, MAXOUT, "the outlets"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"fractions", "fraction of the inlet to each outlet, in the order of `out`; one may be `rest`"},
    {NULL},
};

const tdm_unit_kind tdm_kind_splitter = {
    .name = "splitter",
    .summary = "divides a stream into outlets of the same composition",
    .legend = "n_k,j = f_j n_k,in for each outlet j (f: the fractions)",
    .shape = "circle",
    .electricity_label = "electricity: splitters",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct splitter),
    .parse = parse,
    .declare = declare,
    .results = results,
    .states = NULL,
};
