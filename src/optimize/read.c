/* read.c: the [optimize] section and its command-line additions, checked against the
 * flowsheet before anything is solved. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "text.h"
#include "tandem/species.h"
#include "tandem/unit.h"

int
tdm_opt_errorf(const tdm_opt_problem *p, enum tdm_error_class cls, int line, tdm_error *err,
               const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0) return tdm_errorf_in(err, cls, p->path, line, "optimize", "%s", msg);
    if (line == 0) return tdm_errorf(err, cls, NULL, 0, "command line: %s", msg);
    return tdm_errorf_in(err, cls, p->path, 0, "optimize", "%s", msg);
}

#define fail(p, line, err, ...) tdm_opt_errorf(p, TDM_EINPUT, line, err, __VA_ARGS__)

/* The display unit written after a number ("100 t/day" -> "t/day"), in the arena. */
static const char *
unit_text(tdm_arena *a, const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    char *u = tdm_arena_alloc(a, n + 1);
    if (!u) return NULL;
    memcpy(u, s, n);
    u[n] = '\0';
    return u;
}

/* "LO .. HI [unit]": both numbers in SI (HI may be `inf`). */
static int
read_range(const tdm_opt_problem *p, tdm_arena *a, const tdm_kv *kv, tdm_opt_var *v, tdm_error *err)
{
    const char *dots = strstr(kv->value, "..");
    if (!dots)
        return fail(p, kv->line, err,
                    "`%s = %s`: write the range as `LO .. HI unit`, e.g. "
                    "`50 .. 200 t/day`",
                    kv->key, kv->value);
    char lo[64];
    size_t n = (size_t)(dots - kv->value);
    if (n >= sizeof lo)
        return fail(p, kv->line, err, "`%s`: the lower bound is longer than %zu characters",
                    kv->key, sizeof lo - 1);
    memcpy(lo, kv->value, n);
    lo[n] = '\0';
    const char *hi = dots + 2;
    while (isspace((unsigned char)*hi))
        hi++;
    /* the unit follows the upper bound */
    char *end;
    bool inf = strncmp(hi, "inf", 3) == 0 && (!hi[3] || isspace((unsigned char)hi[3]));
    if (inf)
        end = (char *)hi + 3;
    else
        strtod(hi, &end);
    v->unit = unit_text(a, end);
    if (!v->unit) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    char buf[160], why[160];
    tdm_dim d1, d2;
    snprintf(buf, sizeof buf, "%s %s", lo, v->unit);
    if (tdm_quantity_parse(buf, &v->lo, &d1, why, sizeof why))
        return fail(p, kv->line, err, "`%s`: lower bound `%s`: %s", kv->key, buf, why);
    if (inf) {
        v->hi = HUGE_VAL;
        d2 = d1;
    } else {
        snprintf(buf, sizeof buf, "%.*s", (int)(end - hi), hi);
        char b2[400];
        snprintf(b2, sizeof b2, "%s %s", buf, v->unit);
        if (tdm_quantity_parse(b2, &v->hi, &d2, why, sizeof why))
            return fail(p, kv->line, err, "`%s`: upper bound `%s`: %s", kv->key, b2, why);
    }
    if (!(v->lo < v->hi))
        return fail(p, kv->line, err, "`%s = %s`: the lower bound must be below the upper", kv->key,
                    kv->value);
    return 0;
}

static int
read_vary(tdm_opt_problem *p, const tdm_flowsheet *fs, tdm_arena *a, const tdm_kv *kv,
          tdm_error *err)
{
    if (p->nvars == TDM_OPT_MAX_VARS)
        return fail(p, kv->line, err, "too many `vary.*` keys (limit %d)", TDM_OPT_MAX_VARS);
    tdm_opt_var *v = &p->var[p->nvars];
    memset(v, 0, sizeof *v);
    v->line = kv->line;
    int ui = tdm_flowsheet_unit_key(fs, kv->key + 5, &v->key);
    if (ui < 0)
        return fail(p, kv->line, err,
                    "`%s`: no unit of the flowsheet in `%s` (write "
                    "vary.UNIT.KEY)",
                    kv->key, kv->key + 5);
    const tdm_unit *u = tdm_flowsheet_unit(fs, ui);
    v->unit_name = u->name;
    if (!tdm_ini_kv(u->sec, v->key))
        return fail(p, kv->line, err,
                    "`%s`: [%s] does not set `%s`; only a key the file gives can be released "
                    "(give it a starting value)",
                    kv->key, v->unit_name, v->key);
    const char *why = tdm_flowsheet_stays(fs, v->unit_name, v->key);
    if (why) return fail(p, kv->line, err, "`%s` cannot vary alone: %s", kv->key, why);
    for (int i = 0; i < p->nvars; i++)
        if (!strcmp(p->var[i].unit_name, v->unit_name) && !strcmp(p->var[i].key, v->key))
            return fail(p, kv->line, err, "`%s` is released twice", kv->key);
    if (read_range(p, a, kv, v, err)) return -1;
    p->nvars++;
    return 0;
}

static int
stream_find(const tdm_flowsheet *fs, const char *name, size_t len)
{
    for (int s = 0; s < tdm_flowsheet_nstreams(fs); s++) {
        const char *n = tdm_flowsheet_stream_name(fs, s);
        if (strlen(n) == len && !strncmp(n, name, len)) return s;
    }
    return -1;
}

/* A species of the flowsheet by name: its column order, or -1. */
static int
local_species(const tdm_flowsheet *fs, const char *name)
{
    int id = tdm_flowsheet_find_species(fs, name);
    for (int k = 0; id >= 0 && k < tdm_flowsheet_nspecies(fs); k++)
        if (tdm_flowsheet_species(fs, k) == id) return k;
    return -1;
}

static int
read_limit(tdm_opt_problem *p, const tdm_flowsheet *fs, tdm_arena *a, const tdm_kv *kv,
           tdm_error *err)
{
    if (p->nlimits == TDM_OPT_MAX_LIMITS)
        return fail(p, kv->line, err, "too many limits (limit %d)", TDM_OPT_MAX_LIMITS);
    tdm_opt_limit *l = &p->limit[p->nlimits];
    memset(l, 0, sizeof *l);
    l->key = kv->key;
    l->line = kv->line;
    l->upper = kv->key[1] == 'a';
    l->species = l->stream = -1;
    const char *m = kv->key + 4;
    tdm_dim want = {{0}};
    const char *si_unit = "";
    if (!strcmp(m, "electricity") || !strcmp(m, "heat") || !strcmp(m, "energy")) {
        l->metric = m[0] == 'e' && m[1] == 'l' ? TDM_MET_ELECTRICITY
                    : m[0] == 'h'              ? TDM_MET_HEAT
                                               : TDM_MET_ENERGY;
        want = tdm_qkind_dim(TDM_Q_POWER);
        si_unit = "MW";
        if (!l->upper)
            return fail(p, kv->line, err, "`%s`: %s can only be limited from above (max.%s)",
                        kv->key, m, m);
    } else if (!strcmp(m, "emissions")) {
        /* a rate (t/day of CO2e) or per tonne of the main product (t/t, kg/kg) */
        l->metric = TDM_MET_EMISSIONS;
        if (!l->upper)
            return fail(p, kv->line, err,
                        "`%s`: emissions can only be limited from above (max.emissions)", kv->key);
        char why[160];
        tdm_dim d;
        double v;
        if (!tdm_quantity_parse(kv->value, &v, &d, why, sizeof why) &&
            tdm_dim_equal(d, (tdm_dim){{0}})) {
            l->per_product = true;
            si_unit = "t/t";
        } else {
            want = tdm_qkind_dim(TDM_Q_MASS_FLOW);
            si_unit = "t/day";
        }
    } else if (!strcmp(m, "product")) {
        l->metric = TDM_MET_PRODUCT;
        want = tdm_qkind_dim(TDM_Q_MASS_FLOW);
        si_unit = "t/day";
    } else if (!strncmp(m, "feed.", 5) || !strncmp(m, "output.", 7)) {
        l->metric = m[0] == 'f' ? TDM_MET_FEED : TDM_MET_OUTPUT;
        const char *sp = strchr(m, '.') + 1;
        l->species = local_species(fs, sp);
        if (l->species < 0)
            return fail(p, kv->line, err, "`%s`: the flowsheet has no species `%s`", kv->key, sp);
        want = tdm_qkind_dim(TDM_Q_MASS_FLOW);
        si_unit = "t/day";
    } else if (!strncmp(m, "purity.", 7)) {
        l->metric = TDM_MET_PURITY;
        if (l->upper)
            return fail(p, kv->line, err, "`%s`: purity is a lower limit (min.purity.STREAM.X)",
                        kv->key);
        const char *s = m + 7, *dot = strrchr(s, '.');
        if (!dot || dot == s)
            return fail(p, kv->line, err, "`%s`: write min.purity.STREAM.SPECIES", kv->key);
        l->stream = stream_find(fs, s, (size_t)(dot - s));
        if (l->stream < 0)
            return fail(p, kv->line, err, "`%s`: the flowsheet has no stream `%.*s`", kv->key,
                        (int)(dot - s), s);
        l->species = local_species(fs, dot + 1);
        if (l->species < 0)
            return fail(p, kv->line, err, "`%s`: the flowsheet has no species `%s`", kv->key,
                        dot + 1);
    } else {
        return fail(p, kv->line, err,
                    "unknown limit `%s`; limits are max./min. electricity, heat, energy, "
                    "product, feed.SPECIES, output.SPECIES, min.purity.STREAM.SPECIES and "
                    "max.emissions",
                    kv->key);
    }
    char why[160];
    tdm_dim d;
    if (tdm_quantity_parse(kv->value, &l->bound, &d, why, sizeof why))
        return fail(p, kv->line, err, "`%s = %s`: %s", kv->key, kv->value, why);
    if (!tdm_dim_equal(d, want))
        return fail(p, kv->line, err, "`%s = %s`: wrong unit; give %s", kv->key, kv->value,
                    l->metric == TDM_MET_PURITY      ? "a mole fraction (0.99 or 99 %)"
                    : si_unit[0] == 'M'              ? "a power (MW, kW)"
                    : l->metric == TDM_MET_EMISSIONS ? "CO2e per tonne of product (t/t) or a "
                                                       "rate (t/day)"
                                                     : "a mass flow (t/day, kg/s)");
    /* emissions per tonne may be below zero (a plant that binds more CO2 than it emits) */
    if ((l->bound < 0 && !l->per_product) || (l->metric == TDM_MET_PURITY && l->bound > 1))
        return fail(p, kv->line, err, "`%s = %s` is out of range", kv->key, kv->value);
    double num;
    char *end;
    num = strtod(kv->value, &end);
    (void)num;
    l->unit = unit_text(a, end);
    if (!l->unit) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    if (!l->unit[0] && l->metric != TDM_MET_PURITY) l->unit = si_unit;
    if (l->metric == TDM_MET_PURITY) l->unit = "";
    p->nlimits++;
    return 0;
}

static int
read_explain(tdm_opt_problem *p, const tdm_flowsheet *fs, const tdm_kv *kv, tdm_error *err)
{
    if (p->nexplain == TDM_OPT_MAX_EXPLAIN)
        return fail(p, kv->line, err, "too many `explain.*` keys (limit %d)", TDM_OPT_MAX_EXPLAIN);
    tdm_opt_explain *e = &p->explain[p->nexplain];
    memset(e, 0, sizeof *e);
    e->line = kv->line;
    e->step = kv->value;
    int ui = tdm_flowsheet_unit_key(fs, kv->key + 8, &e->key);
    if (ui < 0)
        return fail(p, kv->line, err,
                    "`%s`: no unit of the flowsheet in `%s` (write "
                    "explain.UNIT.KEY = STEP)",
                    kv->key, kv->key + 8);
    const tdm_unit *u = tdm_flowsheet_unit(fs, ui);
    e->unit_name = u->name;
    if (!tdm_ini_kv(u->sec, e->key))
        return fail(p, kv->line, err, "`%s`: [%s] does not set `%s`", kv->key, e->unit_name,
                    e->key);
    double v;
    tdm_dim d;
    char why[160];
    if (tdm_quantity_parse(kv->value, &v, &d, why, sizeof why) || v == 0)
        return fail(p, kv->line, err,
                    "`%s = %s`: give a non-zero step with its unit, e.g. "
                    "`0.01` for one point of a fraction",
                    kv->key, kv->value);
    p->nexplain++;
    return 0;
}

static int
read_kv(tdm_opt_problem *p, const tdm_flowsheet *fs, tdm_arena *a, const tdm_kv *kv, tdm_error *err)
{
    if (!strcmp(kv->key, "objective")) {
        const tdm_objective_info *obj = tdm_objective_find(kv->value);
        if (!obj) {
            char list[200] = "";
            for (int i = 0; tdm_objective_at(i); i++) {
                size_t l = strlen(list);
                snprintf(list + l, sizeof list - l, "%s%s",
                         i == 0                    ? ""
                         : tdm_objective_at(i + 1) ? ", "
                                                   : " or ",
                         tdm_objective_at(i)->key);
            }
            return fail(p, kv->line, err, "unknown objective `%s` (%s)", kv->value, list);
        }
        p->objective = obj->id;
        p->objective_line = kv->line;
        return 0;
    }
    if (!strcmp(kv->key, "iterations")) {
        char *end;
        long n = strtol(kv->value, &end, 10);
        if (*end || n < 1 || n > 1000)
            return fail(p, kv->line, err, "`iterations` takes a whole number from 1 to 1000");
        p->max_iterations = (int)n;
        return 0;
    }
    if (!strncmp(kv->key, "vary.", 5)) return read_vary(p, fs, a, kv, err);
    if (!strncmp(kv->key, "max.", 4) || !strncmp(kv->key, "min.", 4))
        return read_limit(p, fs, a, kv, err);
    if (!strncmp(kv->key, "explain.", 8)) return read_explain(p, fs, kv, err);
    static const char *const keys[] = {"objective",  "iterations", "vary.UNIT.KEY",
                                       "max.METRIC", "min.METRIC", "explain.UNIT.KEY"};
    char msg[400];
    tdm_text_unknown_key(msg, sizeof msg, kv->key, NULL, keys, 6);
    return fail(p, kv->line, err, "%s", msg);
}

int
tdm_opt_read(tdm_opt_problem *p, const tdm_flowsheet *fs, const tdm_section *sec,
             const tdm_kv *extra, int nextra, tdm_error *err)
{
    memset(p, 0, sizeof *p);
    p->path = tdm_flowsheet_path(fs);
    p->objective = TDM_OBJ_MIN_ENERGY;
    p->objective_line = -1; /* the default: no line */
    p->max_iterations = 50;
    tdm_arena *a = tdm_flowsheet_arena(fs);
    for (int i = 0; sec && i < sec->nkv; i++)
        if (read_kv(p, fs, a, &sec->kv[i], err)) return -1;
    for (int i = 0; i < nextra; i++) {
        /* a command-line key replaces the section's */
        const tdm_kv *kv = &extra[i];
        if (!strncmp(kv->key, "vary.", 5) || !strncmp(kv->key, "max.", 4) ||
            !strncmp(kv->key, "min.", 4)) {
            for (int j = 0; !strncmp(kv->key, "vary.", 5) && j < p->nvars; j++)
                if (p->var[j].line > 0 &&
                    !strncmp(kv->key + 5, p->var[j].unit_name, strlen(p->var[j].unit_name)) &&
                    !strcmp(kv->key + 6 + strlen(p->var[j].unit_name), p->var[j].key)) {
                    p->var[j] = p->var[--p->nvars];
                    break;
                }
            for (int j = 0; j < p->nlimits; j++)
                if (!strcmp(p->limit[j].key, kv->key)) {
                    p->limit[j] = p->limit[--p->nlimits];
                    break;
                }
        }
        if (read_kv(p, fs, a, kv, err)) return -1;
    }
    return 0;
}
