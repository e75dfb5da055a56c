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
 *     (ideal mixing; Moore et al., Joule 2023, 7, 782 use eta = 0.10 at 313 K).
 * and, besides the electricity, heat per mass (`specific_heat`, on the same basis) at
 * `heat_temperature`: a stripper's reboiler, a calciner.
 *
 * `light_key`, `heavy_key` and `relative_volatility` make it a distillation column, its
 * heat from the feed's composition by the shortcut of Underwood for the two keys (constant
 * relative volatility alpha, saturated-liquid feed; x the light key's share of the two):
 *   R_min = [x_D / x_F - alpha (1 - x_D) / (1 - x_F)] / (alpha - 1),   R = f R_min
 *   Q_reboiler = (R + 1) D lambda_D      (D: mol/s of the distillate's condensed species,
 *                                         lambda_D their latent heat at their boiling points)
 * taken at the heavy key's boiling point and rejected at the condenser, the light key's.
 * A feed twice as dilute needs about twice the reflux: the heat follows the water the
 * product comes in. `distillate_purity` states x_D, as a designer does: the heavy key sent
 * up is then a row of the linear model,
 *   n_HK,top = (1 - x_D) / x_D n_LK,top     (taken from the last outlet, the bottoms)
 * so the distillate keeps its grade when a study moves the feed's dilution (a titer, a
 * catholyte's concentration), where a fixed recovery of the heavy key would let it drift.
 *
 * `cost_per_mass` prices the separation in full per mass of the stream treated, capital and
 * energy included (Orella et al., Energy Technol. 2020: k_p, $ per kg of the mixture), on
 * its own or besides an energy model.
 *
 * `regeneration = ID` gives the energy and the cost item of a published way to get CO2
 * back (from an anode gas, or from a carbonate electrolyte), per tonne of CO2 sent to the
 * first outlet; a key the section gives itself wins. The table below is the only place
 * their figures live, each with its source. */
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
    bool heat; /* energy is heat, not electricity */
    double q;  /* heat per kg of the basis (J/kg), besides the energy above */
    const struct regeneration *method; /* NULL: none named */
    int lk, hk;                        /* distillation: light and heavy key ids, -1: none */
    double alpha, reflux_factor;
    double
        xD; /* distillate_purity: the light key's mole fraction of the keys at the top, 0: none */
    int xD_line;
    double T;         /* for W_min; NAN = inlet temperature */
    double heat_T;    /* temperature of the heat of a heat-driven separation */
    double vm[MAXSP]; /* m3/mol of gas for the per-volume basis, 0: normal volume */
    double kp;        /* cost_per_mass: $ per kg of the inlet, 0: none */
    const char *kp_label, *kp_source;
};

static const char *const forms[] = {"electric", "heat", NULL};

/* Ways to regenerate CO2, per kg of CO2 recovered (sent to the first outlet). */
typedef struct regeneration {
    const char *id, *what;
    double e; /* electricity: J/kg of CO2, or J per normal m3 of gas when per_volume */
    bool per_volume;
    double q, T;            /* heat, J/kg of CO2, at T (K) */
    const char *item;       /* costs/equipment.csv; NULL: priced in full per tonne (wilcox) */
    int steps, solid_steps; /* tended by operators (tdm_unit_size) */
    const char *source;
} regeneration;

/* clang-format off */
static const regeneration methods[] = {
    {"amine", "absorption in 30 wt% monoethanolamine and stripping (lean loading 0.20, 2 bar)",
     0, false, 3.35e6, 396.15, "amine_regeneration", 2, 0, /* absorber and stripper */
     "Kim, Svendsen, Lindeberg et al., Environ. Sci. Technol. 2015, 49, 1478, Fig. 5a, as "
     "digitised in the code of Moore et al., Joule 2023, 7, 782: stripper heat 3.35 GJ/t CO2 "
     "with the reboiler at 123 C; pumps and blowers left out"},
    {"calcium_loop", "carbonate electrolyte regenerated by a calcium loop (pellet reactor, "
     "calciner, slaker)",
     366 * 3.6e3, false, 5.25e6, 1173.15, "calcium_loop", 1, 1, /* contactor; pellets */
     "Keith, Holmes, St. Angelo and Heidel, Joule 2018, 2 (doi 10.1016/j.joule.2018.05.006): 5.25 GJ of natural gas and "
     "366 kWh per t CO2 for the whole air-capture plant (the fans of its air contactor "
     "included, so an upper bound for the loop alone); the gas taken as heat at 900 C, the "
     "calciner's temperature (an assumption)"},
    {"psa", "pressure-swing adsorption",
     0.25 * 3.6e6, true, 0, NAN, "psa", 1, 0,
     "Jouny, Luc and Jiao, Ind. Eng. Chem. Res. 2018, 57, 2165: 0.25 kWh per m3 of gas "
     "treated"},
    {"wilcox", "an all-in cost per t of CO2 recovered by its concentration in the feed",
     0, false, 0, NAN, NULL, 0, 0, /* a service: its price is all-in */
     "cost = 10^(2.18 - 0.426 log10 a - 0.391 log10 b - 0.028 log10 1000) $ per t CO2, a the "
     "share recovered, b the CO2 mol% of the feed (attributed to Wilcox in the code of Moore "
     "et al., Joule 2023, 7, 782, Electrolyzer_Model.py, lines 268-273; scale fixed at 1000 "
     "as there): capital and energy included"},
};
/* clang-format on */

static const regeneration *
find_method(const char *id)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].id, id) == 0) return &methods[i];
    return NULL;
}

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
    d->heat_T = NAN;
    const tdm_kv *rg = tdm_unit_kv(u, "regeneration");
    const regeneration *m = NULL;
    if (rg && !(m = find_method(rg->value))) {
        char list[256] = "";
        for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), "%s`%s`", i ? ", " : "",
                     methods[i].id);
        return tdm_unit_error(u, rg->line, err, "unknown regeneration `%s`: one of %s", rg->value,
                              list);
    }
    const tdm_kv *se = tdm_unit_kv(u, "specific_energy");
    const tdm_kv *sl = tdm_unit_kv(u, "second_law_efficiency");
    const tdm_kv *sh = tdm_unit_kv(u, "specific_heat");
    const tdm_kv *lk = tdm_unit_kv(u, "light_key");
    d->lk = d->hk = -1;
    if (lk) {
        const tdm_kv *other = se ? se : sl ? sl : sh ? sh : rg;
        if (other)
            return tdm_unit_error(u, other->line, err,
                                  "a distillation column (`light_key`) takes its heat from the "
                                  "feed's composition: give no `%s`",
                                  other->key);
        const tdm_kv *hk = tdm_unit_kv(u, "heavy_key");
        if (!hk)
            return tdm_unit_error(u, lk->line, err,
                                  "a distillation column needs `heavy_key` too (the species that "
                                  "goes mostly to the bottoms, e.g. H2O)");
        if ((d->lk = tdm_unit_species(u, lk->value, lk->line, err)) < 0 ||
            (d->hk = tdm_unit_species(u, hk->value, hk->line, err)) < 0)
            return -1;
        if (d->lk == d->hk)
            return tdm_unit_error(u, hk->line, err, "the heavy key is the light key");
        const tdm_species *L = tdm_unit_species_info(u, d->lk),
                          *H = tdm_unit_species_info(u, d->hk);
        if (!isfinite(tdm_species_hvap(L, L->tb)) || !isfinite(tdm_species_hvap(H, H->tb)))
            return tdm_unit_error(u, lk->line, err,
                                  "%s or %s has no boiling point and latent heat: it cannot be "
                                  "distilled",
                                  L->name, H->name);
        if (tdm_unit_require(u, "relative_volatility", TDM_Q_FRACTION, 1.0001, 1e4, &d->alpha,
                             err) < 0)
            return -1;
        /* R = 1.3 R_min unless stated: within the 1.2 to 1.5 of design practice (Seider et
         * al., Product and Process Design Principles, 2016, an assumption) */
        d->reflux_factor = 1.3;
        if (tdm_unit_quantity(u, "reflux_factor", TDM_Q_FRACTION, 1.0, 100.0, &d->reflux_factor,
                              err) < 0)
            return -1;
        d->energy_line = lk->line;
        d->basis = E_NONE;
        const tdm_kv *pu = tdm_unit_kv(u, "distillate_purity");
        if (pu) {
            if (tdm_unit_quantity(u, "distillate_purity", TDM_Q_FRACTION, 1e-6, 1.0, &d->xD, err) <
                0)
                return -1;
            d->xD_line = pu->line;
            if (d->given[d->hk] && (nout == 2 || d->rec[d->hk][0] != 0))
                return tdm_unit_error(
                    u, d->rec_line[d->hk], err,
                    nout == 2 ? "the %s sent up follows `distillate_purity`: give no `recovery.%s`"
                              : "the %s sent up follows `distillate_purity`: write 0 as its first "
                                "fraction in `recovery.%s` (the others go to the middle outlets)",
                    H->name, H->name);
        }
    } else if (tdm_unit_kv(u, "heavy_key") || tdm_unit_kv(u, "relative_volatility") ||
               tdm_unit_kv(u, "distillate_purity")) {
        return tdm_unit_error(u, 0, err,
                              "`heavy_key`, `relative_volatility` and `distillate_purity` belong "
                              "to a distillation column: give its `light_key` too");
    }
    if (se && sl)
        return tdm_unit_error(u, sl->line, err,
                              "give either `specific_energy` or "
                              "`second_law_efficiency`, not both");
    const tdm_kv *kp = tdm_unit_kv(u, "cost_per_mass");
    if (kp) {
        if (tdm_unit_quantity(u, "cost_per_mass", TDM_Q_MONEY_PER_MASS, 0, 1e6, &d->kp, err) < 0)
            return -1;
        char label[160], source[300];
        snprintf(label, sizeof label, "separation: %s (per t treated)", u->name);
        snprintf(source, sizeof source, "%s:%d, [%s] cost_per_mass", tdm_unit_file(u), kp->line,
                 u->name);
        d->kp_label = tdm_flowsheet_intern(u->fs, label);
        d->kp_source = tdm_flowsheet_intern(u->fs, source);
        if (!d->kp_label || !d->kp_source)
            return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        if (!d->energy_line) d->energy_line = kp->line;
        if (m && !m->item)
            return tdm_unit_error(u, kp->line, err,
                                  "`regeneration = %s` is priced in full per tonne already: give "
                                  "it or `cost_per_mass`, not both",
                                  m->id);
    }
    if (!se && !sl && !sh && !m && !lk && !kp)
        return tdm_unit_error(u, 0, err,
                              "a separator needs an energy model: `specific_energy` (e.g. 0.25 "
                              "kWh/m3 of gas treated, or GJ/t), `second_law_efficiency` (e.g. "
                              "0.1), `specific_heat` (GJ/t), `regeneration` (%s) or an all-in "
                              "`cost_per_mass` ($/t treated); write `specific_energy = 0 kWh/m3` "
                              "for an ideal one",
                              "amine, calcium_loop, psa, wilcox");
    if (m && !se && !sl) {
        /* the method's electricity, per tonne of CO2 recovered or per m3 treated */
        d->energy_line = rg->line;
        d->basis = m->per_volume ? E_VOLUME : m->e > 0 ? E_MASS : E_NONE;
        d->e = m->e;
    }
    if (m) {
        d->q = m->q;
        d->heat_T = m->T;
        if (!m->per_volume) d->basis_species = TDM_SPECIES_CO2;
        d->method = m;
    }
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
    } else if (sl) {
        d->energy_line = sl->line;
        d->basis = E_SECOND_LAW;
        /* Above zero and at most 1: no separation beats the reversible minimum. */
        if (tdm_unit_quantity(u, "second_law_efficiency", TDM_Q_FRACTION, 1e-6, 1.0, &d->e, err) <
            0)
            return -1;
    }
    if (sh) {
        if (!d->energy_line) d->energy_line = sh->line;
        if (tdm_unit_quantity(u, "specific_heat", TDM_Q_ENERGY_PER_MASS, 0, 1e12, &d->q, err) < 0)
            return -1;
    }
    const tdm_kv *eb = tdm_unit_kv(u, "energy_basis");
    if (eb) {
        if (d->basis != E_MASS && !(d->q > 0 || sh))
            return tdm_unit_error(u, eb->line, err,
                                  "`energy_basis` applies to an energy per mass only");
        if (strcmp(eb->value, "inlet") != 0) {
            d->basis_species = tdm_unit_species(u, eb->value, eb->line, err);
            if (d->basis_species < 0) return -1;
        } else {
            d->basis_species = -1;
        }
    }
    if (d->basis_species >= 0 && tdm_unit_use_species(u, d->basis_species, err) < 0) return -1;
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
    if (d->heat && (d->q > 0 || sh))
        return tdm_unit_error(u, tdm_unit_kv(u, "energy_form")->line, err,
                              "`energy_form = heat` makes `specific_energy` a heat, and "
                              "`specific_heat` is one already: give the electricity as "
                              "`specific_energy` and the heat as `specific_heat`");
    if (tdm_unit_quantity(u, "temperature", TDM_Q_TEMPERATURE, 1.0, 2500.0, &d->T, err) < 0)
        return -1;
    /* A thermal regenerator's reboiler: 120 C unless stated or the method's (amine
     * stripping runs at about 120 C, Rochelle, Science 2009, 325, 1652); a column's boils
     * its heavy key. */
    if (d->hk >= 0) d->heat_T = tdm_unit_species_info(u, d->hk)->tb;
    if (isnan(d->heat_T)) d->heat_T = 393.15;
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

/* The heat term's amount per mol of species id: kg, of the inlet or of the basis species
 * sent to the first outlet. */
static double
heat_per_mol(const tdm_unit *u, const struct separator *d, int id)
{
    if (d->basis_species >= 0 && d->basis_species != id) return 0;
    return tdm_unit_species_info(u, id)->molar_mass;
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
            bool purity = d->xD > 0 && id == d->hk;
            int r = tdm_model_add_row(
                m, TDM_ROW_BALANCE, 0.0, NULL, purity ? d->xD_line : line, NULL,
                purity && j == 0 ? "[%s] %s to `%s` = (1 - x_D) / x_D x "
                                   "light key there"
                                 : "[%s] %s to `%s` = recovery x inlet",
                u->name, tdm_unit_species_info(u, id)->name, tdm_unit_stream_name(u, out));
            if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            tdm_model_coef(m, r, tdm_unit_col(u, out, k), 1.0);
            if (purity && j == 0) {
                int kl = tdm_unit_species_index(u, d->lk);
                tdm_model_coef(m, r, tdm_unit_col(u, out, kl), -(1 - d->xD) / d->xD);
                continue;
            }
            if (purity && j == nout - 1) /* the bottoms give up what the top takes */
                tdm_model_coef(m, r, tdm_unit_col(u, tdm_unit_port_stream(u, P_OUT, 0), k), 1.0);
            tdm_model_coef(m, r, tdm_unit_col(u, in, k), -recovery(d, id, j, nout));
        }
    }
    /* The power column is there whatever the energy model (zero for the minimum-work one,
     * which the results compute), so a study or `tdm_flowsheet_set` may change the model
     * (`regeneration = amine` to `calcium_loop`) without changing the unit's columns. */
    {
        int P = tdm_model_add_col(m, -HUGE_VAL, HUGE_VAL, "[%s] separation power (W)", u->name);
        int r =
            tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, d->energy_line, NULL,
                              "[%s] separation power = specific energy x amount treated", u->name);
        if (P < 0 || r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        tdm_model_coef(m, r, P, 1.0);
        int first = tdm_unit_port_stream(u, P_OUT, 0);
        for (int k = 0; k < tdm_unit_nspecies(u); k++) {
            double per_mol =
                d->basis == E_SECOND_LAW ? 0 : basis_per_mol(u, d, tdm_unit_species_id(u, k));
            int s = d->basis_species >= 0 ? first : in;
            tdm_model_coef(m, r, tdm_unit_col(u, s, k), -d->e * per_mol);
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

/* A distillation column's reboiler duty by Underwood's shortcut (the header), W; its
 * figures go to r. */
static double
column_heat(const tdm_unit *u, const struct separator *d, const double *x, tdm_unit_result *r)
{
    int in = tdm_unit_port_stream(u, P_IN, 0), top = tdm_unit_port_stream(u, P_OUT, 0);
    int kL = tdm_unit_species_index(u, d->lk), kH = tdm_unit_species_index(u, d->hk);
    double FL = x[tdm_unit_col(u, in, kL)], FH = x[tdm_unit_col(u, in, kH)];
    double DL = x[tdm_unit_col(u, top, kL)], DH = x[tdm_unit_col(u, top, kH)];
    double rmin = 0;
    if (FL > 0 && FH > 0 && DL > 0) {
        double xF = FL / (FL + FH), xD = DL / (DL + DH), a = d->alpha;
        rmin = (xD / xF - a * (1 - xD) / (1 - xF)) / (a - 1);
        if (rmin < 0) rmin = 0; /* the keys split by a flash */
        tdm_result_add(r, "feed_light_key", "light key in the feed (of the keys)", xF, "%");
        tdm_result_add(r, "top_light_key", "light key in the distillate (of the keys)", xD, "%");
    }
    double R = d->reflux_factor * rmin, lam = 0; /* lam: sum over D_i lambda_i, W per (mol/s) */
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        const tdm_species *sp = tdm_unit_species_at(u, k);
        double v = x[tdm_unit_col(u, top, k)];
        double h = sp->tb > 0 ? tdm_species_hvap(sp, sp->tb) : NAN;
        if (v > 0 && isfinite(h)) lam += v * h;
    }
    tdm_result_add(r, "minimum_reflux_ratio", "minimum reflux ratio (Underwood)", rmin, "");
    tdm_result_add(r, "reflux_ratio", "reflux ratio", R, "");
    return (R + 1) * lam;
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
    double w = 0, q = 0;
    int s = d->basis_species >= 0 ? tdm_unit_port_stream(u, P_OUT, 0) : in;
    if (d->basis == E_SECOND_LAW) {
        w = wmin / d->e;
    } else {
        for (int k = 0; k < tdm_unit_nspecies(u); k++)
            w += d->e * basis_per_mol(u, d, tdm_unit_species_id(u, k)) * x[tdm_unit_col(u, s, k)];
    }
    for (int k = 0; k < tdm_unit_nspecies(u) && d->q > 0; k++)
        q += d->q * heat_per_mol(u, d, tdm_unit_species_id(u, k)) * x[tdm_unit_col(u, s, k)];
    if (d->lk >= 0) q = column_heat(u, d, x, r);
    if (d->heat) {
        q = w;
        w = 0;
    }
    r->electric_w = w;
    tdm_result_add(r, "energy", "separation power", w, "W");
    tdm_result_add(r, "heat", "separation heat", q, "W");
    tdm_result_add(r, "gas_treated", "gas treated", vgas, "m3/h");
    tdm_result_add(r, "min_work", "minimum work of separation", wmin, "W");
    /* heat counted at its exergy: q (1 - T0 / T_heat) */
    double ex = w + q * (d->heat_T > TDM_T_STANDARD ? 1 - TDM_T_STANDARD / d->heat_T : 0);
    tdm_result_add(r, "second_law_efficiency", "second-law efficiency", ex > 0 ? wmin / ex : NAN,
                   "%");
    if (d->basis_species >= 0) {
        double m = 0;
        for (int k = 0; k < tdm_unit_nspecies(u); k++)
            if (tdm_unit_species_id(u, k) == d->basis_species)
                m = x[tdm_unit_col(u, s, k)] *
                    tdm_unit_species_info(u, d->basis_species)->molar_mass;
        if (m > 0) {
            tdm_result_add(r, "electricity_per_mass", "electricity per mass recovered", w / m,
                           "GJ/t");
            tdm_result_add(r, "heat_per_mass", "heat per mass recovered", q / m, "GJ/t");
        }
    }
}

/* Electric separations reject their work as heat at the separator's temperature; a heat-
 * driven one (a regenerator's reboiler) takes its energy as heat at `heat_temperature` and
 * rejects it again at the separator's temperature. */
static void
energy(const tdm_unit *u, tdm_results *res, tdm_unit_result *r, double q)
{
    const struct separator *d = u->data;
    double T = res->streams[tdm_unit_port_stream(u, P_IN, 0)].T;
    double w = tdm_result_get(r, "heat");
    if (w > 0) {
        tdm_result_duty(r, w, d->heat_T, d->lk >= 0 ? "reboiler" : "separation heat");
        q -= w;
    }
    if (d->lk >= 0 && q < 0) { /* the condenser, at the light key's boiling point */
        tdm_result_duty(r, q, tdm_unit_species_info(u, d->lk)->tb, "condenser");
        return;
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
    {"specific_heat", "heat per mass of the basis (GJ/t), besides the electricity: a "
                      "stripper's reboiler, a calciner"},
    {"regeneration", "a published way to get CO2 back, with its energy and cost item: amine "
                     "(3.35 GJ/t of heat at 123 C), calcium_loop (5.25 GJ/t at 900 C and "
                     "366 kWh/t), psa (0.25 kWh/m3), wilcox (an all-in $ per t by the feed's "
                     "CO2 share); docs/flowsheet-format.md cites them"},
    {"light_key", "a distillation column: the species sent up to the first outlet; its heat "
                  "follows the feed's composition (Underwood's minimum reflux)"},
    {"heavy_key", "with light_key: the species that goes mostly to the bottoms (H2O)"},
    {"relative_volatility", "with light_key: volatility of the light key over the heavy"},
    {"reflux_factor", "with light_key: reflux ratio over the minimum (1.3)"},
    {"distillate_purity", "with light_key: its mole fraction of the two keys in the first "
                          "outlet; the heavy key sent up follows the feed (no recovery of it)"},
    {"cost_per_mass", "an all-in cost per mass of the stream treated ($/t, $/kg; Orella et al.'s "
                      "k_p), capital and energy included, alone or besides an energy model"},
    {"energy_form", "electric (default) or heat: what `specific_energy` is"},
    {"heat_temperature", "temperature the heat is needed at (120 C, or the regeneration's)"},
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
    /* Operators tend a column, an adsorber, an absorber; not a drum or an ideal split. The
     * calcium loop's pellets (pellet reactor, calciner, slaker) count as one step handling
     * solids, an assumption (its parts could be counted as three). */
    if (d->method) {
        s->steps = d->method->steps;
        s->solid_steps = d->method->solid_steps;
    } else if (d->lk >= 0 || d->basis == E_SECOND_LAW || d->e > 0 || d->q > 0) {
        s->steps = 1;
    }
    if (d->kp > 0) {
        /* all-in per mass treated: no default capital besides (its `equipment` may add) */
    } else if (d->method && d->method->item) {
        s->items[s->nitems++] = d->method->item;
    } else if (!d->method && d->basis == E_VOLUME && d->e > 0) {
        s->items[s->nitems++] = "psa";
    }
    if (d->kp > 0 && in->mass > 0) {
        /* priced in full per mass treated; its own `equipment` adds capital if it names any */
        s->service_kg_s = in->mass;
        s->service_price = d->kp;
        s->service_label = d->kp_label;
        s->service_source = d->kp_source;
    }
    if (d->method && !d->method->item && kc >= 0 && in->flow[kc] > 0) {
        /* the correlation at the feed's CO2 share and the share recovered */
        double n = 0;
        for (int k = 0; k < tdm_unit_nspecies(u); k++)
            n += in->flow[k];
        double a = first->flow[kc] / in->flow[kc], b = 100 * in->flow[kc] / n;
        if (a > 0 && b > 0) {
            s->service_kg_s = first->flow[kc] * 0.044009;
            s->service_price =
                pow(10, 2.18 - 0.426 * log10(a) - 0.391 * log10(b) - 0.028 * 3) / 1000;
            s->service_label = "CO2 recovery (Wilcox)";
            s->service_source = d->method->source;
        }
    }
}

const tdm_unit_kind tdm_kind_separator = {
    .name = "separator",
    .summary = "sends each species to its outlets by recovery, with an energy model",
    .legend = "n_k,j = r_k,j n_k,in for each outlet j (r: the recoveries)",
    .shape = "trapezium",
    .fill = "#c8dcf0",
    .electricity_label = "electricity: separators",
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
