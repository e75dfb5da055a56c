/* copula.c: rank correlations between uncertain parameters, imposed sample by sample through
 * a normal copula. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/study.h"

/* "NAME" among the parameters: its index, or -1. */
static int
find(const tdm_param *ps, int np, const char *name, size_t len)
{
    for (int j = 0; j < np; j++)
        if (strlen(ps[j].name) == len && !strncmp(ps[j].name, name, len)) return j;
    return -1;
}

static int __attribute__((format(printf, 4, 5)))
refuse(tdm_error *err, const char *file, int line, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (file && line > 0) return tdm_errorf(err, TDM_EINPUT, file, line, "%s", msg);
    return tdm_errorf(err, TDM_EINPUT, NULL, 0, "command line: %s", msg);
}

int
tdm_correlation_parse(tdm_correlation *c, const char *pair, const char *value, const tdm_param *ps,
                      int np, const char *file, int line, tdm_error *err)
{
    memset(c, 0, sizeof *c);
    c->file = file;
    c->line = line;
    const char *comma = strchr(pair, ',');
    if (!comma)
        return refuse(err, file, line, "a correlation names two parameters, `A, B`, not `%s`",
                      pair);
    const char *a = pair, *ae = comma, *b = comma + 1, *be = pair + strlen(pair);
    while (*a == ' ')
        a++;
    while (ae > a && ae[-1] == ' ')
        ae--;
    while (*b == ' ')
        b++;
    while (be > b && be[-1] == ' ')
        be--;
    char an[256], bn[256];
    snprintf(an, sizeof an, "%.*s", (int)(ae - a), a);
    snprintf(bn, sizeof bn, "%.*s", (int)(be - b), b);
    c->a = find(ps, np, a, (size_t)(ae - a));
    c->b = find(ps, np, b, (size_t)(be - b));
    if (c->a < 0 || c->b < 0)
        return refuse(err, file, line,
                      "`%s`: a correlation is between two uncertain parameters (of [uncertainty] "
                      "or --params), and `%s` is none",
                      pair, c->a < 0 ? an : bn);
    if (c->a == c->b)
        return refuse(err, file, line, "`%s`: a parameter is not correlated with itself", pair);
    char *end;
    c->rho = strtod(value, &end);
    while (*end == ' ')
        end++;
    if (end == value || *end || !(c->rho > -1 && c->rho < 1))
        return refuse(err, file, line,
                      "`%s`: a rank correlation is a number between -1 and 1 (both excluded), not "
                      "`%s`",
                      pair, value);
    return 0;
}

int
tdm_correlations_read_section(tdm_correlation *c, int max, int *n, const tdm_flowsheet *fs,
                              const tdm_param *ps, int np, tdm_error *err)
{
    *n = 0;
    const tdm_section *sec = tdm_flowsheet_uncertainty_section(fs);
    for (int i = 0; sec && i < sec->nkv; i++) {
        const tdm_kv *kv = &sec->kv[i];
        if (strncmp(kv->key, "correlation(", 12)) continue;
        size_t l = strlen(kv->key);
        const char *path = tdm_flowsheet_path(fs);
        if (kv->key[l - 1] != ')')
            return tdm_errorf(err, TDM_EINPUT, path, kv->line,
                              "[uncertainty] write a correlation as `correlation(A, B) = RHO`");
        if (*n == max)
            return tdm_errorf(err, TDM_EINPUT, path, kv->line,
                              "[uncertainty] more than %d correlations", max);
        char pair[600];
        snprintf(pair, sizeof pair, "%.*s", (int)(l - 13), kv->key + 12);
        if (tdm_correlation_parse(&c[*n], pair, kv->value, ps, np, path, kv->line, err)) return -1;
        c[*n].source = kv->comment;
        (*n)++;
    }
    return 0;
}

int
tdm_copula_make(tdm_copula *cop, const tdm_correlation *c, int nc, const tdm_param *ps, int np,
                tdm_error *err)
{
    memset(cop, 0, sizeof *cop);
    int at[TDM_STUDY_MAX_PARAMS];
    for (int j = 0; j < np; j++)
        at[j] = -1;
    for (int i = 0; i < nc; i++)
        for (int e = 0; e < 2; e++) {
            int j = e ? c[i].b : c[i].a;
            if (j < 0 || j >= np) return tdm_errorf(err, TDM_EAPI, NULL, 0, "no such parameter");
            if (at[j] < 0) {
                at[j] = cop->k;
                cop->idx[cop->k++] = j;
            }
        }
    /* the normal scores' correlation: Pearson's r = 2 sin(pi rho / 6) gives a normal pair the
     * rank correlation rho (Kruskal 1958), and the copula keeps ranks */
    double(*R)[TDM_STUDY_MAX_PARAMS] = cop->L;
    for (int p = 0; p < cop->k; p++)
        R[p][p] = 1;
    for (int i = 0; i < nc; i++) {
        int p = at[c[i].a], q = at[c[i].b];
        if (R[p > q ? p : q][p > q ? q : p] != 0)
            return refuse(err, c[i].file, c[i].line,
                          "the rank correlation of `%s` and `%s` is given twice", ps[c[i].a].name,
                          ps[c[i].b].name);
        double r = 2 * sin(3.14159265358979323846 * c[i].rho / 6);
        R[p > q ? p : q][p > q ? q : p] = r;
    }
    /* Cholesky, in place, on the lower triangle */
    for (int p = 0; p < cop->k; p++) {
        for (int q = 0; q <= p; q++) {
            double s = R[p][q];
            for (int t = 0; t < q; t++)
                s -= R[p][t] * R[q][t];
            if (p == q) {
                if (!(s > 1e-12)) {
                    /* the last correlation of the parameter whose row fails */
                    const tdm_correlation *d = &c[nc - 1];
                    for (int i = 0; i < nc; i++)
                        if (at[c[i].a] == p || at[c[i].b] == p) d = &c[i];
                    return refuse(err, d->file, d->line,
                                  "the rank correlations of `%s` cannot hold together with the "
                                  "others (their matrix is not positive definite: A with B and B "
                                  "with C high but A with C low, say); loosen them",
                                  ps[cop->idx[p]].name);
                }
                R[p][p] = sqrt(s);
            } else {
                R[p][q] = s / R[q][q];
            }
        }
    }
    return 0;
}

void
tdm_copula_apply(const tdm_copula *cop, double *u)
{
    double z[TDM_STUDY_MAX_PARAMS];
    for (int p = 0; p < cop->k; p++)
        z[p] = tdm_norm_quantile(u[cop->idx[p]]);
    for (int p = cop->k - 1; p >= 0; p--) {
        double w = 0;
        for (int q = 0; q <= p; q++)
            w += cop->L[p][q] * z[q];
        double v = tdm_norm_cdf(w);
        u[cop->idx[p]] = fmin(fmax(v, TDM_UNIFORM_MIN), TDM_UNIFORM_MAX);
    }
}

void
tdm_mc_correlations(const tdm_correlation *c, int nc, const tdm_param *ps, char *buf, size_t len)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < nc && used < len; i++) {
        int w = snprintf(buf + used, len - used, "%s%s~%s=%.15g", i ? ";" : "", ps[c[i].a].name,
                         ps[c[i].b].name, c[i].rho);
        if (w < 0) break;
        used += (size_t)w;
    }
}
