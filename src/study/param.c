/* param.c: parameters addressed by name, their distributions, and the deterministic
 * random numbers behind Monte Carlo. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "text.h"
#include "tandem/quantity.h"
#include "tandem/study.h"
#include "tandem/tea.h"
#include "tandem/unit.h"

/* ---- random numbers ------------------------------------------------------------------ */

/* SplitMix64 (Steele, Lea and Flood, OOPSLA 2014): a bijective 64-bit mixer. */
static uint64_t
mix(uint64_t z)
{
    z += 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

double
tdm_uniform(uint64_t seed, uint64_t i, uint64_t j)
{
    uint64_t z = mix(mix(mix(seed) ^ i) ^ (j * 0xd1b54a32d192ed03u));
    /* 53 random bits, offset by half a step: never 0; the top one, 2^53 - 0.5, rounds to
     * 2^53 and would give 1, so it is moved down half a step */
    double u = ((double)(z >> 11) + 0.5) * 0x1.0p-53;
    return u < 1 ? u : TDM_UNIFORM_MAX;
}

/* A permutation of 0..n-1 keyed by key: a four-round Feistel network on the smallest even
 * number of bits holding n, walking each cycle back into 0..n-1 (Black and Rogaway,
 * "Ciphers with arbitrary finite domains", CT-RSA 2002), so that pi(i) is found from i
 * alone, without the table of n entries a shuffle needs. */
static uint64_t
permute(uint64_t i, uint64_t n, uint64_t key)
{
    int half = 1;
    while ((UINT64_C(1) << (2 * half)) < n)
        half++;
    uint64_t mask = (UINT64_C(1) << half) - 1;
    do {
        uint64_t l = i >> half, r = i & mask;
        for (uint64_t round = 0; round < 4; round++) {
            uint64_t t = l ^ (mix(key ^ (round << 32) ^ r) & mask);
            l = r;
            r = t;
        }
        i = l << half | r;
    } while (i >= n);
    return i;
}

double
tdm_lhs_uniform(uint64_t seed, uint64_t i, uint64_t j, uint64_t n)
{
    uint64_t stratum = permute(i, n, mix(mix(seed ^ 0x4c48535f6c687321u) ^ (j + 1)));
    double u = ((double)stratum + tdm_uniform(seed, i, j)) / (double)n;
    return u < TDM_UNIFORM_MIN ? TDM_UNIFORM_MIN : u > TDM_UNIFORM_MAX ? TDM_UNIFORM_MAX : u;
}

/* Sobol's sequence: the direction numbers of dimensions 2 to 32 from Joe and Kuo's
 * new-joe-kuo-6.21201 (S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
 * two-dimensional projections", SIAM J. Sci. Comput. 30, 2635-2654, 2008): the degree s of
 * the primitive polynomial, its coefficients a, the initial numbers m_1 .. m_s. Dimension 1
 * is van der Corput's (every m = 1). */
static const struct {
    unsigned char s;
    unsigned char a;
    unsigned char m[7];
} joe_kuo[TDM_SOBOL_MAX_DIMS - 1] = {
    {1, 0, {1}},
    {2, 1, {1, 3}},
    {3, 1, {1, 3, 1}},
    {3, 2, {1, 1, 1}},
    {4, 1, {1, 1, 3, 3}},
    {4, 4, {1, 3, 5, 13}},
    {5, 2, {1, 1, 5, 5, 17}},
    {5, 4, {1, 1, 5, 5, 5}},
    {5, 7, {1, 1, 7, 11, 19}},
    {5, 11, {1, 1, 5, 1, 1}},
    {5, 13, {1, 1, 1, 3, 11}},
    {5, 14, {1, 3, 5, 5, 31}},
    {6, 1, {1, 3, 3, 9, 7, 49}},
    {6, 13, {1, 1, 1, 15, 21, 21}},
    {6, 16, {1, 3, 1, 13, 27, 49}},
    {6, 19, {1, 1, 1, 15, 7, 5}},
    {6, 22, {1, 3, 1, 15, 13, 25}},
    {6, 25, {1, 1, 5, 5, 19, 61}},
    {7, 1, {1, 3, 7, 11, 23, 15, 103}},
    {7, 4, {1, 3, 7, 13, 13, 15, 69}},
    {7, 7, {1, 1, 3, 13, 7, 35, 63}},
    {7, 8, {1, 3, 5, 9, 1, 25, 53}},
    {7, 14, {1, 3, 1, 13, 9, 35, 107}},
    {7, 19, {1, 3, 1, 5, 27, 61, 31}},
    {7, 21, {1, 1, 5, 11, 19, 41, 61}},
    {7, 28, {1, 3, 5, 3, 3, 13, 69}},
    {7, 31, {1, 1, 7, 13, 1, 19, 1}},
    {7, 32, {1, 3, 7, 5, 13, 19, 59}},
    {7, 37, {1, 1, 3, 9, 25, 29, 41}},
    {7, 41, {1, 3, 5, 13, 23, 1, 55}},
    {7, 42, {1, 3, 7, 3, 13, 59, 17}},
};

uint32_t
tdm_sobol_point(uint64_t i, int j)
{
    /* the direction numbers v_1 .. v_32 of dimension j, scaled by 2^32 (Bratley and Fox's
     * recurrence), XORed for the bits of i's Gray code */
    uint32_t v[33];
    int s = j == 0 ? 32 : joe_kuo[j - 1].s;
    for (int k = 1; k <= 32 && k <= s; k++)
        v[k] = (uint32_t)(j == 0 ? 1 : joe_kuo[j - 1].m[k - 1]) << (32 - k);
    for (int k = s + 1; k <= 32; k++) {
        v[k] = v[k - s] ^ (v[k - s] >> s);
        for (int t = 1; t < s; t++)
            if ((joe_kuo[j - 1].a >> (s - 1 - t)) & 1) v[k] ^= v[k - t];
    }
    uint64_t g = i ^ (i >> 1);
    uint32_t x = 0;
    for (int k = 1; g && k <= 32; k++, g >>= 1)
        if (g & 1) x ^= v[k];
    return x;
}

double
tdm_sobol_seq_uniform(uint64_t seed, uint64_t i, int j)
{
    /* a random digital shift of 53 bits, keyed by the seed and the dimension: the point's
     * 32 bits XORed with the shift's top ones, a random place within its cell of 2^-32 below */
    uint64_t shift = mix(mix(seed ^ 0x536f626f6c5f7368u) ^ (uint64_t)(j + 1)) >> 11;
    uint64_t z = ((uint64_t)tdm_sobol_point(i, j) << 21) ^ shift;
    double u = ((double)z + 0.5) * 0x1.0p-53;
    return u < TDM_UNIFORM_MIN ? TDM_UNIFORM_MIN : u > TDM_UNIFORM_MAX ? TDM_UNIFORM_MAX : u;
}

/* ---- the normal distribution --------------------------------------------------------- */

double
tdm_norm_cdf(double x)
{
    return 0.5 * erfc(-x / sqrt(2.0));
}

double
tdm_norm_quantile(double u)
{
    /* Acklam's rational approximation (relative error 1.15e-9), then one Halley step on
     * the exact distribution function. */
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                               3.754408661907416e+00};
    if (!(u > 0)) return -HUGE_VAL;
    if (!(u < 1)) return HUGE_VAL;
    double x;
    if (u < 0.02425) {
        double q = sqrt(-2 * log(u));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (u > 1 - 0.02425) {
        double q = sqrt(-2 * log(1 - u));
        x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
            ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else {
        double q = u - 0.5, r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
            (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    double e = tdm_norm_cdf(x) - u;
    double g = e * 2.5066282746310002 * exp(x * x / 2); /* sqrt(2 pi) */
    return x - g / (1 + x * g / 2);
}

/* ---- distributions ------------------------------------------------------------------- */

/* The distribution function, for truncation. */
static double
cdf(const tdm_param *p, double x)
{
    switch (p->dist) {
    case TDM_DIST_FIXED:
        return x < p->a ? 0 : 1;
    case TDM_DIST_UNIFORM:
        return x <= p->a ? 0 : x >= p->b ? 1 : (x - p->a) / (p->b - p->a);
    case TDM_DIST_TRIANGULAR: {
        double lo = p->a, m = p->b, hi = p->c;
        if (x <= lo) return 0;
        if (x >= hi) return 1;
        if (x <= m) return (x - lo) * (x - lo) / ((hi - lo) * (m - lo));
        return 1 - (hi - x) * (hi - x) / ((hi - lo) * (hi - m));
    }
    case TDM_DIST_NORMAL:
        return tdm_norm_cdf((x - p->a) / p->b);
    case TDM_DIST_LOGNORMAL:
        return x <= 0 ? 0 : tdm_norm_cdf(log(x / p->a) / p->b);
    }
    return NAN;
}

static double
quantile(const tdm_param *p, double u)
{
    switch (p->dist) {
    case TDM_DIST_FIXED:
        return p->a;
    case TDM_DIST_UNIFORM:
        return p->a + u * (p->b - p->a);
    case TDM_DIST_TRIANGULAR: {
        double lo = p->a, m = p->b, hi = p->c, fm = (m - lo) / (hi - lo);
        return u < fm ? lo + sqrt(u * (hi - lo) * (m - lo))
                      : hi - sqrt((1 - u) * (hi - lo) * (hi - m));
    }
    case TDM_DIST_NORMAL:
        return p->a + p->b * tdm_norm_quantile(u);
    case TDM_DIST_LOGNORMAL:
        return p->a * exp(p->b * tdm_norm_quantile(u));
    }
    return NAN;
}

double
tdm_param_quantile(const tdm_param *p, double u)
{
    /* truncation: invert within [F(lo), F(hi)] */
    double flo = isfinite(p->lo) ? cdf(p, p->lo) : 0, fhi = isfinite(p->hi) ? cdf(p, p->hi) : 1;
    double x = quantile(p, flo + u * (fhi - flo));
    return fmin(fmax(x, p->lo), p->hi);
}

/* ---- reading --------------------------------------------------------------------------- */

static int bad(const char *file, int line, tdm_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
bad(const char *file, int line, tdm_error *err, const char *fmt, ...)
{
    char msg[800];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0) return tdm_errorf(err, TDM_EINPUT, file, line, "%s", msg);
    return tdm_errorf(err, TDM_EINPUT, NULL, 0, "command line: %s", msg);
}

/* The number at the start of a value ("0.95, rest" -> 0.95 and ", rest"), its unit text. */
static int
split_value(tdm_arena *a, const char *value, double *si, tdm_dim *dim, const char **unit,
            const char **suffix)
{
    const char *comma = strchr(value, ',');
    size_t n = comma ? (size_t)(comma - value) : strlen(value);
    char buf[200], why[120];
    if (n >= sizeof buf) return -1;
    memcpy(buf, value, n);
    buf[n] = '\0';
    if (tdm_quantity_parse(buf, si, dim, why, sizeof why)) return -1;
    char *end;
    strtod(buf, &end);
    while (isspace((unsigned char)*end))
        end++;
    size_t l = strlen(end);
    while (l && isspace((unsigned char)end[l - 1]))
        end[--l] = '\0';
    *unit = tdm_arena_strdup(a, end);
    *suffix = comma ? tdm_arena_strdup(a, comma) : NULL;
    return *unit ? 0 : -1;
}

int
tdm_param_parse(tdm_param *p, const char *name, const tdm_flowsheet *fs,
                const struct tdm_scenario *sc, const char *file, int line, tdm_error *err)
{
    memset(p, 0, sizeof *p);
    tdm_arena *a = tdm_flowsheet_arena(fs);
    p->name = tdm_arena_strdup(a, name);
    p->file = file;
    p->line = line;
    p->lo = -HUGE_VAL;
    p->hi = HUGE_VAL;
    const char *value = NULL;
    if (!strncmp(name, "scenario.", 9)) {
        if (!sc) {
            bad(file, line, err, "`%s`: no cost scenario is loaded", name);
            err->reason = TDM_R_NO_SCENARIO;
            return -1;
        }
        p->key = p->name + 9;
        char sbuf[200];
        if (!strncmp(p->key, "prices.", 7)) {
            const tdm_price *pr = tdm_scenario_price(sc, p->key + 7);
            if (!pr)
                return bad(file, line, err, "`%s`: the scenario has no price for `%s`", name,
                           p->key + 7);
            snprintf(sbuf, sizeof sbuf, "%.17g %s", pr->shown, pr->unit);
            value = tdm_arena_strdup(a, sbuf);
        } else if (!strncmp(p->key, "carbon.", 7)) {
            /* a carbon intensity in force (docs/carbon.md), as its row or [carbon] writes it */
            const tdm_intensity *ci = tdm_scenario_intensity(sc, p->key + 7);
            if (!ci)
                return bad(file, line, err, "`%s`: the scenario has no carbon intensity for `%s`",
                           name, p->key + 7);
            snprintf(sbuf, sizeof sbuf, "%.17g %s", ci->shown, ci->unit);
            value = tdm_arena_strdup(a, sbuf);
        } else {
            const tdm_section *s = tdm_ini_section(&sc->doc, "scenario");
            const tdm_kv *kv = s ? tdm_ini_kv(s, p->key) : NULL;
            if (!kv)
                return bad(file, line, err,
                           "`%s`: the scenario %s does not set `%s` (a sweep changes what it "
                           "gives)",
                           name, sc->path, p->key);
            value = kv->value;
        }
    } else {
        int best = tdm_flowsheet_unit_key(fs, name, &p->key);
        if (best < 0)
            return bad(file, line, err,
                       "`%s`: no unit of the flowsheet by that name (write unit.key or "
                       "scenario.key)",
                       name);
        const tdm_unit *u = tdm_flowsheet_unit(fs, best);
        p->unit_name = u->name;
        p->key = p->name + (p->key - name);
        const tdm_kv *kv = tdm_ini_kv(u->sec, p->key);
        if (!kv)
            return bad(file, line, err,
                       "`%s`: [%s] does not set `%s`; only a key the file gives "
                       "can be varied",
                       name, u->name, p->key);
        const char *why = tdm_flowsheet_stays(fs, u->name, p->key);
        if (why) return bad(file, line, err, "`%s` cannot vary alone: %s", name, why);
        if (tdm_flowsheet_key_ref(fs, u->name, p->key, &p->ref, err)) return -1;
        value = kv->value;
    }
    tdm_dim dim;
    if (split_value(a, value, &p->base, &dim, &p->unit, &p->suffix))
        return bad(file, line, err, "`%s = %s` is not a number with a unit", name, value);
    p->dist = TDM_DIST_FIXED;
    p->a = p->base;
    return 0;
}

/* A number in the parameter's unit (or the unit written after it) to SI; a difference
 * (a spread) without a temperature's offset. why: the quantity parser's reason when the
 * text does not read (empty when it reads as another kind of quantity). */
static int
to_si(const tdm_param *p, const char *num, const char *unit, bool difference, double *si, char *why,
      size_t n)
{
    char buf[200];
    snprintf(buf, sizeof buf, "%s %s", num, unit[0] ? unit : p->unit);
    tdm_dim d1, d2;
    double base;
    char bb[200];
    snprintf(bb, sizeof bb, "1 %s", p->unit);
    why[0] = '\0';
    if ((difference ? tdm_quantity_parse_difference : tdm_quantity_parse)(buf, si, &d1, why, n))
        return -1;
    if (tdm_quantity_parse(bb, &base, &d2, why, n)) return -1;
    return tdm_dim_equal(d1, d2) ? 0 : -1;
}

int
tdm_param_dist(tdm_param *p, const char *text, tdm_error *err)
{
    static const struct {
        const char *name;
        enum tdm_dist d;
        int n;
    } kinds[] = {{"fixed", TDM_DIST_FIXED, 1},
                 {"uniform", TDM_DIST_UNIFORM, 2},
                 {"triangular", TDM_DIST_TRIANGULAR, 3},
                 {"normal", TDM_DIST_NORMAL, 2},
                 {"lognormal", TDM_DIST_LOGNORMAL, 2}};
    char buf[400];
    snprintf(buf, sizeof buf, "%s", text);
    char *bounds = strchr(buf, ',');
    if (bounds) *bounds++ = '\0';
    char *tok[8];
    int nt = 0;
    char *save = NULL; /* strtok_r: a study's jobs read parameters in threads of their own */
    for (char *s = strtok_r(buf, " \t", &save); s && nt < 8; s = strtok_r(NULL, " \t", &save))
        tok[nt++] = s;
    size_t k = 0;
    while (k < sizeof kinds / sizeof *kinds && (nt == 0 || strcmp(tok[0], kinds[k].name)))
        k++;
    if (k == sizeof kinds / sizeof *kinds)
        return bad(p->file, p->line, err,
                   "`%s = %s`: a distribution is uniform LO HI, triangular LO MODE HI, normal "
                   "MEAN SD, lognormal MEDIAN SIGMA or fixed VALUE, each with its unit",
                   p->name, text);
    int n = kinds[k].n;
    if (nt < 1 + n || nt > 2 + n)
        return bad(p->file, p->line, err, "`%s = %s`: %s takes %d number%s and a unit", p->name,
                   text, kinds[k].name, n, n > 1 ? "s" : "");
    const char *unit = nt == 2 + n ? tok[1 + n] : "";
    double v[3] = {0, 0, 0};
    for (int i = 0; i < n; i++) {
        /* the spread of a lognormal is a plain number; a normal's standard deviation is a
         * difference, from zero of its unit: 5 C is 5 K, not the temperature 278.15 K */
        bool plain = kinds[k].d == TDM_DIST_LOGNORMAL && i == 1;
        bool spread = kinds[k].d == TDM_DIST_NORMAL && i == 1;
        char *end, why[160] = "";
        v[i] = strtod(tok[1 + i], &end);
        if (*end || !isfinite(v[i]) ||
            (!plain && to_si(p, tok[1 + i], unit, spread, &v[i], why, sizeof why))) {
            if (why[0]) return bad(p->file, p->line, err, "`%s = %s`: %s", p->name, text, why);
            return bad(p->file, p->line, err, "`%s = %s`: `%s %s` is not a %s value", p->name, text,
                       tok[1 + i], unit[0] ? unit : p->unit,
                       p->unit[0] ? p->unit : "dimensionless");
        }
    }
    p->dist = kinds[k].d;
    p->a = v[0];
    p->b = v[1];
    p->c = v[2];
    const char *why = NULL;
    switch (p->dist) {
    case TDM_DIST_UNIFORM:
        if (!(p->a < p->b)) why = "the lower end must be below the upper";
        break;
    case TDM_DIST_TRIANGULAR:
        if (!(p->a <= p->b && p->b <= p->c && p->a < p->c)) why = "needs LO <= MODE <= HI";
        break;
    case TDM_DIST_NORMAL:
        if (!(p->b > 0)) why = "the standard deviation must be above zero";
        break;
    case TDM_DIST_LOGNORMAL:
        if (!(p->a > 0 && p->b > 0)) why = "the median and sigma must be above zero";
        break;
    case TDM_DIST_FIXED:
        break;
    }
    if (why) return bad(p->file, p->line, err, "`%s = %s`: %s", p->name, text, why);
    if (bounds) {
        /* LO and HI: the words either side of the first "..", which a number's own decimal
         * point cannot make ("2.5 .. 3.5", "2.5..3.5") */
        char lo[100] = "", hi[100] = "", qwhy[160];
        const char *dots = strstr(bounds, "..");
        if (dots && (size_t)(dots - bounds) < sizeof lo) {
            snprintf(lo, sizeof lo, "%.*s", (int)(dots - bounds), bounds);
            tdm_text_trim_copy(lo, sizeof lo, lo);
            tdm_text_trim_copy(hi, sizeof hi, dots + 2);
        }
        if (!lo[0] || !hi[0] || strchr(lo, ' ') || strchr(hi, ' '))
            return bad(p->file, p->line, err,
                       "`%s = %s`: bounds are written `, LO .. HI` after the distribution", p->name,
                       text);
        if (to_si(p, lo, unit, false, &p->lo, qwhy, sizeof qwhy) ||
            to_si(p, hi, unit, false, &p->hi, qwhy, sizeof qwhy))
            return bad(p->file, p->line, err, "`%s = %s`: the bounds: %s", p->name, text,
                       qwhy[0] ? qwhy : "not numbers in the parameter's unit");
        if (!(p->lo < p->hi))
            return bad(p->file, p->line, err, "`%s = %s`: the lower bound must be below the upper",
                       p->name, text);
        double flo = cdf(p, p->lo), fhi = cdf(p, p->hi);
        if (!(fhi > flo))
            return bad(p->file, p->line, err, "`%s = %s`: the bounds leave nothing to draw",
                       p->name, text);
    }
    /* the draws lie between the quantiles of tdm_uniform's extremes: both must be numbers
     * (a lognormal's sigma of 1000 reaches e^8000) */
    if (!isfinite(tdm_param_quantile(p, TDM_UNIFORM_MIN)) ||
        !isfinite(tdm_param_quantile(p, TDM_UNIFORM_MAX)))
        return bad(p->file, p->line, err,
                   "`%s = %s`: its tails reach beyond the range of numbers; narrow it or bound it "
                   "with `, LO .. HI`",
                   p->name, text);
    return 0;
}

int
tdm_params_read_section(tdm_param *ps, int max, int *n, const tdm_flowsheet *fs,
                        const struct tdm_scenario *sc, tdm_error *err)
{
    *n = 0;
    const tdm_section *sec = tdm_flowsheet_uncertainty_section(fs);
    if (!sec) return 0;
    for (int i = 0; i < sec->nkv; i++) {
        const tdm_kv *kv = &sec->kv[i];
        if (!strncmp(kv->key, "correlation(", 12)) continue; /* tdm_correlations_read_section */
        if (*n == max)
            return bad(tdm_flowsheet_path(fs), kv->line, err,
                       "[uncertainty] more than %d parameters", max);
        tdm_param *p = &ps[*n];
        if (tdm_param_parse(p, kv->key, fs, sc, tdm_flowsheet_path(fs), kv->line, err) ||
            tdm_param_dist(p, kv->value, err))
            return -1;
        p->source = kv->comment; /* the comment after the distribution says where it is from */
        (*n)++;
    }
    return 0;
}

int
tdm_params_read_csv(const char *path, tdm_param *ps, int max, int *n, const tdm_flowsheet *fs,
                    const struct tdm_scenario *sc, tdm_error *err)
{
    *n = 0;
    tdm_table t;
    if (tdm_table_read(path, tdm_flowsheet_arena(fs), &t, err)) return -1;
    int rc = 0;
    int cp = tdm_table_column(&t, "parameter"), cd = tdm_table_column(&t, "distribution"),
        ca = tdm_table_column(&t, "a"), cb = tdm_table_column(&t, "b"),
        cc = tdm_table_column(&t, "c"), cu = tdm_table_column(&t, "unit"),
        clo = tdm_table_column(&t, "low"), chi = tdm_table_column(&t, "high"),
        cs = tdm_table_column(&t, "source");
    if (cp < 0 || cd < 0 || ca < 0 || cs < 0) {
        rc = tdm_errorf(err, TDM_EINPUT, path, t.nrows ? t.rows[0].line : 1,
                        "an uncertainty table needs the columns parameter, distribution, a, "
                        "[b, c,] [unit,] [low, high,] source");
        goto done;
    }
    for (int i = 1; i < t.nrows && !rc; i++) {
        const tdm_row *r = &t.rows[i];
        if (*n == max) {
            rc = tdm_errorf(err, TDM_EINPUT, path, r->line, "more than %d parameters", max);
            break;
        }
        if (!r->f[cs][0]) {
            rc = tdm_errorf(err, TDM_EINPUT, path, r->line,
                            "`%s` has no source: say where its distribution comes from", r->f[cp]);
            break;
        }
        char text[400];
        snprintf(text, sizeof text, "%s %s %s %s %s", r->f[cd], r->f[ca], cb >= 0 ? r->f[cb] : "",
                 cc >= 0 ? r->f[cc] : "", cu >= 0 ? r->f[cu] : "");
        size_t l = strlen(text);
        if (clo >= 0 && chi >= 0 && r->f[clo][0] && r->f[chi][0])
            snprintf(text + l, sizeof text - l, ", %s .. %s", r->f[clo], r->f[chi]);
        tdm_param *p = &ps[*n];
        if (tdm_param_parse(p, r->f[cp], fs, sc, path, r->line, err) ||
            tdm_param_dist(p, text, err)) {
            rc = -1;
            break;
        }
        p->source = r->f[cs];
        for (int j = 0; j < *n && !rc; j++)
            if (!strcmp(ps[j].name, p->name))
                rc = tdm_errorf(
                    err, TDM_EINPUT, path, r->line,
                    "`%s` is given twice (line %d too); a parameter takes one distribution",
                    p->name, ps[j].line);
        if (rc) break;
        (*n)++;
    }
done:
    free(t.rows);
    return rc;
}
