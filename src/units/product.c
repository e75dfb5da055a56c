/* product: a stream leaving the plant (product, by-product or vent).
 *
 *   in_s = rate            for the product's species s, when `rate` is given.
 * `rate = 0` says the stream carries none of s: a reagent fed in exactly the amount a
 * reaction consumes.
 * `purity` (minimum mole fraction of s) is checked after the solve. */
#include <math.h>
#include <stdio.h>

#include "kinds.h"
#include "tandem/species.h"

enum { P_IN };

struct product {
    int species;
    int role;
    bool has_rate, mass;
    double rate; /* kg/s or mol/s of species */
    int rate_line;
    double purity;
    const char *fraction; /* "mole fraction of S", the purity's label */
};

static const char *const roles[] = {"product", "byproduct", "vent", NULL};
static const enum tdm_role role_of[] = {TDM_ROLE_PRODUCT, TDM_ROLE_BYPRODUCT, TDM_ROLE_VENT};

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct product *d = u->data;
    int role = tdm_unit_choice(u, "role", roles, 0, err);
    if (role < 0) return -1;
    d->role = role;
    const tdm_kv *kv = tdm_unit_kv(u, "species");
    d->species =
        kv ? tdm_unit_species(u, kv->value, kv->line, err) : tdm_flowsheet_main_product(u->fs);
    if (d->species < 0) return -1;
    int rc = tdm_kind_read_flow(u, "rate", true, &d->rate, &d->mass, err);
    if (rc < 0) return -1;
    d->has_rate = rc == 1;
    if (d->has_rate) d->rate_line = tdm_unit_kv(u, "rate")->line;
    if (d->has_rate && d->rate == 0 && d->role == 0 &&
        d->species == tdm_flowsheet_main_product(u->fs))
        return tdm_unit_error(u, d->rate_line, err,
                              "the main product's rate must be above zero; `rate = 0` is for "
                              "a stream that must carry none of its species (a reagent fed in "
                              "exactly the amount consumed)");
    const tdm_kv *mk = tdm_unit_kv(u, "market");
    if (mk && (d->role != 0 || d->species != tdm_flowsheet_main_product(u->fs)))
        return tdm_unit_error(u, mk->line, err,
                              "`market` names the price the main product sells at: it belongs "
                              "to the main product's outlet");
    d->purity = NAN;
    if (tdm_unit_quantity(u, "purity", TDM_Q_FRACTION, 0.0, 1.0, &d->purity, err) < 0) return -1;
    /* made here, not at every solve: a study re-solves a million times */
    char label[160];
    snprintf(label, sizeof label, "mole fraction of %s",
             tdm_unit_species_info(u, d->species)->name);
    d->fraction = tdm_flowsheet_intern(u->fs, label);
    if (!d->fraction) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    return 0;
}

static int
declare(const tdm_unit *u, tdm_model *m, tdm_error *err)
{
    const struct product *d = u->data;
    int k = tdm_unit_species_index(u, d->species);
    int in = tdm_unit_port_stream(u, P_IN, 0);
    const char *sp = tdm_unit_species_info(u, d->species)->name;
    int r;
    if (d->has_rate) {
        double mol = d->mass ? d->rate / tdm_unit_species_info(u, d->species)->molar_mass : d->rate;
        r = tdm_model_add_row(m, TDM_ROW_SPEC, mol, "rate", d->rate_line,
                              "no flowsheet can make this rate with non-negative flows",
                              "[%s] rate of %s", u->name, sp);
    } else {
        r = tdm_model_add_row(m, TDM_ROW_CANDIDATE, 0.0, "rate", u->sec->line, NULL,
                              "[%s] rate of %s", u->name, sp);
    }
    if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    tdm_model_coef(m, r, tdm_unit_col(u, in, k), 1.0);
    return 0;
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    const struct product *d = u->data;
    int in = tdm_unit_port_stream(u, P_IN, 0);
    r->role = role_of[d->role];
    r->boundary_t = res->streams[in].T; /* leaves the plant as it comes */
    double *b = tdm_result_boundary(res, r);
    double total = 0;
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        double v = x[tdm_unit_col(u, in, k)];
        if (b) b[k] = -v;
        total += v;
    }
    double n = x[tdm_unit_col(u, in, tdm_unit_species_index(u, d->species))];
    const tdm_species *s = tdm_unit_species_info(u, d->species);
    tdm_result_add(r, "species_rate", s->name, n * s->molar_mass, "t/day");
    tdm_result_add(r, "total_flow", "total flow", tdm_kind_mass_flow(u, x, in), "t/day");
    double y = total > 0 ? n / total : 0;
    tdm_result_add(r, "purity", d->fraction, y, "");
    if (!isnan(d->purity) && y < d->purity - 1e-9) {
        char *msg =
            tdm_arena_printf(res->arena, "[%s] purity of %s is %.4f, below the specified %.4f",
                             u->name, s->name, y, d->purity);
        r->failed = msg ? msg : "purity below specification";
    }
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 1, "the stream leaving the plant"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"role", "product (default), byproduct or vent"},
    {"species", "the species this outlet is for (default: the flowsheet's main product)"},
    {"rate", "rate of that species: mass (t/day, kg/h) or molar (mol/s); fixes the plant's "
             "scale; 0 where none may leave"},
    {"purity", "minimum mole fraction of the species, checked after the solve"},
    {"market", "the main product's outlet: the prices.csv item it sells at, when its grade is "
               "not the species' (syngas-grade CO: `market = CO_syngas`)"},
    {NULL},
};

const tdm_unit_kind tdm_kind_product = {
    .name = "product",
    .summary = "a stream leaving the plant: product, by-product or vent",
    .legend = "n_s,in = rate / M_s for its species s when `rate` is given",
    .shape = "ellipse",
    .fill = "#eeeeee",
    .electricity_label = "electricity: products",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct product),
    .parse = parse,
    .declare = declare,
    .results = results,
    .states = NULL,
};
