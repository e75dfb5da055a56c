/* Helpers shared by unit kinds. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds.h"
#include "tandem/constants.h"
#include "tandem/species.h"
#include "text.h"

int
tdm_kind_read_state(const tdm_unit *u, double def_T, double def_P, double *T, double *P,
                    tdm_error *err)
{
    *T = def_T;
    *P = def_P;
    /* 1 K to 2500 K spans cryogenic separation to solid-oxide cells; 1 Pa to 1000 bar. */
    if (tdm_unit_quantity(u, "temperature", TDM_Q_TEMPERATURE, 1.0, 2500.0, T, err) < 0) return -1;
    if (tdm_unit_quantity(u, "pressure", TDM_Q_PRESSURE, 1.0, 1e8, P, err) < 0) return -1;
    return 0;
}

int
tdm_kind_read_fractions(const tdm_unit *u, const tdm_kv *kv, int n, double *f, tdm_error *err)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", kv->value);
    char *items[64];
    int m = tdm_text_split(buf, items, 64);
    if (m < 0)
        return tdm_unit_error(u, kv->line, err, "`%s` must list %d fractions separated by commas",
                              kv->key, n);
    if (m == 1 && n == 2 && strcmp(items[0], "rest") != 0) {
        items[1] = "rest";
        m = 2;
    }
    if (m != n)
        return tdm_unit_error(u, kv->line, err,
                              "`%s` lists %d fraction%s but the unit has %d outlets", kv->key, m,
                              m == 1 ? "" : "s", n);
    int rest = -1;
    double sum = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(items[i], "rest") == 0) {
            if (rest >= 0)
                return tdm_unit_error(u, kv->line, err, "`%s`: only one fraction may be `rest`",
                                      kv->key);
            rest = i;
            continue;
        }
        double v;
        tdm_dim d;
        char why[160];
        if (tdm_quantity_parse(items[i], &v, &d, why, sizeof why))
            return tdm_unit_error(u, kv->line, err, "`%s`: %s", kv->key, why);
        if (!tdm_dim_equal(d, tdm_qkind_dim(TDM_Q_FRACTION)))
            return tdm_unit_error(u, kv->line, err, "`%s`: `%s` is not a fraction", kv->key,
                                  items[i]);
        if (!(v >= 0 && v <= 1))
            return tdm_unit_error(u, kv->line, err, "`%s`: fraction %g is outside 0 to 1", kv->key,
                                  v);
        f[i] = v;
        sum += v;
    }
    if (sum > 1 + 1e-9)
        return tdm_unit_error(u, kv->line, err, "`%s`: fractions sum to %.10g (must be <= 1)",
                              kv->key, sum);
    if (rest >= 0) {
        f[rest] = sum < 1 ? 1 - sum : 0;
    } else if (fabs(sum - 1) > 1e-9) {
        return tdm_unit_error(u, kv->line, err,
                              "`%s`: fractions sum to %.10g; they must sum to 1 (or mark one "
                              "`rest`)",
                              kv->key, sum);
    }
    return 0;
}

int
tdm_kind_read_flow(const tdm_unit *u, const char *key, bool zero_ok, double *v, bool *mass,
                   tdm_error *err)
{
    const tdm_kv *kv = tdm_unit_kv(u, key);
    if (!kv) return 0;
    tdm_dim d;
    char why[160];
    if (tdm_quantity_parse(kv->value, v, &d, why, sizeof why))
        return tdm_unit_error(u, kv->line, err,
                              "`%s = %s`: %s; give a mass flow (%s) or a molar "
                              "flow (%s)",
                              key, kv->value, why, tdm_qkind_units(TDM_Q_MASS_FLOW),
                              tdm_qkind_units(TDM_Q_MOLAR_FLOW));
    if (tdm_dim_equal(d, tdm_qkind_dim(TDM_Q_MASS_FLOW)))
        *mass = true;
    else if (tdm_dim_equal(d, tdm_qkind_dim(TDM_Q_MOLAR_FLOW)))
        *mass = false;
    else
        return tdm_unit_error(u, kv->line, err,
                              "`%s = %s` is not a flow: give a mass flow (%s) or "
                              "a molar flow (%s)",
                              key, kv->value, tdm_qkind_units(TDM_Q_MASS_FLOW),
                              tdm_qkind_units(TDM_Q_MOLAR_FLOW));
    /* Positive (or zero where allowed), and at most 1e10 kg/s or 1e12 mol/s: beyond any
     * plant on Earth. */
    double max = *mass ? 1e10 : 1e12;
    if (!((zero_ok ? *v >= 0 : *v > 0) && *v <= max))
        return tdm_unit_error(u, kv->line, err,
                              "`%s = %s` is out of range (must be %s and at "
                              "most %g %s)",
                              key, kv->value, zero_ok ? ">= 0" : "> 0", max,
                              *mass ? "kg/s" : "mol/s");
    return 1;
}

double
tdm_kind_mass_flow(const tdm_unit *u, const double *x, int stream)
{
    double m = 0;
    for (int k = 0; k < tdm_unit_nspecies(u); k++)
        m += x[tdm_unit_col(u, stream, k)] * tdm_unit_species_at(u, k)->molar_mass;
    return m;
}

double
tdm_reaction_nu(const tdm_reaction *r, int species)
{
    for (int i = 0; i < r->n; i++)
        if (r->species[i] == species) return r->nu[i];
    return 0;
}

/* One side of a reaction: terms "[coefficient] species" joined by '+'. */
static int
read_side(tdm_unit *u, const tdm_kv *kv, char *side, double sign, tdm_reaction *r, tdm_error *err)
{
    char *items[TDM_RXN_MAX];
    int n = 0;
    for (char *p = side;;) {
        char *plus = strstr(p, " + ");
        if (plus) *plus = '\0';
        if (n == TDM_RXN_MAX)
            return tdm_unit_error(u, kv->line, err, "`%s`: too many species in one reaction",
                                  kv->key);
        items[n++] = p;
        if (!plus) break;
        p = plus + 3;
    }
    for (int i = 0; i < n; i++) {
        char *t = items[i];
        while (*t == ' ')
            t++;
        if (*t == '+')
            return tdm_unit_error(u, kv->line, err, "`%s`: an empty term (two `+` in a row)",
                                  kv->key);
        if (*t == '-' && (isdigit((unsigned char)t[1]) || t[1] == '.'))
            return tdm_unit_error(u, kv->line, err,
                                  "`%s`: negative coefficient in `%s`; write the species on the "
                                  "other side of the arrow",
                                  kv->key, items[i]);
        double c = 1;
        if (isdigit((unsigned char)*t) || *t == '.') {
            char *end;
            c = strtod(t, &end);
            if (!(c > 0) || !isfinite(c))
                return tdm_unit_error(u, kv->line, err, "`%s`: bad coefficient in `%s`", kv->key,
                                      items[i]);
            if (c > 1000)
                return tdm_unit_error(u, kv->line, err,
                                      "`%s`: coefficient %g in `%s` is above 1000", kv->key, c,
                                      items[i]);
            t = end;
        }
        while (*t == ' ')
            t++;
        size_t len = strlen(t);
        while (len && t[len - 1] == ' ')
            t[--len] = '\0';
        if (!*t) return tdm_unit_error(u, kv->line, err, "`%s`: a term has no species", kv->key);
        int id = tdm_unit_species(u, t, kv->line, err);
        if (id < 0) return -1;
        int j = 0;
        while (j < r->n && r->species[j] != id)
            j++;
        if (j == r->n) {
            if (r->n == TDM_RXN_MAX)
                return tdm_unit_error(u, kv->line, err, "`%s`: too many species", kv->key);
            r->species[r->n] = id;
            r->nu[r->n++] = 0;
        }
        r->nu[j] += sign * c;
    }
    return 0;
}

int
tdm_kind_read_reaction(tdm_unit *u, const tdm_kv *kv, tdm_reaction *r, tdm_error *err)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", kv->value);
    memset(r, 0, sizeof *r);
    char *arrow = strstr(buf, "->");
    size_t alen = 2;
    if (!arrow) {
        arrow = strstr(buf, "=>");
    }
    if (!arrow)
        return tdm_unit_error(u, kv->line, err, "`%s = %s` is not a reaction: write `A + 2 B -> C`",
                              kv->key, kv->value);
    *arrow = '\0';
    if (strstr(arrow + alen, "->") || strstr(arrow + alen, "=>"))
        return tdm_unit_error(u, kv->line, err,
                              "`%s = %s` has more than one arrow: write one reaction per key",
                              kv->key, kv->value);
    if (read_side(u, kv, buf, -1, r, err) || read_side(u, kv, arrow + alen, +1, r, err)) return -1;
    /* Balance of every element and of charge. */
    double bal[TDM_NEL] = {0}, charge = 0, scale = 0;
    for (int i = 0; i < r->n; i++) {
        const tdm_species *s = tdm_unit_species_info(u, r->species[i]);
        for (int e = 0; e < TDM_NEL; e++) {
            bal[e] += r->nu[i] * s->el[e];
            scale = fmax(scale, fabs(r->nu[i] * s->el[e]));
        }
        charge += r->nu[i] * s->charge;
    }
    char what[200] = "";
    for (int e = 0; e < TDM_NEL; e++)
        if (fabs(bal[e]) > 1e-9 * (scale > 1 ? scale : 1)) {
            size_t l = strlen(what);
            snprintf(what + l, sizeof what - l, "%s%s %+g", l ? ", " : "", tdm_element_symbol(e),
                     bal[e]);
        }
    if (fabs(charge) > 1e-9) {
        size_t l = strlen(what);
        snprintf(what + l, sizeof what - l, "%scharge %+g", l ? ", " : "", charge);
    }
    if (*what)
        return tdm_unit_error(u, kv->line, err,
                              "reaction `%s` does not balance (products minus reactants: %s)",
                              kv->value, what);
    bool any = false;
    for (int i = 0; i < r->n; i++)
        any |= r->nu[i] != 0;
    if (!any) return tdm_unit_error(u, kv->line, err, "reaction `%s` changes nothing", kv->value);
    return 0;
}

void
tdm_kind_compress(const tdm_unit *u, const double *flow, double T1, double P1, double P2,
                  double eta, double *T2s, double *T2, double *W)
{
    int nsp = tdm_unit_nspecies(u);
    double n = 0;
    for (int k = 0; k < nsp; k++)
        n += flow[k];
    *T2s = *T2 = T1;
    *W = 0;
    if (n <= 0 || P2 <= P1) return;
    /* isentropic: sum_k n_k [s_k(T2s) - s_k(T1)] = n R ln(P2 / P1) */
    double target = n * TDM_GAS_CONSTANT * log(P2 / P1);
    double lo = T1, hi = 6 * T1;
    for (int it = 0; it < 200 && hi - lo > 1e-9; it++) {
        double T = 0.5 * (lo + hi), ds = 0;
        for (int k = 0; k < nsp; k++)
            if (flow[k] > 0) ds += flow[k] * tdm_species_gas_ds(tdm_unit_species_at(u, k), T1, T);
        if (ds > target)
            hi = T;
        else
            lo = T;
    }
    *T2s = 0.5 * (lo + hi);
    double ws = 0;
    for (int k = 0; k < nsp; k++)
        if (flow[k] > 0) ws += flow[k] * tdm_species_gas_dh(tdm_unit_species_at(u, k), T1, *T2s);
    *W = ws / eta;
    lo = T1;
    hi = 6 * T1 + 1000;
    for (int it = 0; it < 200 && hi - lo > 1e-9; it++) {
        double T = 0.5 * (lo + hi), dh = 0;
        for (int k = 0; k < nsp; k++)
            if (flow[k] > 0) dh += flow[k] * tdm_species_gas_dh(tdm_unit_species_at(u, k), T1, T);
        if (dh > *W)
            hi = T;
        else
            lo = T;
    }
    *T2 = 0.5 * (lo + hi);
}

int
tdm_kind_declare_pass(const tdm_unit *u, tdm_model *m, tdm_error *err)
{
    int in = tdm_unit_port_stream(u, 0, 0), out = tdm_unit_port_stream(u, 1, 0);
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        int r =
            tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, u->sec->line, NULL,
                              "[%s] %s passes through", u->name, tdm_unit_species_at(u, k)->name);
        if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        tdm_model_coef(m, r, tdm_unit_col(u, out, k), 1.0);
        tdm_model_coef(m, r, tdm_unit_col(u, in, k), -1.0);
    }
    return 0;
}
