/* bioreactor: a biocatalytic stage with black-box stoichiometry.
 *
 * Per mole of substrate S consumed the user gives the yields y_i of products and biomass
 * (mol/mol or g/g); four closing species take up what the yields leave of the C, H, O and
 * N balances (Roels, Energetics and Kinetics in Biotechnology, 1983; Heijnen, 1999):
 * CO2, water, the nitrogen source and, for an aerobe, O2. An anaerobe takes no O2, so one
 * yield is written `balance` and closes the electron balance instead. The four unknown
 * coefficients solve the 4 x 4 element system
 *   sum_j E[e][j] nu_j = -(E[e][S] (-1) + sum_i E[e][i] y_i),   e = C, H, O, N.
 * A stage that would make O2, give off nitrogen, need a negative balance yield or (unless
 * it fixes CO2) take CO2 up is refused when read: no balance closes with those yields.
 * Several substrates are consumed side by side with the same mass yields, each closed on
 * its own. With X the conversion of the substrate fed, r = X in_S; products and biomass go
 * to the broth, gases (CO2, unconverted gaseous substrate) to the off-gas; O2 and the
 * nitrogen source come from outside; CO2 fixed comes from the feed. The titer of the
 * product sets the broth water
 * (make-up from outside), the volumetric productivity the working volume, and aeration and
 * agitation power per volume the electricity; the metabolic heat follows from the enthalpy
 * balance. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds.h"
#include "tandem/constants.h"
#include "text.h"

enum { P_IN, P_BROTH, P_OFFGAS };
enum { MAXY = 8, MAXS = 4, MAXC = MAXY + 5 };

/* What one mole of a substrate turns into: nu[i] mol of species id[i] (negative: taken). */
struct stoich {
    int n;
    int id[MAXC];
    double nu[MAXC];
};

struct bioreactor {
    int ns;
    int S[MAXS]; /* substrates */
    struct stoich st[MAXS];
    double X;
    int X_line;
    int ny;
    int yid[MAXY];
    double y[MAXY];   /* as given, mol/mol or g/g */
    bool ymass[MAXY]; /* g/g */
    int balance;      /* index of the `balance` yield, -1 if none */
    int nsrc;         /* nitrogen source */
    bool fixation, anaerobic;
    int product;         /* species the titer and productivity refer to */
    double titer, prod;  /* kg/m3, kg/(m3 s); NAN when not given */
    double p_aer, p_agi; /* W/m3 */
    double T, pH;
};

static const char *const yesno[] = {"no", "yes", NULL};

static double
coef(const struct stoich *st, int id)
{
    double c = 0;
    for (int i = 0; i < st->n; i++)
        if (st->id[i] == id) c += st->nu[i];
    return c;
}

static void
add(struct stoich *st, int id, double nu)
{
    for (int i = 0; i < st->n; i++)
        if (st->id[i] == id) {
            st->nu[i] += nu;
            return;
        }
    st->id[st->n] = id;
    st->nu[st->n++] = nu;
}

/* "0.4 g/g", "0.5 mol/mol" or "balance". */
static int
read_yield(const tdm_unit *u, const tdm_kv *kv, double *v, bool *mass, bool *balance,
           tdm_error *err)
{
    *balance = !strcmp(kv->value, "balance");
    if (*balance) {
        *v = 0;
        *mass = false;
        return 0;
    }
    char *end;
    *v = strtod(kv->value, &end);
    while (*end == ' ')
        end++;
    if (end == kv->value || !isfinite(*v) || *v < 0 || *v > 100)
        return tdm_unit_error(u, kv->line, err,
                              "`%s = %s`: give a yield such as 0.4 g/g or "
                              "0.5 mol/mol, or `balance`",
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

/* Solves A z = b (n x n, row-major) by Gaussian elimination with partial pivoting;
 * returns -1 when A is singular. */
static int
solve4(int n, double A[4][4], double *b, double *z)
{
    for (int c = 0; c < n; c++) {
        int p = c;
        for (int r = c + 1; r < n; r++)
            if (fabs(A[r][c]) > fabs(A[p][c])) p = r;
        if (fabs(A[p][c]) < 1e-12) return -1;
        for (int k = 0; k < n; k++) {
            double t = A[c][k];
            A[c][k] = A[p][k];
            A[p][k] = t;
        }
        double t = b[c];
        b[c] = b[p];
        b[p] = t;
        for (int r = c + 1; r < n; r++) {
            double f = A[r][c] / A[c][c];
            for (int k = c; k < n; k++)
                A[r][k] -= f * A[c][k];
            b[r] -= f * b[c];
        }
    }
    for (int c = n - 1; c >= 0; c--) {
        double s = b[c];
        for (int k = c + 1; k < n; k++)
            s -= A[c][k] * z[k];
        z[c] = s / A[c][c];
    }
    return 0;
}

/* Closes the balance for one mole of substrate s: fills d->st[s]. */
static int
close_balance(tdm_unit *u, struct bioreactor *d, int s, int yl, tdm_error *err)
{
    static const int els[4] = {TDM_EL_C, TDM_EL_H, TDM_EL_O, TDM_EL_N};
    const tdm_species *S = tdm_unit_species_info(u, d->S[s]);
    struct stoich *st = &d->st[s];
    st->n = 0;
    add(st, d->S[s], -1.0);
    for (int i = 0; i < d->ny; i++) {
        if (i == d->balance) continue;
        const tdm_species *P = tdm_unit_species_info(u, d->yid[i]);
        add(st, d->yid[i], d->ymass[i] ? d->y[i] * S->molar_mass / P->molar_mass : d->y[i]);
    }
    int O2 = TDM_SPECIES_O2, CO2 = TDM_SPECIES_CO2, H2O = TDM_SPECIES_H2O;
    int unk[4] = {CO2, H2O, d->nsrc, d->anaerobic ? d->yid[d->balance] : O2};
    double A[4][4], b[4], z[4];
    for (int e = 0; e < 4; e++) {
        b[e] = 0;
        for (int i = 0; i < st->n; i++)
            b[e] -= st->nu[i] * tdm_unit_species_info(u, st->id[i])->el[els[e]];
        for (int j = 0; j < 4; j++)
            A[e][j] = tdm_unit_species_info(u, unk[j])->el[els[e]];
    }
    if (solve4(4, A, b, z))
        return tdm_unit_error(u, yl, err,
                              "CO2, water, %s and %s cannot close the element balance of %s; "
                              "choose another balance species",
                              tdm_unit_species_info(u, d->nsrc)->name,
                              tdm_unit_species_info(u, unk[3])->name, S->name);
    for (int j = 0; j < 4; j++)
        if (fabs(z[j]) < 1e-12) z[j] = 0;
    if (z[0] < 0 && !d->fixation)
        return tdm_unit_error(u, yl, err,
                              "the yields put %.4g mol more carbon in the products than each mol "
                              "of %s holds; lower them, or set `co2_fixation = yes` for an "
                              "autotroph",
                              -z[0], S->name);
    if (z[2] > 0)
        return tdm_unit_error(u, yl, err,
                              "the yields leave %.4g mol of nitrogen per mol of %s "
                              "unaccounted",
                              z[2] * tdm_unit_species_info(u, d->nsrc)->el[TDM_EL_N], S->name);
    if (!d->anaerobic && z[3] > 0)
        return tdm_unit_error(u, yl, err,
                              "the yields hold more electrons than %s can give: %.4g mol O2 "
                              "would have to be made per mol consumed; no balance closes",
                              S->name, z[3]);
    if (d->anaerobic && z[3] < 0)
        return tdm_unit_error(u, yl, err,
                              "the other yields take more than %s can give: the balance yield "
                              "of %s would be %.4g mol/mol",
                              S->name, tdm_unit_species_info(u, unk[3])->name, z[3]);
    for (int j = 0; j < 4; j++)
        add(st, unk[j], z[j]);
    if (d->anaerobic) d->y[d->balance] = z[3];
    return 0;
}

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct bioreactor *d = u->data;
    const tdm_kv *kv = tdm_unit_kv(u, "substrate");
    if (!kv) return tdm_unit_error(u, 0, err, "a bioreactor needs `substrate`");
    char buf[512], *items[MAXS + 1];
    snprintf(buf, sizeof buf, "%s", kv->value);
    d->ns = tdm_text_split(buf, items, MAXS + 1);
    if (d->ns < 1 || d->ns > MAXS)
        return tdm_unit_error(u, kv->line, err,
                              "`substrate` names one species, or up to %d separated by commas",
                              MAXS);
    for (int s = 0; s < d->ns; s++) {
        d->S[s] = tdm_unit_species(u, items[s], kv->line, err);
        if (d->S[s] < 0) return -1;
        if (tdm_unit_species_info(u, d->S[s])->el[TDM_EL_B] != 0)
            return tdm_unit_error(u, kv->line, err, "boron cannot be balanced by a bioreactor");
        for (int t = 0; t < s; t++)
            if (d->S[t] == d->S[s])
                return tdm_unit_error(u, kv->line, err, "substrate %s is named twice", items[s]);
    }
    if (tdm_unit_require(u, "conversion", TDM_Q_FRACTION, 0.0, 1.0, &d->X, err) < 0) return -1;
    d->X_line = tdm_unit_kv(u, "conversion")->line;
    int fx = tdm_unit_choice(u, "co2_fixation", yesno, 0, err);
    if (fx < 0) return -1;
    d->fixation = fx == 1;
    int an = tdm_unit_choice(u, "anaerobic", yesno, 0, err);
    if (an < 0) return -1;
    d->anaerobic = an == 1;
    d->balance = -1;
    int yl = 0; /* errors point at the first yield */
    for (int i = 0; i < u->sec->nkv; i++) {
        const tdm_kv *y = &u->sec->kv[i];
        if (strncmp(y->key, "yield.", 6) != 0) continue;
        if (!yl) yl = y->line;
        if (d->ny == MAXY)
            return tdm_unit_error(u, y->line, err, "too many yields (limit %d)", MAXY);
        int id = tdm_unit_species(u, y->key + 6, y->line, err);
        if (id < 0) return -1;
        if (tdm_unit_species_info(u, id)->el[TDM_EL_B] != 0)
            return tdm_unit_error(u, y->line, err, "boron cannot be balanced by a bioreactor");
        for (int s = 0; s < d->ns; s++)
            if (id == d->S[s])
                return tdm_unit_error(u, y->line, err, "%s is the substrate, not a product",
                                      y->key + 6);
        bool bal;
        if (read_yield(u, y, &d->y[d->ny], &d->ymass[d->ny], &bal, err)) return -1;
        if (bal) {
            if (!d->anaerobic)
                return tdm_unit_error(u, y->line, err,
                                      "a `balance` yield closes the electron balance of an "
                                      "anaerobe; set `anaerobic = yes` (an aerobe closes it "
                                      "with O2)");
            if (d->balance >= 0)
                return tdm_unit_error(u, y->line, err, "only one yield may be `balance`");
            d->balance = d->ny;
        }
        if (d->ns > 1 && !bal && !d->ymass[d->ny])
            return tdm_unit_error(u, y->line, err,
                                  "with several substrates give yields in g/g (the same mass "
                                  "yield applies to each)");
        d->yid[d->ny++] = id;
    }
    if (d->ny == 0)
        return tdm_unit_error(u, 0, err,
                              "a bioreactor needs yields, e.g. `yield.biomass = 0.3 "
                              "g/g`");
    if (d->anaerobic && d->balance < 0)
        return tdm_unit_error(u, yl, err,
                              "an anaerobic stage takes no O2, so one yield must be `balance` "
                              "to close the electron balance, e.g. `yield.CH4 = balance`");
    kv = tdm_unit_kv(u, "nitrogen_source");
    d->nsrc = tdm_unit_species(u, kv ? kv->value : "NH3", kv ? kv->line : u->sec->line, err);
    if (d->nsrc < 0) return -1;
    if (!(tdm_unit_species_info(u, d->nsrc)->el[TDM_EL_N] > 0))
        return tdm_unit_error(u, kv ? kv->line : 0, err, "the nitrogen source %s holds no nitrogen",
                              tdm_unit_species_info(u, d->nsrc)->name);
    if (tdm_unit_use_species(u, TDM_SPECIES_O2, err) ||
        tdm_unit_use_species(u, TDM_SPECIES_CO2, err) ||
        tdm_unit_use_species(u, TDM_SPECIES_H2O, err))
        return -1;
    for (int s = 0; s < d->ns; s++)
        if (close_balance(u, d, s, yl, err)) return -1;
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

/* Net moles of species id made in the streams per mol of substrate s consumed: O2 and the
 * nitrogen source come from outside the streams. CO2 an autotroph fixes comes from its own
 * feed, net of what its other substrates give off: drawn from outside the plant, it let a
 * stage fed H2 and CO2 vent all its CO2 and claim every carbon fed, and a stage fed CO and
 * H2 (the one giving CO2 off, the other fixing it) did not close its carbon. */
static double
made(const struct bioreactor *d, int s, int id)
{
    if (id == TDM_SPECIES_O2 || id == d->nsrc) return 0;
    return coef(&d->st[s], id);
}

static int
declare(const tdm_unit *u, tdm_model *m, tdm_error *err)
{
    const struct bioreactor *d = u->data;
    int in = tdm_unit_port_stream(u, P_IN, 0);
    int broth = tdm_unit_port_stream(u, P_BROTH, 0);
    int gas = tdm_unit_port_stream(u, P_OFFGAS, 0);
    int kW = tdm_unit_species_index(u, TDM_SPECIES_H2O);
    int M = -1;
    if (!isnan(d->titer)) {
        M = tdm_model_add_col(m, -HUGE_VAL, HUGE_VAL, "[%s] water make-up for the titer (mol/s)",
                              u->name);
        if (M < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        int id = tdm_unit_species_id(u, k);
        bool vap = tdm_species_vapour(tdm_unit_species_at(u, k), d->T);
        bool taken = false;
        for (int s = 0; s < d->ns; s++)
            taken |= made(d, s, id) < 0;
        const char *hint = !taken ? NULL
                           : id == TDM_SPECIES_CO2
                               ? "the organism fixes more CO2 than its feed brings: an "
                                 "autotroph takes its CO2 from its feed; add CO2 to it"
                               : "the substrate or water runs short; check the feed";
        for (int port = P_BROTH; port <= P_OFFGAS; port++) {
            bool here = (port == P_OFFGAS) == vap;
            int r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL,
                                      taken ? d->X_line : u->sec->line, hint, "[%s] %s to the %s",
                                      u->name, tdm_unit_species_at(u, k)->name,
                                      port == P_BROTH ? "broth" : "off-gas");
            if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            tdm_model_coef(m, r, tdm_unit_col(u, port == P_BROTH ? broth : gas, k), 1.0);
            if (!here) continue;
            tdm_model_coef(m, r, tdm_unit_col(u, in, k), -1.0);
            for (int s = 0; s < d->ns; s++) {
                double c = made(d, s, id) * d->X;
                if (c != 0)
                    tdm_model_coef(m, r, tdm_unit_col(u, in, tdm_unit_species_index(u, d->S[s])),
                                   -c);
            }
            if (k == kW && M >= 0) tdm_model_coef(m, r, M, -1.0);
        }
    }
    if (M >= 0) {
        /* Broth water: product mass / titer is the broth volume, at 997 kg/m3 of water. */
        int kP = tdm_unit_species_index(u, d->product);
        double MP = tdm_unit_species_info(u, d->product)->molar_mass;
        double MW = tdm_unit_species_info(u, TDM_SPECIES_H2O)->molar_mass;
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
    int kW = tdm_unit_species_index(u, TDM_SPECIES_H2O);
    int O2 = TDM_SPECIES_O2, CO2 = TDM_SPECIES_CO2;
    double *b = tdm_result_boundary(res, r);
    double consumed = 0, o2 = 0, co2 = 0, nsrc = 0, water = 0; /* kg/s, mol/s */
    for (int s = 0; s < d->ns; s++) {
        double rate = d->X * x[tdm_unit_col(u, in, tdm_unit_species_index(u, d->S[s]))];
        consumed += rate * tdm_unit_species_info(u, d->S[s])->molar_mass;
        o2 -= coef(&d->st[s], O2) * rate;
        co2 += coef(&d->st[s], CO2) * rate;
        nsrc -= coef(&d->st[s], d->nsrc) * rate;
        water += coef(&d->st[s], TDM_SPECIES_H2O) * rate;
    }
    /* Water make-up: what the broth holds beyond the feed and the metabolic water. */
    double makeup = x[tdm_unit_col(u, broth, kW)] - x[tdm_unit_col(u, in, kW)] - water;
    if (tdm_species_vapour(tdm_unit_species_info(u, TDM_SPECIES_H2O), d->T)) makeup = 0;
    if (b) {
        b[tdm_unit_species_index(u, O2)] += o2;
        b[tdm_unit_species_index(u, d->nsrc)] += nsrc;
        b[kW] += makeup;
    }
    const tdm_species *P = tdm_unit_species_info(u, d->product);
    double mp = x[tdm_unit_col(u, broth, tdm_unit_species_index(u, d->product))] * P->molar_mass;
    double V = mp / d->prod;
    r->electric_w = (d->p_aer + d->p_agi) * V;
    tdm_result_add(r, "substrate_consumed", "substrate consumed", consumed, "t/day");
    tdm_result_add(r, "product_rate", tdm_arena_printf(res->arena, "%s made", P->name), mp,
                   "t/day");
    tdm_result_add(r, "o2_uptake", "O2 taken up", o2 * 0.031998, "t/day");
    tdm_result_add(r, "co2_evolved", "CO2 evolved (negative: fixed)", co2 * 0.044009, "t/day");
    tdm_result_add(
        r, "nitrogen_source",
        tdm_arena_printf(res->arena, "%s taken up", tdm_unit_species_info(u, d->nsrc)->name),
        nsrc * tdm_unit_species_info(u, d->nsrc)->molar_mass, "t/day");
    tdm_result_add(r, "water_makeup", "water make-up (negative: removed)", makeup * 0.018015,
                   "t/day");
    tdm_result_add(r, "volume", "working volume", V, "m3");
    tdm_result_add(r, "power", "aeration and agitation power", r->electric_w, "W");
    tdm_result_add(r, "temperature", "temperature", d->T, "C");
    if (!isnan(d->pH)) tdm_result_add(r, "ph", "pH", d->pH, "");
    /* Yields in mol per mol of each substrate, the balance yield included. */
    for (int s = 0; s < d->ns; s++) {
        const char *sn = tdm_unit_species_info(u, d->S[s])->name;
        for (int i = 0; i < d->ny; i++) {
            const char *pn = tdm_unit_species_info(u, d->yid[i])->name;
            const char *key = d->ns == 1 ? tdm_arena_printf(res->arena, "yield.%s", pn)
                                         : tdm_arena_printf(res->arena, "yield.%s.%s", pn, sn);
            tdm_result_add(r, key,
                           tdm_arena_printf(res->arena, "yield of %s on %s (mol/mol)%s", pn, sn,
                                            i == d->balance ? ", by balance" : ""),
                           coef(&d->st[s], d->yid[i]), "");
        }
    }
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
    {"substrate", "the species consumed (several: comma-separated, same g/g yields on each)"},
    {"conversion", "fraction of the substrate fed that is consumed"},
    {"yield.*", "yield on substrate consumed, g/g or mol/mol, e.g. yield.biomass = 0.3 g/g; "
                "`balance` for the one yield an anaerobe closes by balance"},
    {"anaerobic", "yes when no O2 is taken up; one yield is then `balance`; default no"},
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

/* Priced by working volume. */
static void
size(const tdm_unit *u, const tdm_results *res, const tdm_unit_result *r, tdm_unit_size *s)
{
    (void)u;
    (void)res;
    s->size[TDM_BASIS_VOLUME] = tdm_result_get(r, "volume");
    s->items[s->nitems++] = "fermenter";
    s->steps = 1; /* a reactor */
}

const tdm_unit_kind tdm_kind_bioreactor = {
    .name = "bioreactor",
    .summary = "biocatalytic stage: yields on substrate, O2, CO2, water and N closed by balance",
    .legend = "n_k,out = n_k,in + yields on the substrate consumed; O2, CO2, water and N "
              "close the element balances",
    .fill = "#c9e8b4",
    .electricity_label = "electricity: bioreactors",
    .ports = ports,
    .keys = keys,
    .data_size = sizeof(struct bioreactor),
    .parse = parse,
    .declare = declare,
    .results = results,
    .states = states,
    .energy = energy,
    .size = size,
};
