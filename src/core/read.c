/* read.c: typed readers of one key of an INI section (read.h). */
#include "read.h"

#include "text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A bound in the unit the value was written in (`limiting_current_density = -100 mA/cm2`:
 * "1e-07 mA/cm2 to 1e+05 mA/cm2"), else in SI. */
static void
fmt_si(char *buf, size_t n, double v, tdm_qkind k, const char *written)
{
    const char *si = tdm_qkind_si(k);
    char unit[64] = "";
    if (written) {
        char *end;
        (void)strtod(written, &end);
        while (*end == ' ')
            end++;
        size_t l = strcspn(end, ",");
        while (l && end[l - 1] == ' ')
            l--;
        if (l < sizeof unit) {
            memcpy(unit, end, l);
            unit[l] = '\0';
        }
    }
    double f;
    tdm_dim dim;
    char why[80];
    if (unit[0] && strcmp(unit, "C") && strcmp(unit, "degC") &&
        tdm_unit_parse(unit, &f, &dim, why, sizeof why) == 0 &&
        tdm_dim_equal(dim, tdm_qkind_dim(k)))
        snprintf(buf, n, "%g %s", tdm_from_si(v, unit), unit);
    else
        snprintf(buf, n, "%g%s%s", v, *si ? " " : "", si);
}

int
tdm_read_quantity(const tdm_reader *r, const char *key, tdm_qkind k, double min, double max,
                  double *out, tdm_error *err)
{
    const char *path = r->path, *name = r->name;
    const tdm_kv *kv = tdm_ini_kv(r->sec, key);
    if (!kv) return 0;
    double v;
    tdm_dim dim;
    char why[200];
    if (kv->value[0] == '\0')
        return tdm_errorf_in(err, TDM_EINPUT, path, kv->line, name, "`%s` is empty; give %s in %s",
                             key, tdm_qkind_a(k), tdm_qkind_units(k));
    if (tdm_quantity_parse(kv->value, &v, &dim, why, sizeof why))
        return tdm_errorf_in(err, TDM_EINPUT, path, kv->line, name, "`%s = %s`: %s; give %s in %s",
                             key, kv->value, why, tdm_qkind_a(k), tdm_qkind_units(k));
    if (!tdm_dim_equal(dim, tdm_qkind_dim(k))) {
        bool bare = true;
        for (int i = 0; i < TDM_NDIM; i++)
            bare &= dim.e[i] == 0;
        return tdm_errorf_in(err, TDM_EINPUT, path, kv->line, name,
                             "`%s = %s` %s; `%s` is %s: accepted %s", key, kv->value,
                             bare ? "has no unit" : "has the wrong unit", key, tdm_qkind_a(k),
                             tdm_qkind_units(k));
    }
    if (!(v >= min && v <= max)) {
        char lo[64], hi[64];
        fmt_si(lo, sizeof lo, min, k, kv->value);
        fmt_si(hi, sizeof hi, max, k, kv->value);
        /* a fraction written as a percentage without its sign: `fe.CO = 90` */
        bool percent =
            k == TDM_Q_FRACTION && max <= 1 && v > 1 && v <= 100 && !strchr(kv->value, '%');
        return tdm_errorf_in(err, TDM_EINPUT, path, kv->line, name,
                             "`%s = %s` is out of range (%s to %s)%s%s%s", key, kv->value, lo, hi,
                             percent ? "; did you mean `" : "", percent ? kv->value : "",
                             percent ? " %`?" : "");
    }
    *out = v;
    return 1;
}

int
tdm_read_unknown_key(const tdm_reader *r, const tdm_kv *kv, const char *what,
                     const char *const *known, int n, tdm_error *err)
{
    char msg[700];
    tdm_text_unknown_key(msg, sizeof msg, kv->key, what, known, n);
    return tdm_errorf_in(err, TDM_EINPUT, r->path, kv->line, r->name, "%s", msg);
}
