/* A dispatch profile: a CSV of equal periods (tandem/dispatch.h, docs/dispatch.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "tandem/dispatch.h"
#include "tandem/quantity.h"

/* The SI factor of a column's unit, checked against the dimension of `like`. */
static int
unit_factor(const tdm_table *t, int col, const char *name, const char *unit, const char *like,
            double *factor, tdm_error *err)
{
    char text[96], why[160];
    double si, ref;
    tdm_dim d, want;
    tdm_quantity_parse(like, &ref, &want, why, sizeof why);
    snprintf(text, sizeof text, "1 %s", unit);
    if (!unit[0] || tdm_quantity_parse(text, &si, &d, why, sizeof why) || !tdm_dim_equal(d, want))
        return tdm_errorf_col(err, TDM_EINPUT, t->path, t->rows[1].line, col + 1,
                              "the unit of `%s` is `%s`: give one like %s", name, unit, like + 2);
    *factor = si;
    return 0;
}

static int
number(const tdm_table *t, int r, int col, const char *name, double *v, tdm_error *err)
{
    const char *s = t->rows[r].f[col];
    char *end;
    *v = strtod(s, &end);
    if (!s[0] || *end || !isfinite(*v))
        return tdm_errorf_col(err, TDM_EINPUT, t->path, t->rows[r].line, col + 1,
                              "`%s` is `%s`, not a number", name, s);
    return 0;
}

int
tdm_profile_load(const char *path, tdm_profile *p, tdm_error *err)
{
    memset(p, 0, sizeof *p);
    tdm_arena *a = tdm_arena_new();
    tdm_table t = {0};
    int rc = -1;
    if (!a) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    if (tdm_table_read(path, a, &t, err)) goto done;
    int cp = tdm_table_column(&t, "price"), ci = tdm_table_column(&t, "intensity"),
        ca = tdm_table_column(&t, "available"), ch = tdm_table_column(&t, "hour"),
        cs = tdm_table_column(&t, "source");
    if (ch != 0 || cp < 0 || cs < 0) {
        tdm_errorf(err, TDM_EINPUT, path, t.nrows ? t.rows[0].line : 1,
                   "a profile's header is `hour`, then `price` and `source` (and may name "
                   "`intensity`, `available`)");
        goto done;
    }
    if (t.nrows < 3 || strcmp(t.rows[1].f[0], "unit")) {
        tdm_errorf(err, TDM_EINPUT, path, t.nrows > 1 ? t.rows[1].line : t.rows[0].line,
                   "the row after the header gives the units: `unit,$/MWh,...`, then a row a "
                   "period");
        goto done;
    }
    double fp, fi = 0;
    if (unit_factor(&t, cp, "price", t.rows[1].f[cp], "1 $/MWh", &fp, err) ||
        (ci >= 0 && unit_factor(&t, ci, "intensity", t.rows[1].f[ci], "1 kg/MWh", &fi, err)))
        goto done;
    if (ca >= 0 && t.rows[1].f[ca][0]) {
        tdm_errorf_col(err, TDM_EINPUT, path, t.rows[1].line, ca + 1,
                       "`available` is a fraction of the supply's capacity: leave its unit "
                       "empty");
        goto done;
    }
    if (!t.rows[2].f[cs][0]) {
        tdm_errorf_col(err, TDM_EINPUT, path, t.rows[2].line, cs + 1,
                       "the first period names the profile's source");
        goto done;
    }
    int n = t.nrows - 2;
    p->n = n;
    p->dt = 3600;
    p->price = malloc((size_t)n * sizeof *p->price);
    p->intensity = ci >= 0 ? malloc((size_t)n * sizeof *p->intensity) : NULL;
    p->available = ca >= 0 ? malloc((size_t)n * sizeof *p->available) : NULL;
    p->line = malloc((size_t)n * sizeof *p->line);
    p->path = strdup(path);
    p->source = strdup(t.rows[2].f[cs]);
    if (!p->price || (ci >= 0 && !p->intensity) || (ca >= 0 && !p->available) || !p->line ||
        !p->path || !p->source) {
        tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        goto done;
    }
    double h0 = 0, step = 1;
    for (int i = 0; i < n; i++) {
        int r = i + 2;
        p->line[i] = t.rows[r].line;
        double v;
        if (number(&t, r, cp, "price", &v, err)) goto done;
        p->price[i] = v * fp;
        if (ci >= 0) {
            if (number(&t, r, ci, "intensity", &v, err)) goto done;
            if (v < 0) {
                tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, ci + 1,
                               "`intensity` is %g: an intensity is not below zero", v);
                goto done;
            }
            p->intensity[i] = v * fi;
        }
        if (ca >= 0) {
            if (number(&t, r, ca, "available", &v, err)) goto done;
            if (!(v >= 0 && v <= 1)) {
                tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, ca + 1,
                               "`available` is %g: a fraction from 0 to 1", v);
                goto done;
            }
            p->available[i] = v;
        }
        if (ch >= 0) {
            if (number(&t, r, ch, "hour", &v, err)) goto done;
            if (i == 0) h0 = v;
            if (i == 1) {
                step = v - h0;
                if (!(step > 0)) {
                    tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, ch + 1,
                                   "`hour` does not rise (%g after %g)", v, h0);
                    goto done;
                }
            }
            if (i > 1 && fabs(v - (h0 + i * step)) > 1e-6 * step) {
                tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, ch + 1,
                               "`hour` is %g where the periods' step of %g h makes it %g: "
                               "periods are equal and none is missing",
                               v, step, h0 + i * step);
                goto done;
            }
        }
    }
    p->dt = step * 3600;
    rc = 0;
done:
    free(t.rows);
    tdm_arena_free(a);
    if (rc) tdm_profile_free(p);
    return rc;
}

void
tdm_profile_free(tdm_profile *p)
{
    free(p->path);
    free(p->source);
    free(p->price);
    free(p->intensity);
    free(p->available);
    free(p->line);
    memset(p, 0, sizeof *p);
}
