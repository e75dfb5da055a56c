#include "tandem/quantity.h"

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tandem/constants.h"

/*                                    kg  m   s   A   K  mol  $ */
#define D(kg, m, s, a, k, mol, usd)                                                                \
    {                                                                                              \
        {                                                                                          \
            kg, m, s, a, k, mol, usd                                                               \
        }                                                                                          \
    }

struct symbol {
    const char *sym;
    double factor; /* to SI */
    tdm_dim dim;
    bool prefixable;
};

static const struct symbol symbols[] = {
    {"m", 1.0, D(0, 1, 0, 0, 0, 0, 0), true},
    {"g", 1e-3, D(1, 0, 0, 0, 0, 0, 0), true},
    {"t", 1e3, D(1, 0, 0, 0, 0, 0, 0), true}, /* tonne; kt, Mt */
    {"s", 1.0, D(0, 0, 1, 0, 0, 0, 0), true},
    {"min", 60.0, D(0, 0, 1, 0, 0, 0, 0), false},
    {"h", 3600.0, D(0, 0, 1, 0, 0, 0, 0), false},
    {"day", TDM_SECONDS_PER_DAY, D(0, 0, 1, 0, 0, 0, 0), false},
    {"d", TDM_SECONDS_PER_DAY, D(0, 0, 1, 0, 0, 0, 0), false},
    {"yr", TDM_SECONDS_PER_YEAR, D(0, 0, 1, 0, 0, 0, 0), false},
    {"y", TDM_SECONDS_PER_YEAR, D(0, 0, 1, 0, 0, 0, 0), false},
    {"A", 1.0, D(0, 0, 0, 1, 0, 0, 0), true},
    {"K", 1.0, D(0, 0, 0, 0, 1, 0, 0), false},
    {"mol", 1.0, D(0, 0, 0, 0, 0, 1, 0), true},
    {"V", 1.0, D(1, 2, -3, -1, 0, 0, 0), true},
    {"W", 1.0, D(1, 2, -3, 0, 0, 0, 0), true},
    {"J", 1.0, D(1, 2, -2, 0, 0, 0, 0), true},
    {"Wh", 3600.0, D(1, 2, -2, 0, 0, 0, 0), true},
    {"Pa", 1.0, D(1, -1, -2, 0, 0, 0, 0), true},
    {"bar", 1e5, D(1, -1, -2, 0, 0, 0, 0), true},
    {"atm", 101325.0, D(1, -1, -2, 0, 0, 0, 0), false},
    {"psi", 6894.757293168, D(1, -1, -2, 0, 0, 0, 0), false},
    {"L", 1e-3, D(0, 3, 0, 0, 0, 0, 0), true},
    {"ohm", 1.0, D(1, 2, -3, -2, 0, 0, 0), true},
    {"%", 0.01, D(0, 0, 0, 0, 0, 0, 0), false},
    {"dec", 1.0, D(0, 0, 0, 0, 0, 0, 0), false}, /* a decade of current: Tafel slopes, mV/dec */
    {"$", 1.0, D(0, 0, 0, 0, 0, 0, 1), true},    /* k$, M$ */
    {"USD", 1.0, D(0, 0, 0, 0, 0, 0, 1), false},
};

struct prefix {
    const char *p;
    double f;
};

static const struct prefix prefixes[] = {
    {"P", 1e15}, {"T", 1e12}, {"G", 1e9},  {"M", 1e6},         {"k", 1e3},
    {"c", 1e-2}, {"m", 1e-3}, {"u", 1e-6}, {"\xc2\xb5", 1e-6}, {"n", 1e-9},
};

struct kindinfo {
    const char *a; /* its name with its article, "an area": tdm_qkind_name skips the article */
    tdm_dim dim;
    const char *units;
    const char *si;
};

static const struct kindinfo kinds[TDM_Q_COUNT] = {
    [TDM_Q_FRACTION] = {"a fraction", D(0, 0, 0, 0, 0, 0, 0), "a bare number such as 0.45, or 45 %",
                        ""},
    [TDM_Q_TEMPERATURE] = {"a temperature", D(0, 0, 0, 0, 1, 0, 0), "C, K", "K"},
    [TDM_Q_PRESSURE] = {"a pressure", D(1, -1, -2, 0, 0, 0, 0), "bar, kPa, MPa, Pa, atm, psi",
                        "Pa"},
    [TDM_Q_CURRENT] = {"a current", D(0, 0, 0, 1, 0, 0, 0), "A, kA, MA, mA", "A"},
    [TDM_Q_CURRENT_DENSITY] = {"a current density", D(0, -2, 0, 1, 0, 0, 0), "mA/cm2, A/cm2, A/m2",
                               "A/m2"},
    [TDM_Q_VOLTAGE] = {"a voltage", D(1, 2, -3, -1, 0, 0, 0), "V, mV", "V"},
    [TDM_Q_AREA] = {"an area", D(0, 2, 0, 0, 0, 0, 0), "m2, cm2", "m2"},
    [TDM_Q_POWER] = {"a power", D(1, 2, -3, 0, 0, 0, 0), "W, kW, MW", "W"},
    [TDM_Q_MOLAR_FLOW] = {"a molar flow", D(0, 0, -1, 0, 0, 1, 0), "mol/s, kmol/h", "mol/s"},
    [TDM_Q_MASS_FLOW] = {"a mass flow", D(1, 0, -1, 0, 0, 0, 0), "t/day, kg/h, kg/s, t/yr, kt/yr",
                         "kg/s"},
    [TDM_Q_ENERGY_PER_VOLUME] = {"an energy per volume", D(1, -1, -2, 0, 0, 0, 0), "kWh/m3, MJ/m3",
                                 "J/m3"},
    [TDM_Q_ENERGY_PER_MASS] = {"an energy per mass", D(0, 2, -2, 0, 0, 0, 0), "GJ/t, MJ/kg, kWh/kg",
                               "J/kg"},
    [TDM_Q_ENERGY_PER_MOL] = {"an energy per mole", D(1, 2, -2, 0, 0, -1, 0), "kJ/mol, J/mol",
                              "J/mol"},
    [TDM_Q_HEAT_CAPACITY] = {"a molar heat capacity", D(1, 2, -2, 0, -1, -1, 0), "J/(mol K)",
                             "J/(mol K)"},
    [TDM_Q_CONCENTRATION] = {"a concentration", D(1, -3, 0, 0, 0, 0, 0), "g/L, kg/m3", "kg/m3"},
    [TDM_Q_DENSITY] = {"a density", D(1, -3, 0, 0, 0, 0, 0), "kg/m3, g/L", "kg/m3"},
    [TDM_Q_PRODUCTIVITY] = {"a volumetric productivity", D(1, -3, -1, 0, 0, 0, 0),
                            "g/(L h), kg/(m3 h)", "kg/(m3 s)"},
    [TDM_Q_POWER_PER_VOLUME] = {"a power per volume", D(1, -1, -3, 0, 0, 0, 0), "kW/m3, W/L",
                                "W/m3"},
    [TDM_Q_VOLUME] = {"a volume", D(0, 3, 0, 0, 0, 0, 0), "m3, L", "m3"},
    [TDM_Q_AREA_RESISTANCE] = {"an area-specific resistance", D(1, 4, -3, -2, 0, 0, 0),
                               "ohm cm2, ohm m2", "ohm m2"},
    [TDM_Q_RATE] = {"a rate", D(0, 0, -1, 0, 0, 0, 0), "1/h, 1/s", "1/s"},
    [TDM_Q_DURATION] = {"a duration", D(0, 0, 1, 0, 0, 0, 0), "yr, day, h", "s"},
    [TDM_Q_MONEY] = {"an amount of money", D(0, 0, 0, 0, 0, 0, 1), "$, k$, M$", "$"},
    [TDM_Q_MONEY_PER_TIME] = {"a cost per time", D(0, 0, -1, 0, 0, 0, 1), "$/yr, M$/yr", "$/s"},
    [TDM_Q_MONEY_PER_MASS] = {"a cost per mass", D(-1, 0, 0, 0, 0, 0, 1), "$/t, $/kg", "$/kg"},
};

const char *
tdm_qkind_name(tdm_qkind k)
{
    return (unsigned)k < TDM_Q_COUNT ? strchr(kinds[k].a, ' ') + 1 : "?";
}

const char *
tdm_qkind_a(tdm_qkind k)
{
    return (unsigned)k < TDM_Q_COUNT ? kinds[k].a : "?";
}

const char *
tdm_qkind_units(tdm_qkind k)
{
    return (unsigned)k < TDM_Q_COUNT ? kinds[k].units : "?";
}

const char *
tdm_qkind_si(tdm_qkind k)
{
    return (unsigned)k < TDM_Q_COUNT ? kinds[k].si : "?";
}

tdm_dim
tdm_qkind_dim(tdm_qkind k)
{
    return kinds[(unsigned)k < TDM_Q_COUNT ? k : 0].dim;
}

bool
tdm_dim_equal(tdm_dim a, tdm_dim b)
{
    return memcmp(a.e, b.e, sizeof a.e) == 0;
}

static void
why_set(char *why, size_t len, const char *fmt, const char *arg)
{
    if (why && len) snprintf(why, len, fmt, arg);
}

/* The symbol, with or without a prefix, that name spells in other case: true and out filled. */
typedef int (*prefix_cmp)(const char *, const char *, size_t);
static bool
case_twin(const char *name, char *out, size_t n)
{
    for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++)
        if (!strcasecmp(symbols[i].sym, name)) {
            snprintf(out, n, "%s", symbols[i].sym);
            return true;
        }
    /* first with the prefix as written (`ma`: milli, so mA), then in any case */
    for (int exact = 1; exact >= 0; exact--)
        for (size_t p = 0; p < sizeof prefixes / sizeof *prefixes; p++) {
            size_t pl = strlen(prefixes[p].p);
            prefix_cmp cmp = exact ? strncmp : strncasecmp;
            if (cmp(prefixes[p].p, name, pl) != 0) continue;
            for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++)
                if (symbols[i].prefixable && !strcasecmp(symbols[i].sym, name + pl)) {
                    snprintf(out, n, "%s%s", prefixes[p].p, symbols[i].sym);
                    return true;
                }
        }
    return false;
}

/* "unknown unit `hr` (write `h`)"; a gauge pressure is named as such, since the
 * absolute pressure it stands for is not its number in bar. */
static void
unknown_unit(char *why, size_t len, const char *name)
{
    if (!why || !len) return;
    if (!strcmp(name, "barg") || !strcmp(name, "psig")) {
        snprintf(why, len,
                 "`%s` is a gauge pressure; give the absolute pressure (bar, kPa, psi: the "
                 "gauge reading plus 1.01325 bar)",
                 name);
        return;
    }
    /* the spellings people write for tandem's units (a guess from edit distance would offer
     * amperes for `a`, the annum) */
    static const char *const usual[][2] = {
        {"hr", "h"},    {"hrs", "h"},    {"hour", "h"},    {"sec", "s"},     {"a", "yr"},
        {"year", "yr"}, {"days", "day"}, {"tpd", "t/day"}, {"Kmol", "kmol"}, {"Kg", "kg"},
        {"KW", "kW"},   {"Kw", "kW"},    {"kw", "kW"},     {"mw", "MW"},     {"volt", "V"},
        {"volts", "V"}, {"amp", "A"},    {"amps", "A"},    {"ton", "t"},     {"tons", "t"},
        {"tonne", "t"}, {"tonnes", "t"},
    };
    for (size_t i = 0; i < sizeof usual / sizeof *usual; i++)
        if (!strcmp(name, usual[i][0])) {
            snprintf(why, len, "unknown unit `%s` (write `%s`)", name, usual[i][1]);
            return;
        }
    if (!strcmp(name, "Nm")) {
        snprintf(why, len,
                 "normal cubic metres are not a unit here; give the gas as mol (1 Nm3 is 44.6 "
                 "mol at 0 C and 1 atm)");
        return;
    }
    /* a known symbol in other case: `ma` for mA, `MT` for Mt (the larger prefix first) */
    char cased[32];
    if (case_twin(name, cased, sizeof cased)) {
        snprintf(why, len, "unknown unit `%s` (write `%s`: unit symbols are case-sensitive)", name,
                 cased);
        return;
    }
    snprintf(why, len, "unknown unit `%s`", name);
}

/* One symbol with optional prefix: exact match first ("min", "mol", "Pa"), then prefix +
 * prefixable symbol ("mA", "kWh", "Mt", "cm"). */
static const struct symbol *
lookup(const char *s, size_t n, double *prefix)
{
    for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++)
        if (strlen(symbols[i].sym) == n && strncmp(symbols[i].sym, s, n) == 0) {
            *prefix = 1.0;
            return &symbols[i];
        }
    for (size_t p = 0; p < sizeof prefixes / sizeof *prefixes; p++) {
        size_t pl = strlen(prefixes[p].p);
        if (pl >= n || strncmp(prefixes[p].p, s, pl) != 0) continue;
        for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++)
            if (symbols[i].prefixable && strlen(symbols[i].sym) == n - pl &&
                strncmp(symbols[i].sym, s + pl, n - pl) == 0) {
                *prefix = prefixes[p].f;
                return &symbols[i];
            }
    }
    return NULL;
}

static bool
is_symbol_char(unsigned char c)
{
    return isalpha(c) || c == '$' || c == '%' || c >= 0x80;
}

int
tdm_unit_parse(const char *unit, double *factor, tdm_dim *dim, char *why, size_t whylen)
{
    double f = 1.0;
    tdm_dim d = {{0}};
    const char *p = unit;
    int sign = 1;       /* +1 numerator, -1 after '/' */
    int group = 0;      /* inside "/( ... )" */
    bool expect = true; /* a factor is expected next */
    int nfactors = 0;
    if (strstr(unit, "\xc2\xa0")) { /* U+00A0, which word processors put after numbers */
        why_set(why, whylen, "a non-breaking space in `%s`; type a plain space", unit);
        return -1;
    }
    while (*p == ' ')
        p++;
    if (*p == '\0') {
        *factor = 1.0;
        *dim = d;
        return 0;
    }
    if (p[0] == '1' && p[1] == '/') { /* "1/h": a reciprocal */
        sign = -1;
        p += 2;
    }
    while (*p) {
        if (expect) {
            if (*p == '(' && sign < 0 && !group) {
                group = 1;
                p++;
                continue;
            }
            const char *s = p;
            while (*p && is_symbol_char((unsigned char)*p))
                p++;
            size_t n = (size_t)(p - s);
            if (n == 0) {
                why_set(why, whylen, "unexpected character in unit at `%s`", s);
                return -1;
            }
            double pf;
            const struct symbol *sym = lookup(s, n, &pf);
            if (!sym) {
                char name[64];
                snprintf(name, sizeof name, "%.*s", (int)(n < 40 ? n : 40), s);
                unknown_unit(why, whylen, name);
                return -1;
            }
            int exp = 1;
            bool caret = *p == '^';
            if (caret) p++;
            if (caret || *p == '-' || isdigit((unsigned char)*p)) {
                int neg = 0;
                if (*p == '-') {
                    neg = 1;
                    p++;
                }
                if (!isdigit((unsigned char)*p) || isdigit((unsigned char)p[1])) {
                    why_set(why, whylen, "bad exponent in unit `%s`", unit);
                    return -1;
                }
                exp = *p - '0';
                p++;
                if (neg) exp = -exp;
            }
            if (exp == 0) {
                why_set(why, whylen, "zero exponent in unit `%s`", unit);
                return -1;
            }
            /* no unit in use has more than a handful of factors or powers above 4: these
             * limits keep the factor finite and the powers in range, whatever the text */
            if (++nfactors > 16) {
                why_set(why, whylen, "unit `%.60s...` has more than 16 factors", unit);
                return -1;
            }
            int e = sign * exp;
            f *= pow(pf * sym->factor, e);
            for (int k = 0; k < TDM_NDIM; k++) {
                int v = d.e[k] + e * sym->dim.e[k];
                if (v > 12 || v < -12) {
                    why_set(why, whylen, "unit `%s` raises a dimension above the 12th power", unit);
                    return -1;
                }
                d.e[k] = (signed char)v;
            }
            expect = false;
            if (!group) sign = 1;
            continue;
        }
        /* between factors */
        if (*p == ')' && group) {
            group = 0;
            sign = 1;
            p++;
            continue;
        }
        if (*p == ' ') {
            while (*p == ' ')
                p++;
            if (*p == '/' || *p == '*' || *p == '.' || *p == ')' || *p == '\0') continue;
            expect = true; /* "mol K" multiplies */
            continue;
        }
        if (*p == '*' || *p == '.') {
            p++;
            while (*p == ' ')
                p++;
            expect = true;
            continue;
        }
        if (*p == '/') {
            if (group) {
                why_set(why, whylen, "'/' inside parentheses in unit `%s`", unit);
                return -1;
            }
            p++;
            while (*p == ' ')
                p++;
            sign = -1;
            expect = true;
            continue;
        }
        why_set(why, whylen, "unexpected character in unit at `%s`", p);
        return -1;
    }
    if (expect || group) {
        why_set(why, whylen, "unit `%s` is incomplete", unit);
        return -1;
    }
    if (!(isfinite(f) && f > 0)) {
        why_set(why, whylen, "unit `%s` is out of the range of numbers", unit);
        return -1;
    }
    *factor = f;
    *dim = d;
    return 0;
}

static bool
is_temperature_unit(const char *u, double *offset)
{
    if (strcmp(u, "C") == 0 || strcmp(u, "degC") == 0 ||
        strcmp(u, "\xc2\xb0"
                  "C") == 0) {
        *offset = 273.15;
        return true;
    }
    if (strcmp(u, "K") == 0) {
        *offset = 0.0;
        return true;
    }
    return false;
}

static int parse(const char *text, double *si, tdm_dim *dim, char *why, size_t whylen,
                 bool difference);

int
tdm_quantity_parse(const char *text, double *si, tdm_dim *dim, char *why, size_t whylen)
{
    return parse(text, si, dim, why, whylen, false);
}

int
tdm_quantity_parse_difference(const char *text, double *si, tdm_dim *dim, char *why, size_t whylen)
{
    return parse(text, si, dim, why, whylen, true);
}

/* difference: a temperature in C is a difference of as many kelvin, without the offset. */
static int
parse(const char *text, double *si, tdm_dim *dim, char *why, size_t whylen, bool difference)
{
    const char *p = text;
    while (*p == ' ' || *p == '\t')
        p++;
    /* Only plain decimal numbers: strtod alone would take "nan", "inf" and hex. */
    const char *q = p;
    if (*q == '+' || *q == '-') q++;
    if (!(isdigit((unsigned char)*q) || (*q == '.' && isdigit((unsigned char)q[1])))) {
        if (!strncmp(q, "\xe2\x88\x92", 3) || !strncmp(q, "\xe2\x80\x93", 3))
            why_set(why, whylen, "`%s` starts with a typographic dash; type a plain `-`", text);
        else
            why_set(why, whylen, "`%s` does not start with a number", text);
        return -1;
    }
    if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
        why_set(why, whylen, "`%s`: hexadecimal numbers are not accepted", text);
        return -1;
    }
    char *end;
    errno = 0;
    double v = strtod(p, &end);
    if (!isfinite(v)) {
        why_set(why, whylen, "`%s` is too large to represent", text);
        return -1;
    }
    if (errno == ERANGE && fabs(v) < DBL_MIN) {
        /* 1e-400 would read as 0 (or a subnormal) without a word */
        why_set(why, whylen, "`%s` is too small to represent (below 1e-308)", text);
        return -1;
    }
    while (*end == ' ' || *end == '\t')
        end++;
    char unit[128];
    size_t n = strlen(end);
    while (n && (end[n - 1] == ' ' || end[n - 1] == '\t'))
        n--;
    if (n >= sizeof unit) {
        why_set(why, whylen, "%s", "unit is too long");
        return -1;
    }
    memcpy(unit, end, n);
    unit[n] = '\0';
    double offset;
    if (is_temperature_unit(unit, &offset)) {
        *si = difference ? v : v + offset;
        *dim = (tdm_dim){{0, 0, 0, 0, 1, 0, 0}};
        return 0;
    }
    double f;
    if (tdm_unit_parse(unit, &f, dim, why, whylen)) return -1;
    double r = v * f;
    if (!isfinite(r)) {
        why_set(why, whylen, "`%s` is too large to represent", text);
        return -1;
    }
    *si = r;
    return 0;
}

double
tdm_from_si(double si, const char *unit)
{
    double f = 1.0;
    tdm_dim d;
    if (tdm_unit_parse(unit, &f, &d, NULL, 0)) return si;
    return si / f;
}

double
tdm_quantity_shown(double si, const char *unit)
{
    return !strcmp(unit, "C") || !strcmp(unit, "degC") ? si - 273.15
           : unit[0] && strcmp(unit, "K")              ? tdm_from_si(si, unit)
                                                       : si;
}

void
tdm_quantity_text(char *buf, size_t n, double si, const char *unit, const char *suffix)
{
    snprintf(buf, n, "%.17g%s%s%s", tdm_quantity_shown(si, unit), unit[0] ? " " : "", unit,
             suffix ? suffix : "");
}
