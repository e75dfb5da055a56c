/* bioreactor: a biocatalytic stage with black-box stoichiometry.
 *
 * Per mole of substrate S consumed the user gives the yields y_i of products and biomass
 * (mol/mol or g/g); oxygen o, CO2 c, water w and the nitrogen source a close the element
 * balances (Roels, Energetics and Kinetics in Biotechnology, 1983; Heijnen, 1999):
 *   C:  c = C_S - sum y_i C_i
 *   N:  a = (sum y_i N_i - N_S) / N_a
 *   H:  w = (H_S + a H_a - sum y_i H_i) / 2
 *   O:  o = (sum y_i O_i + 2 c + w - O_S - a O_a) / 2
 * Yields that need O2 to be made (products richer in electrons than the substrate), N to
 * vanish, or more carbon than the substrate holds are refused when read. With X the
 * conversion of the substrate fed, r = X in_S; products and biomass go to the broth,
 * gases (CO2, unconverted gaseous substrate) to the off-gas; O2 and the nitrogen source
 * come from outside. The titer of the product sets the broth water (make-up from outside),
 * the volumetric productivity the working volume, and aeration and agitation power per
 * volume the electricity; the metabolic heat follows from the enthalpy balance. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kinds.h"
#include "tandem/constants.h"

enum { P_IN, P_BROTH, P_OFFGAS };
enum { MAXY = 8 };

struct bioreactor {
    int S; /* substrate */
    double X;
    int X_line;
    int ny;
    int yid[MAXY];
    double y[MAXY];    /* mol per mol of substrate consumed */
    int nsrc;          /* nitrogen source */
    double o, c, w, a; /* per mol of substrate consumed */
    bool fixation;
    int product;         /* species the titer and productivity refer to */
    double titer, prod;  /* kg/m3, kg/(m3 s); NAN when not given */
    double p_aer, p_agi; /* W/m3 */
    double T, pH;
};

static const char *const yesno[] = {"no", "yes", NULL};

/* "0.4 g/g", "0.5 mol/mol": the value and whether it is a mass yield. */
static int
read_yield(const tdm_unit *u, const tdm_kv *kv, double *v, bool *mass, tdm_error *err)
{
    char *end;
    *v = strtod(kv->value, &end);
    while (*end == ' ')
        end++;
    if (end == kv->value || !isfinite(*v) || *v < 0 || *v > 100)
        return tdm_unit_error(u, kv->line, err,
                              "`%s = %s`: give a yield such as 0.4 g/g or "
                              "0.5 mol/mol",
                              kv->key, kv->value);
    if (!strcmp(end, "g/g") || !strcmp(end, "kg/kg"))
        *mass = true;
    else if (!strcmp(end, "mol/mol"))
        *mass = false;
    else
        return tdm_unit_error(u, kv->line, err,
                              "`%s = %s`: say whether the yield is g/g or mol/mol", kv->key,
                              kv->value);
    return 0;
}

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct bioreactor *d = u->data;
    const tdm_kv *kv = tdm_unit_kv(u, "substrate");
    if (!kv) return tdm_unit_error(u, 0, err, "a bioreactor needs `substrate`");
    d->S = tdm_unit_species(u, kv->value, kv->line, err);
    if (d->S < 0) return -1;
    const tdm_species *S = tdm_unit_species_info(u, d->S);
    if (tdm_unit_require(u, "conversion", TDM_Q_FRACTION, 0.0, 1.0, &d->X, err) < 0) return -1;
    d->X_line = tdm_unit_kv(u, "conversion")->line;
    for (int i = 0; i < u->sec->nkv; i++) {
        const tdm_kv *y = &u->sec->kv[i];
        if (strncmp(y->key, "yield.", 6) != 0) continue;
        if (d->ny == MAXY)
            return tdm_unit_error(u, y->line, err, "too many yields (limit %d)", MAXY);
        int id = tdm_unit_species(u, y->key + 6, y->line, err);
        if (id < 0) return -1;
        double v;
        bool mass;
        if (read_yield(u, y, &v, &mass, err)) return -1;
        const tdm_species *P = tdm_unit_species_info(u, id);
        d->yid[d->ny] = id;
        d->y[d->ny++] = mass ? v * S->molar_mass / P->molar_mass : v;
    }
    if (d->ny == 0)
        return tdm_unit_error(u, 0, err,
                              "a bioreactor needs yields, e.g. `yield.biomass = 0.3 "
                              "g/g`");
    kv = tdm_unit_kv(u, "nitrogen_source");
    d->nsrc = tdm_unit_species(u, kv ? kv->value : "NH3", kv ? kv->line : u->sec->line, err);
    if (d->nsrc < 0) return -1;
    int fx = tdm_unit_choice(u, "co2_fixation", yesno, 0, err);
    if (fx < 0) return -1;
    d->fixation = fx == 1;
    /* Black-box element balance. */
    const tdm_species *N = tdm_unit_species_info(u, d->nsrc);
    double yC = 0, yH = 0, yO = 0, yN = 0, yB = 0;
    for (int i = 0; i < d->ny; i++) {
        const tdm_species *P = tdm_unit_species_info(u, d->yid[i]);
        yC += d->y[i] * P->el[TDM_EL_C];
        yH += d->y[i] * P->el[TDM_EL_H];
        yO += d->y[i] * P->el[TDM_EL_O];
        yN += d->y[i] * P->el[TDM_EL_N];
        yB += d->y[i] * P->el[TDM_EL_B];
    }
    if (yB != 0 || S->el[TDM_EL_B] != 0)
        return tdm_unit_error(u, 0, err, "boron cannot be balanced by a bioreactor");
    if (!(N->el[TDM_EL_N] > 0))
        return tdm_unit_error(u, 0, err, "the nitrogen source %s holds no nitrogen", N->name);
    d->c = S->el[TDM_EL_C] - yC;
    d->a = (yN - S->el[TDM_EL_N]) / N->el[TDM_EL_N];
    d->w = (S->el[TDM_EL_H] + d->a * N->el[TDM_EL_H] - yH) / 2;
    d->o = (yO + 2 * d->c + d->w - S->el[TDM_EL_O] - d->a * N->el[TDM_EL_O]) / 2;
    int yl = 0; /* errors point at the first yield */
    for (int i = 0; i < u->sec->nkv && !yl; i++)
        if (strncmp(u->sec->kv[i].key, "yield.", 6) == 0) yl = u->sec->kv[i].line;
    if (d->c < -1e-9 && !d->fixation)
        return tdm_unit_error(u, yl, err,
                              "the yields put %.4g mol more carbon in the products than each mol "
                              "of %s holds; lower them, or set `co2_fixation = yes` for an "
                              "autotroph",
                              -d->c, S->name);
    if (d->a < -1e-9)
        return tdm_unit_error(u, yl, err,
                              "the yields leave %.4g mol of nitrogen per mol of %s "
                              "unaccounted",
                              -d->a * N->el[TDM_EL_N], S->name);
    if (d->o < -1e-9)
        return tdm_unit_error(u, yl, err,
                              "the yields hold more electrons than %s can give: %.4g mol O2 "
                              "would have to be made per mol consumed; no balance closes",
                              S->name, -d->o);
    if (tdm_unit_use_species(u, tdm_species_find("O2"), err) ||
        tdm_unit_use_species(u, tdm_species_find("CO2"), err) ||
        tdm_unit_use_species(u, tdm_species_find("H2O"), err))
        return -1;
    /* Product the titer and productivity refer to. */
    kv = tdm_unit_kv(u, "product");
    d->product = kv ? tdm_unit_species(u, kv->value, kv->line, err) : -1;
    if (kv && d->product < 0) return -1;
    if (!kv) {
        d->product = d->yid[0];
        for (int i = 0; i < d->ny; i++)
            if (d->yid[i] == tdm_flowsheet_main_product(u->fs)) d->product = d->yid[i];
    }
    d->titer = d->prod = NAN;
    if (tdm_unit_quantity(u, "titer", TDM_Q_CONCENTRATION, 1e-6, 2000, &d->titer, err) < 0)
        return -1;
    if (tdm_unit_require(u, "productivity", TDM_Q_PRODUCTIVITY, 1e-12, 1, &d->prod, err) < 0 ||
        tdm_unit_require(u, "aeration_power", TDM_Q_POWER_PER_VOLUME, 0, 1e6, &d->p_aer, err) < 0 ||
        tdm_unit_require(u, "agitation_power", TDM_Q_POWER_PER_VOLUME, 0, 1e6, &d->p_agi, err) <
            0 ||
        tdm_unit_require(u, "temperature", TDM_Q_TEMPERATURE, 250, 400, &d->T, err) < 0)
        return -1;
    d->pH = NAN;
    return tdm_unit_quantity(u, "ph", TDM_Q_FRACTION, 0, 14, &d->pH, err) < 0 ? -1 : 0;
}

/* Net moles of species id made in the streams per mol of substrate consumed. */
static double
made(const struct bioreactor *d, int id)
{
    double c = 0;
    if (id == d->S) c -= 1;
    for (int i = 0; i < d->ny; i++)
        if (d->yid[i] == id) c += d->y[i];
    if (id == tdm_species_find("CO2") && d->c > 0) c += d->c;
    if (id == tdm_species_find("H2O")) c += d->w;
    return c;
}

static int
declare(const tdm_unit *u, tdm_model *m, tdm_error *err)
{
    const struct bioreactor *d = u->data;
    int in = tdm_unit_port_stream(u, P_IN, 0);
    int broth = tdm_unit_port_stream(u, P_BROTH, 0);
    int gas = tdm_unit_port_stream(u, P_OFFGAS, 0);
    int kS = tdm_unit_species_index(u, d->S),
        kW = tdm_unit_species_index(u, tdm_species_find("H2O"));
    int M = -1;
    if (!isnan(d->titer)) {
        M = tdm_model_add_col(m, -HUGE_VAL, HUGE_VAL, "[%s] water make-up for the titer (mol/s)",
                              u->name);
        if (M < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        int id = tdm_unit_species_id(u, k);
        bool vap = tdm_species_vapour(tdm_unit_species_at(u, k), d->T);
        double c = made(d, id) * d->X;
        for (int port = P_BROTH; port <= P_OFFGAS; port++) {
            bool here = (port == P_OFFGAS) == vap;
            int r = tdm_model_add_row(
                m, TDM_ROW_BALANCE, 0.0, NULL, c < 0 ? d->X_line : u->sec->line,
                c < 0 ? "the substrate or water runs short; check the feed" : NULL,
                "[%s] %s to the %s", u->name, tdm_unit_species_at(u, k)->name,
                port == P_BROTH ? "broth" : "off-gas");
            if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            tdm_model_coef(m, r, tdm_unit_col(u, port == P_BROTH ? broth : gas, k), 1.0);
            if (!here) continue;
            tdm_model_coef(m, r, tdm_unit_col(u, in, k), -1.0);
            tdm_model_coef(m, r, tdm_unit_col(u, in, kS), -c);
            if (k == kW && M >= 0) tdm_model_coef(m, r, M, -1.0);
        }
    }
    if (M >= 0) {
        /* Broth water: product mass / titer is the broth volume, at 997 kg/m3 of water. */
        int kP = tdm_unit_species_index(u, d->product);
        double MP = tdm_unit_species_info(u, d->product)->molar_mass;
        double MW = tdm_unit_species_info(u, tdm_species_find("H2O"))->molar_mass;
        int r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, tdm_unit_kv(u, "titer")->line,
                                  NULL, "[%s] broth water set by the titer", u->name);
        if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        tdm_model_coef(m, r, tdm_unit_col(u, broth, kW), 1.0);
        tdm_model_coef(m, r, tdm_unit_col(u, broth, kP), -997.0 * MP / (d->titer * MW));
    }
    return 0;
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    const struct bioreactor *d = u->data;
    int in = tdm_unit_port_stream(u, P_IN, 0), broth = tdm_unit_port_stream(u, P_BROTH, 0);
    int kS = tdm_unit_species_index(u, d->S);
    int kW = tdm_unit_species_index(u, tdm_species_find("H2O"));
    double rate = d->X * x[tdm_unit_col(u, in, kS)]; /* mol/s of substrate consumed */
    double *b = tdm_result_boundary(res, r);
    /* Water make-up: what the broth holds beyond the feed and the metabolic water. */
    double makeup = x[tdm_unit_col(u, broth, kW)] - x[tdm_unit_col(u, in, kW)] - d->w * rate;
    if (tdm_species_vapour(tdm_unit_species_info(u, tdm_species_find("H2O")), d->T)) makeup = 0;
    if (b) {
        b[tdm_unit_species_index(u, tdm_species_find("O2"))] += d->o * rate;
        b[tdm_unit_species_index(u, d->nsrc)] += d->a * rate;
        b[kW] += makeup;
        if (d->c < 0) b[tdm_unit_species_index(u, tdm_species_find("CO2"))] += -d->c * rate;
    }
    const tdm_species *P = tdm_unit_species_info(u, d->product);
    double mp = x[tdm_unit_col(u, broth, tdm_unit_species_index(u, d->product))] * P->molar_mass;
    double V = mp / d->prod;
    r->electric_w = (d->p_aer + d->p_agi) * V;
    tdm_result_add(r, "substrate_consumed", "substrate consumed",
                   rate * tdm_unit_species_info(u, d->S)->molar_mass, "t/day");
    tdm_result_add(r, "product_rate", tdm_arena_printf(res->arena, "%s made", P->name), mp,
                   "t/day");
    tdm_result_add(r, "o2_uptake", "O2 taken up", d->o * rate * 0.031998, "t/day");
    tdm_result_add(r, "co2_evolved", "CO2 evolved (negative: fixed)", d->c * rate * 0.044009,
                   "t/day");
    tdm_result_add(
        r, "nitrogen_source",
        tdm_arena_printf(res->arena, "%s taken up", tdm_unit_species_info(u, d->nsrc)->name),
        d->a * rate * tdm_unit_species_info(u, d->nsrc)->molar_mass, "t/day");
    tdm_result_add(r, "water_makeup", "water make-up (negative: removed)", makeup * 0.018015,
                   "t/day");
    tdm_result_add(r, "volume", "working volume", V, "m3");
    tdm_result_add(r, "power", "aeration and agitation power", r->electric_w, "W");
    tdm_result_add(r, "temperature", "temperature", d->T, "C");
    if (!isnan(d->pH)) tdm_result_add(r, "ph", "pH", d->pH, "");
    for (int i = 0; i < d->ny; i++)
        tdm_result_add(
            r, tdm_arena_printf(res->arena, "yield.%s", tdm_unit_species_info(u, d->yid[i])->name),
            tdm_arena_printf(res->arena, "yield of %s (mol/mol)",
                             tdm_unit_species_info(u, d->yid[i])->name),
            d->y[i], "");
}

static void
states(const tdm_unit *u, tdm_results *res)
{
    const struct bioreactor *d = u->data;
    const tdm_stream_state *i = &res->streams[tdm_unit_port_stream(u, P_IN, 0)];
    for (int p = P_BROTH; p <= P_OFFGAS; p++) {
        tdm_stream_state *o = &res->streams[tdm_unit_port_stream(u, p, 0)];
        o->T = d->T;
        o->P = i->P;
    }
}

static void
energy(const tdm_unit *u, tdm_results *res, tdm_unit_result *r, double q)
{
    (void)res;
    const struct bioreactor *d = u->data;
    if (q != 0) tdm_result_duty(r, q, d->T, q < 0 ? "metabolic heat removed" : "heat supplied");
    tdm_result_add(r, "metabolic_heat", "heat to remove (negative: to supply)", -q, "W");
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 1, 1, "the feed with the substrate"},
    {"out", TDM_PORT_OUT, 1, 1, "the broth: products, biomass, water, dissolved substrate"},
    {"offgas", TDM_PORT_OUT, 1, 1, "the off-gas: CO2 and gaseous substrate left over"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"substrate", "the species consumed"},
    {"conversion", "fraction of the substrate fed that is consumed"},
    {"yield.*", "yield on substrate consumed, g/g or mol/mol, e.g. yield.biomass = 0.3 g/g"},
    {"nitrogen_source", "species supplying nitrogen (default NH3), from outside"},
    {"co2_fixation", "yes when the organism fixes CO2 (autotroph); default no"},
    {"product", "species the titer and productivity refer to (default: the main product)"},
    {"titer", "product concentration in the broth (g/L); sets the water make-up"},
    {"productivity", "volumetric productivity (g/(L h)); sets the working volume"},
    {"aeration_power", "aeration power per working volume (kW/m3)"},
    {"agitation_power", "agitation power per working volume (kW/m3)"},
    {"temperature", "broth temperature"},
    {"ph", "broth pH (reported)"},
    {NULL},
};

const tdm_unit_kind tdm_kind_bioreactor = {
    .name = "bioreactor",
    .summary = "biocatalytic stage: yields on substrate, O2, CO2, water and N closed by balance",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct bioreactor),
    .parse = parse,
    .declare = declare,
    .results = results,
    .states = states,
    .energy = energy,
};
