/* separator: sends each species to its outlets by given recoveries.
 *   out_j,k = r_j,k * in_k     with sum over outlets j of r_j,k = 1
 * Species not listed go to the last outlet. Energy, one of:
 *   specific_energy per volume:  W = e * V_gas(normal m3/s of gas species in the inlet)
 *                                (PSA: 0.25 kWh/m3, Jouny, Luc and Jiao 2018)
 *   specific_energy per mass:    W = e * mass flow of the inlet, or, with
 *                                `energy_basis = CO2`, of the CO2 sent to the first outlet
 *                                (energy per tonne recovered: carbonate regeneration,
 *                                anode-gas CO2 recovery)
 *   second_law_efficiency:       W = W_min / eta, with the ideal minimum work of separation
 *     W_min = R T [sum_j n_j sum_k y_jk ln y_jk - n_in sum_k y_k ln y_k]
 *     (ideal mixing; Moore et al., Joule 2023, 7, 782 use eta = 0.10 at 313 K). */
#include <math.h>
#include <string.h>

#include "kinds.h"
#include "tandem/constants.h"
#include "tandem/species.h"

enum { P_IN, P_OUT };
enum { MAXOUT = 16, MAXSP = TDM_MAX_SPECIES };
enum basis { E_NONE, E_VOLUME, E_MASS, E_SECOND_LAW };

struct separator {
    double rec[MAXSP][MAXOUT]; /* by species id */
    bool given[MAXSP];
    int rec_line[MAXSP];
    enum basis basis;
    double e;          /* J/m3, J/kg, or eta */
    int basis_species; /* -1: whole inlet */
    int energy_line;
    bool heat;        /* energy is heat, not electricity */
    double T;         /* for W_min; NAN = inlet temperature */
    double heat_T;    /* temperature of the heat of a heat-driven separation */
    double vm[MAXSP]; /* m3/mol of gas for the per-volume basis, 0: normal volume */
};

static const char *const forms[] = {"electric", "heat", NULL};

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct separator *d = u->data;
    int nout = tdm_unit_port_n(u, P_OUT);
    for (int i = 0; i < u->sec->nkv; i++) {
        const tdm_kv *kv = &u->sec->kv[i];
        if (strncmp(kv->key, "recovery.", 9) != 0) continue;
        int id = tdm_unit_species(u, kv->key + 9, kv->line, err);
        if (id < 0) return -1;
        if (tdm_kind_read_fractions(u, kv, nout, d->rec[id], err)) return -1;
        d->given[id] = true;
        d->rec_line[id] = kv->line;
    }
    d->basis_species = -1;
    d->T = NAN;
    const tdm_kv *se = tdm_unit_kv(u, "specific_energy");
    const tdm_kv *sl = tdm_unit_kv(u, "second_law_efficiency");
    if (se && sl)
        return tdm_unit_error(u, sl->line, err,
                              "give either `specific_energy` or "
                              "`second_law_efficiency`, not both");
    if (!se && !sl)
        return tdm_unit_error(u, 0, err,
                              "a separator needs an energy model: `specific_energy` (e.g. 0.25 "
                              "kWh/m3 of gas treated, or GJ/t) or `second_law_efficiency` (e.g. "
                              "0.1); write `specific_energy = 0 kWh/m3` for an ideal one");
    if (se) {
        d->energy_line = se->line;
        double v;
        if (tdm_unit_quantity(u, "specific_energy", TDM_Q_ENERGY_PER_VOLUME, 0, 1e12, &v, NULL) ==
            1) {
            d->basis = E_VOLUME;
        } else if (tdm_unit_quantity(u, "specific_energy", TDM_Q_ENERGY_PER_MASS, 0, 1e12, &v,
                                     NULL) == 1) {
            d->basis = E_MASS;
        } else {
            return tdm_unit_error(u, se->line, err,
                                  "`specific_energy = %s` must be a non-negative energy per "
                                  "volume of gas treated (%s) or per mass (%s)",
                                  se->value, tdm_qkind_units(TDM_Q_ENERGY_PER_VOLUME),
                                  tdm_qkind_units(TDM_Q_ENERGY_PER_MASS));
        }
        d->e = v;
    } else {
        d->energy_line = sl->line;
        d->basis = E_SECOND_LAW;
        /* Above zero and at most 1: no separation beats the reversible minimum. */
        if (tdm_unit_quantity(u, "second_law_efficiency", TDM_Q_FRACTION, 1e-6, 1.0, &d->e, err) <
            0)
            return -1;
    }
    const tdm_kv *eb = tdm_unit_kv(u, "energy_basis");
    if (eb) {
        if (d->basis != E_MASS)
            return tdm_unit_error(u, eb->line, err,
                                  "`energy_basis` applies to a specific energy per mass only");
        if (strcmp(eb->value, "inlet") != 0) {
            d->basis_species = tdm_unit_species(u, eb->value, eb->line, err);
            if (d->basis_species < 0) return -1;
        }
    }
    /* Gas densities for the per-volume basis, as some published models count volumes. */
    for (int i = 0; i < u->sec->nkv; i++) {
        const tdm_kv *kv = &u->sec->kv[i];
        if (strncmp(kv->key, "density.", 8) != 0) continue;
        int id = tdm_unit_species(u, kv->key + 8, kv->line, err);
        if (id < 0) return -1;
        double rho;
        if (tdm_unit_quantity(u, kv->key, TDM_Q_DENSITY, 1e-3, 3e4, &rho, err) < 0) return -1;
        d->vm[id] = tdm_unit_species_info(u, id)->molar_mass / rho;
    }
    int form = tdm_unit_choice(u, "energy_form", forms, 0, err);
    if (form < 0) return -1;
    d->heat = form == 1;
    if (tdm_unit_quantity(u, "temperature", TDM_Q_TEMPERATURE, 1.0, 2500.0, &d->T, err) < 0)
        return -1;
    /* A thermal regenerator's reboiler: 120 C unless stated (amine stripping runs at about
     * 120 C, Rochelle, Science 2009, 325, 1652). */
    d->heat_T = 393.15;
    if (tdm_unit_quantity(u, "heat_temperature", TDM_Q_TEMPERATURE, 1.0, 2500.0, &d->heat_T, err) <
        0)
        return -1;
    return 0;
}

static double
recovery(const struct separator *d, int id, int j, int nout)
{
    if (d->given[id]) return d->rec[id][j];
    return j == nout - 1 ? 1.0 : 0.0;
}

/* Gas volume per mol of species id: at its given density, or the normal molar volume;
 * 0 for species that are not gases. */
static double
gas_volume(const tdm_unit *u, const struct separator *d, int id)
{
    if (d->vm[id] > 0) return d->vm[id];
    return tdm_unit_species_info(u, id)->phase == TDM_GAS ? TDM_MOLAR_VOLUME_NORMAL : 0;
}

/* Amount treated per mol of species id: m3 of gas for a per-volume energy, kg for a
 * per-mass energy (every species, or only the basis species). */
static double
basis_per_mol(const tdm_unit *u, const struct separator *d, int id)
{
    const tdm_species *s = tdm_unit_species_info(u, id);
    if (d->basis == E_VOLUME) return gas_volume(u, d, id);
    if (d->basis == E_MASS && (d->basis_species < 0 || d->basis_species == id))
        return s->molar_mass;
    return 0;
}

static int
declare(const tdm_unit *u, tdm_model *m, tdm_error *err)
{
    const struct separator *d = u->data;
    int in = tdm_unit_port_stream(u, P_IN, 0);
    int nout = tdm_unit_port_n(u, P_OUT);
    for (int j = 0; j < nout; j++) {
        int out = tdm_unit_port_stream(u, P_OUT, j);
        for (int k = 0; k < tdm_unit_nspecies(u); k++) {
            int id = tdm_unit_species_id(u, k);
            int line = d->given[id] ? d->rec_line[id] : u->sec->line;
            int r = tdm_model_add_row(
                m, TDM_ROW_BALANCE, 0.0, NULL, line, NULL, "[%s] %s to `%s` = recovery x inlet",
                u->name, tdm_unit_species_info(u, id)->name, tdm_unit_stream_name(u, out));
            if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            tdm_model_coef(m, r, tdm_unit_col(u, out, k), 1.0);
            tdm_model_coef(m, r, tdm_unit_col(u, in, k), -recovery(d, id, j, nout));
        }
    }
    if (d->basis == E_VOLUME || d->basis == E_MASS) {
        int P = tdm_model_add_col(m, -HUGE_VAL, HUGE_VAL, "[%s] separation power (W)", u->name);
        int r =
            tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, d->energy_line, NULL,
                              "[%s] separation power = specific energy x amount treated", u->name);
        if (P < 0 || r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        tdm_model_coef(m, r, P, 1.0);
        int first = tdm_unit_port_stream(u, P_OUT, 0);
        for (int k = 0; k < tdm_unit_nspecies(u); k++) {
            double per_mol = basis_per_mol(u, d, tdm_unit_species_id(u, k));
            int s = d->basis_species >= 0 ? first : in;
            if (per_mol != 0) tdm_model_coef(m, r, tdm_unit_col(u, s, k), -d->e * per_mol);
        }
    }
    return 0;
}

static double
mix_term(const tdm_unit *u, const double *x, int stream, double *n_out)
{
    double n = 0, s = 0;
    for (int k = 0; k < tdm_unit_nspecies(u); k++)
        n += x[tdm_unit_col(u, stream, k)];
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        double v = x[tdm_unit_col(u, stream, k)];
        if (v > 0 && n > 0) s += v * log(v / n);
    }
    *n_out = n;
    return s; /* sum_k n_k ln y_k = n sum y ln y */
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    const struct separator *d = u->data;
    int in = tdm_unit_port_stream(u, P_IN, 0);
    double n_in, s_in = mix_term(u, x, in, &n_in), s_out = 0;
    for (int j = 0; j < tdm_unit_port_n(u, P_OUT); j++) {
        double nj;
        s_out += mix_term(u, x, tdm_unit_port_stream(u, P_OUT, j), &nj);
    }
    double T = isnan(d->T) ? res->streams[in].T : d->T;
    if (isnan(T)) T = TDM_T_STANDARD;
    double wmin = TDM_GAS_CONSTANT * T * (s_out - s_in);
    if (wmin < 0) wmin = 0; /* rounding when outlets equal the inlet */
    double vgas = 0;
    for (int k = 0; k < tdm_unit_nspecies(u); k++)
        vgas += x[tdm_unit_col(u, in, k)] * gas_volume(u, d, tdm_unit_species_id(u, k));
    double w;
    if (d->basis == E_SECOND_LAW) {
        w = wmin / d->e;
    } else {
        w = 0;
        int s = d->basis_species >= 0 ? tdm_unit_port_stream(u, P_OUT, 0) : in;
        for (int k = 0; k < tdm_unit_nspecies(u); k++)
            w += d->e * basis_per_mol(u, d, tdm_unit_species_id(u, k)) * x[tdm_unit_col(u, s, k)];
    }
    if (!d->heat) r->electric_w = w;
    tdm_result_add(r, "energy", d->heat ? "separation heat" : "separation power", w, "W");
    tdm_result_add(r, "gas_treated", "gas treated", vgas, "m3/h");
    tdm_result_add(r, "min_work", "minimum work of separation", wmin, "W");
    tdm_result_add(r, "second_law_efficiency", "second-law efficiency", w > 0 ? wmin / w : NAN,
                   "%");
}

/* Electric separations reject their work as heat at the separator's temperature; a heat-
 * driven one (a regenerator's reboiler) takes its energy as heat at `heat_temperature` and
 * rejects it again at the separator's temperature. */
static void
energy(const tdm_unit *u, tdm_results *res, tdm_unit_result *r, double q)
{
    const struct separator *d = u->data;
    double T = res->streams[tdm_unit_port_stream(u, P_IN, 0)].T;
    double w = tdm_result_get(r, "energy");
    if (d->heat && w > 0) {
        tdm_result_duty(r, w, d->heat_T, "separation heat");
        q -= w;
    }
    if (q != 0) tdm_result_duty(r, q, T, q < 0 ? "heat rejected" : "heat supplied");
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 1, "the stream to separate"},
    {"out", TDM_PORT_OUT, 2, MAXOUT, "the outlets; species not listed go to the last"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"recovery.*", "fraction of a species to each outlet, e.g. recovery.CO2 = 0.98, rest"},
    {"specific_energy", "energy per normal m3 of gas treated (kWh/m3) or per mass (GJ/t, MJ/kg)"},
    {"density.*", "gas density of a species for the per-m3 basis (instead of the normal volume)"},
    {"energy_basis", "with a per-mass energy: `inlet` (default), or a species: per mass of it "
                     "sent to the first outlet (e.g. GJ per t of CO2 recovered)"},
    {"second_law_efficiency", "instead of specific_energy: W = W_min / efficiency"},
    {"energy_form", "electric (default) or heat"},
    {"heat_temperature", "with energy_form = heat: temperature the heat is needed at (120 C)"},
    {"temperature", "temperature for the minimum work (default: the inlet's)"},
    {NULL},
};

/* Priced by gas treated (PSA), liquid or mass treated (distillation), or CO2 recovered
 * (amine capture); a per-volume energy model means PSA by default, unless it costs no
 * energy: an ideal split, or a knock-out drum (et4's), is no adsorber, and was once priced
 * as one (8 M$, a third of that plant's direct capital). It names its own item, or the
 * report lists it among the units not priced. */
static void
size(const tdm_unit *u, const tdm_results *res, const tdm_unit_result *r, tdm_unit_size *s)
{
    const struct separator *d = u->data;
    const tdm_stream_state *in = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    const tdm_stream_state *first = &res->streams[tdm_unit_port_stream(u, P_OUT, 0)];
    s->size[TDM_BASIS_GAS_FLOW] = tdm_result_get(r, "gas_treated");
    s->size[TDM_BASIS_MASS_FLOW] = in->mass;
    double T = isnan(in->T) ? TDM_T_STANDARD : in->T, liquid = 0;
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        const tdm_species *sp = tdm_unit_species_at(u, k);
        if (!tdm_species_vapour(sp, T)) liquid += in->flow[k] * sp->molar_mass;
    }
    s->size[TDM_BASIS_LIQUID_FLOW] = liquid / 1000.0; /* at 1000 kg/m3 */
    int kc = tdm_unit_species_index(u, TDM_SPECIES_CO2);
    s->size[TDM_BASIS_CO2_FLOW] = kc >= 0 ? first->flow[kc] * 0.044009 : 0;
    if (d->basis == E_VOLUME && d->e > 0) s->items[s->nitems++] = "psa";
}

const tdm_unit_kind tdm_kind_separator = {
    .name = "separator",
    .summary = "sends each species to its outlets by recovery, with an energy model",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct separator),
    .parse = parse,
    .declare = declare,
    .results = results,
    .states = NULL,
    .energy = energy,
    .size = size,
};
