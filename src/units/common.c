/* Helpers shared by unit kinds. */
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
tdm_kind_read_flow(const tdm_unit *u, const char *key, double *v, bool *mass, tdm_error *err)
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
    /* Positive, and at most 1e10 kg/s or 1e12 mol/s: beyond any plant on Earth. */
    double max = *mass ? 1e10 : 1e12;
    if (!(*v > 0 && *v <= max))
        return tdm_unit_error(u, kv->line, err,
                              "`%s = %s` is out of range (must be > 0 and at "
                              "most %g %s)",
                              key, kv->value, max, *mass ? "kg/s" : "mol/s");
    return 1;
}

void
tdm_kind_pass_state(const tdm_unit *u, tdm_results *res, int in_port, int out_port)
{
    double T = NAN, P = NAN;
    for (int i = 0; i < tdm_unit_port_n(u, in_port); i++) {
        const tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, in_port, i)];
        if (isnan(T)) T = s->T;
        if (!isnan(s->P) && (isnan(P) || s->P < P)) P = s->P;
    }
    for (int i = 0; i < tdm_unit_port_n(u, out_port); i++) {
        tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, out_port, i)];
        s->T = T;
        s->P = P;
    }
}

double
tdm_kind_mass_flow(const tdm_unit *u, const double *x, int stream)
{
    double m = 0;
    for (int k = 0; k < tdm_unit_nspecies(u); k++)
        m += x[tdm_unit_col(u, stream, k)] * tdm_unit_species_at(u, k)->molar_mass;
    return m;
}
