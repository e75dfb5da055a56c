/* Cost scenarios (INI) and the cost database they name (CSV): equipment, prices, index, and
 * the carbon intensities (docs/carbon.md). */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "read.h"
#include "strmap.h"
#include "table.h"
#include "tandem/constants.h"
#include "tandem/data.h"
#include "tandem/flowsheet.h"
#include "tandem/species.h"
#include "tandem/tea.h"
#include "text.h"

/* ---- reading fields ---------------------------------------------------------------------- */

static int
field_error(tdm_error *err, const tdm_table *t, int r, int c, const char *what, const char *text)
{
    return tdm_errorf_col(err, TDM_EINPUT, t->path, t->rows[r].line, c + 1, "`%s` %s", text, what);
}

static int
num_field(const tdm_table *t, int r, int c, bool empty_ok, double *v, tdm_error *err)
{
    const char *s = t->rows[r].f[c];
    if (!*s) {
        if (empty_ok) return 0;
        return tdm_errorf_col(err, TDM_EINPUT, t->path, t->rows[r].line, c + 1, "`%s` is empty",
                              t->rows[0].f[c]);
    }
    char *end;
    *v = strtod(s, &end);
    if (*end || !isfinite(*v) || strpbrk(s, "xXnNiI"))
        return field_error(err, t, r, c, "is not a number", s);
    return 1;
}

static int
require_columns(const tdm_table *t, const char *const *cols, int n, int nopt, int *idx,
                tdm_error *err)
{
    /* cols[0 .. n-1] must be there; cols[n .. n+nopt-1] may be (idx -1 when not) */
    char list[512] = "";
    for (int i = 0; i < n + nopt; i++) {
        size_t l = strlen(list);
        snprintf(list + l, sizeof list - l, "%s%s", i ? ", " : "", cols[i]);
    }
    for (int i = 0; i < n + nopt; i++) {
        idx[i] = tdm_table_column(t, cols[i]);
        if (idx[i] < 0 && i < n)
            return tdm_errorf(err, TDM_EINPUT, t->path, t->rows[0].line,
                              "the header lacks the column `%s` (columns: %s)", cols[i], list);
    }
    for (int c = 0; c < t->rows[0].n; c++) {
        bool known = false;
        for (int i = 0; i < n + nopt; i++)
            known |= idx[i] == c;
        if (!known)
            return tdm_errorf_col(err, TDM_EINPUT, t->path, t->rows[0].line, c + 1,
                                  "unknown column `%s` (columns: %s)", t->rows[0].f[c], list);
    }
    return 0;
}

static int
year_field(const tdm_table *t, int r, int c, int *year, tdm_error *err)
{
    double v = 0;
    if (num_field(t, r, c, false, &v, err) < 0) return -1;
    if (v != floor(v) || v < 1900 || v > 2100)
        return field_error(err, t, r, c, "is not a year from 1900 to 2100", t->rows[r].f[c]);
    *year = (int)v;
    return 0;
}

static int
duplicate(const tdm_table *t, int r, int c, tdm_error *err)
{
    for (int q = 1; q < r; q++)
        if (strcmp(t->rows[q].f[c], t->rows[r].f[c]) == 0)
            return tdm_errorf_col(err, TDM_EINPUT, t->path, t->rows[r].line, c + 1,
                                  "`%s` appears twice (first at line %d)", t->rows[r].f[c],
                                  t->rows[q].line);
    return 0;
}

/* ---- the three tables ------------------------------------------------------------------- */

static int
read_equipment(tdm_scenario *s, const char *path, tdm_error *err)
{
    /* optional: `base_rate` and `rate_exponent`, a cost per size that moves with the plant's
     * rate of its main product too (Orella et al.'s stack price) */
    static const char *const cols[] = {"item",       "category",     "basis",        "size_unit",
                                       "fixed_cost", "base_size",    "base_cost",    "exponent",
                                       "year",       "installation", "lifetime",     "maintenance",
                                       "source",     "base_rate",    "rate_exponent"};
    enum {
        ITEM,
        CAT,
        BASIS,
        UNIT,
        FIXED,
        BSIZE,
        BCOST,
        EXP,
        YEAR,
        INST,
        LIFE,
        MAINT,
        SRC,
        RATE,
        REXP,
        N
    };
    tdm_table t;
    if (tdm_table_read(path, s->arena, &t, err)) return -1;
    int c[N];
    int rc = require_columns(&t, cols, RATE, N - RATE, c, err);
    s->db.eq = rc ? NULL : tdm_arena_calloc(s->arena, (size_t)t.nrows, sizeof *s->db.eq);
    if (!rc && !s->db.eq) rc = tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    for (int r = 1; !rc && r < t.nrows; r++) {
        char **f = t.rows[r].f;
        tdm_equipment *e = &s->db.eq[s->db.neq];
        *e = (tdm_equipment){.item = f[c[ITEM]],
                             .category = f[c[CAT]],
                             .size_unit = f[c[UNIT]],
                             .source = f[c[SRC]],
                             .file = path,
                             .line = t.rows[r].line,
                             .maintenance = NAN,
                             .installation = 1};
        if (!*e->item) {
            rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, c[ITEM] + 1,
                                "the item has no name");
            break;
        }
        if ((rc = duplicate(&t, r, c[ITEM], err))) break;
        int b = tdm_basis_find(f[c[BASIS]]);
        if (b < 0) {
            rc = field_error(err, &t, r, c[BASIS],
                             "is not a basis (area, power, gas_flow, liquid_flow, mass_flow, duty, "
                             "volume, vessel_mass, co2_flow)",
                             f[c[BASIS]]);
            break;
        }
        e->basis = (enum tdm_basis)b;
        /* The size unit must fit the basis. */
        static const tdm_qkind kinds[TDM_NBASIS] = {TDM_Q_AREA,   TDM_Q_POWER,     TDM_Q_COUNT,
                                                    TDM_Q_COUNT,  TDM_Q_MASS_FLOW, TDM_Q_POWER,
                                                    TDM_Q_VOLUME, TDM_Q_COUNT,     TDM_Q_MASS_FLOW};
        double factor;
        tdm_dim dim;
        char why[160];
        if (tdm_unit_parse(e->size_unit, &factor, &dim, why, sizeof why)) {
            rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, c[UNIT] + 1,
                                "unknown unit `%s`: %s", e->size_unit, why);
            break;
        }
        e->si_per_shown = factor;
        tdm_dim want = {{0}};
        if (kinds[b] != TDM_Q_COUNT) want = tdm_qkind_dim(kinds[b]);
        if (b == TDM_BASIS_GAS_FLOW || b == TDM_BASIS_LIQUID_FLOW) want.e[TDM_DIM_M] = 3;
        if (b == TDM_BASIS_GAS_FLOW || b == TDM_BASIS_LIQUID_FLOW) want.e[TDM_DIM_S] = -1;
        if (b == TDM_BASIS_VESSEL_MASS) want.e[TDM_DIM_KG] = 1;
        if (!tdm_dim_equal(dim, want)) {
            rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, c[UNIT] + 1,
                                "unit `%s` does not fit the basis `%s`", e->size_unit, f[c[BASIS]]);
            break;
        }
        double v = 0;
        if (num_field(&t, r, c[FIXED], true, &e->fixed, err) < 0 ||
            num_field(&t, r, c[BSIZE], false, &v, err) < 0 ||
            num_field(&t, r, c[BCOST], false, &e->base_cost, err) < 0 ||
            num_field(&t, r, c[EXP], false, &e->exponent, err) < 0 ||
            year_field(&t, r, c[YEAR], &e->year, err) < 0 ||
            num_field(&t, r, c[INST], true, &e->installation, err) < 0 ||
            num_field(&t, r, c[LIFE], true, &e->lifetime, err) < 0 ||
            num_field(&t, r, c[MAINT], true, &e->maintenance, err) < 0) {
            rc = -1;
            break;
        }
        if (!(v > 0)) {
            rc = field_error(err, &t, r, c[BSIZE], "must be above zero", f[c[BSIZE]]);
            break;
        }
        e->base_size = v * factor;
        if (e->base_cost < 0 || e->fixed < 0 || e->exponent < 0 || e->exponent > 2 ||
            e->installation < 1 || e->installation > 10 || e->lifetime < 0 ||
            (isfinite(e->maintenance) && (e->maintenance < 0 || e->maintenance > 1))) {
            rc = tdm_errorf(err, TDM_EINPUT, path, t.rows[r].line,
                            "out of range: costs >= 0, exponent 0 to 2, installation 1 to 10, "
                            "lifetime >= 0, maintenance 0 to 1");
            break;
        }
        if (!*e->source) {
            rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, c[SRC] + 1,
                                "`%s` names no source", e->item);
            break;
        }
        const char *br = c[RATE] >= 0 ? f[c[RATE]] : "", *bx = c[REXP] >= 0 ? f[c[REXP]] : "";
        if (*br || *bx) {
            /* both or neither: a rate with its unit (1500 kg/day), an exponent */
            tdm_dim d;
            if (!*br || !*bx) {
                int col = *br ? c[REXP] : c[RATE];
                rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, col + 1,
                                    "`base_rate` and `rate_exponent` go together: give both");
                break;
            }
            if (tdm_quantity_parse(br, &e->base_rate, &d, why, sizeof why) ||
                !tdm_dim_equal(d, tdm_qkind_dim(TDM_Q_MASS_FLOW)) || !(e->base_rate > 0)) {
                rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, c[RATE] + 1,
                                    "`%s` is no rate of the main product: give a mass flow above "
                                    "zero with its unit, e.g. 1500 kg/day",
                                    br);
                break;
            }
            if (num_field(&t, r, c[REXP], false, &e->rate_exponent, err) < 0) {
                rc = -1;
                break;
            }
            if (!(fabs(e->rate_exponent) <= 1)) {
                rc = field_error(err, &t, r, c[REXP], "must be between -1 and 1", bx);
                break;
            }
        }
        s->db.neq++;
    }
    free(t.rows);
    return rc;
}

static int
read_prices(tdm_scenario *s, const char *path, int extra, tdm_error *err)
{
    /* optional: `purity`, the grade a price is for; `temperature`, a utility's level */
    static const char *const cols[] = {"item",   "price",  "unit",       "year",
                                       "source", "purity", "temperature"};
    enum { ITEM, PRICE, UNIT, YEAR, SRC, PURITY, TEMP, N };
    tdm_table t;
    if (tdm_table_read(path, s->arena, &t, err)) return -1;
    int c[N];
    int rc = require_columns(&t, cols, PURITY, N - PURITY, c, err);
    int cpur = c[PURITY], ctemp = c[TEMP];
    /* room for the scenario's own [prices] too */
    s->db.prices =
        rc ? NULL : tdm_arena_calloc(s->arena, (size_t)(t.nrows + extra), sizeof(tdm_price));
    if (!rc && !s->db.prices) rc = tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    for (int r = 1; !rc && r < t.nrows; r++) {
        char **f = t.rows[r].f;
        tdm_price *p = &s->db.prices[s->db.nprices];
        *p = (tdm_price){.item = f[c[ITEM]],
                         .unit = f[c[UNIT]],
                         .source = f[c[SRC]],
                         .file = path,
                         .line = t.rows[r].line,
                         .temperature = NAN};
        if ((rc = duplicate(&t, r, c[ITEM], err))) break;
        if (num_field(&t, r, c[PRICE], false, &p->shown, err) < 0 ||
            year_field(&t, r, c[YEAR], &p->year, err) < 0) {
            rc = -1;
            break;
        }
        if (cpur >= 0 && *f[cpur]) {
            int got = num_field(&t, r, cpur, true, &p->purity, err);
            if (got < 0 || !(p->purity > 0 && p->purity <= 1)) {
                if (got >= 0)
                    rc = field_error(err, &t, r, cpur,
                                     "is no purity: give the least mole fraction the price is "
                                     "for, above 0 and at most 1 (empty: any grade)",
                                     f[cpur]);
                else
                    rc = -1;
                break;
            }
        }
        if (ctemp >= 0 && *f[ctemp]) {
            bool utility = !strncmp(p->item, "heat", 4) || !strncmp(p->item, "cooling", 7);
            double v;
            tdm_dim d;
            char why[160];
            if (!utility) {
                rc = field_error(err, &t, r, ctemp,
                                 "is a temperature, which only a heating (heat...) or cooling "
                                 "(cooling...) utility has",
                                 f[ctemp]);
                break;
            }
            if (tdm_quantity_parse(f[ctemp], &v, &d, why, sizeof why) ||
                !tdm_dim_equal(d, tdm_qkind_dim(TDM_Q_TEMPERATURE)) || !(v > 0 && v < 1e4)) {
                rc = field_error(err, &t, r, ctemp,
                                 "is no temperature: give it with its unit, e.g. 129 C or 402 K",
                                 f[ctemp]);
                break;
            }
            p->temperature = v;
        }
        double factor;
        char why[160];
        if (tdm_unit_parse(p->unit, &factor, &p->dim, why, sizeof why) ||
            p->dim.e[TDM_DIM_USD] != 1) {
            rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, c[UNIT] + 1,
                                "unknown unit `%s`: give money per amount, e.g. $/t, $/kWh",
                                p->unit);
            break;
        }
        p->value = p->shown * factor;
        if (!*p->source) {
            rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, c[SRC] + 1,
                                "`%s` names no source", p->item);
            break;
        }
        s->db.nprices++;
    }
    free(t.rows);
    return rc;
}

/* The dimension an intensity of the item has: kg per J for electricity, a utility or fuel,
 * kg per kg (none) for a species. */
static tdm_dim
intensity_dim(const char *item)
{
    tdm_dim d = {{0}};
    size_t n = strcspn(item, ".");
    bool energy = (n == 11 && !strncmp(item, "electricity", 11)) || !strncmp(item, "heat", 4) ||
                  !strncmp(item, "cooling", 7) || (n == 4 && !strncmp(item, "fuel", 4));
    if (energy) {
        d.e[TDM_DIM_M] = -2;
        d.e[TDM_DIM_S] = 2;
    }
    return d;
}

/* An energy per unit of the item in a cell of carbon.csv (`500 kWh/t`, `65 kWh/GJ`): J per
 * kg, or J per J; 0 when the cell is empty. */
static int
energy_field(const tdm_table *t, int r, int c, const char *item, double *v, tdm_error *err)
{
    *v = 0;
    if (c < 0 || !*t->rows[r].f[c]) return 0;
    tdm_dim d, want = intensity_dim(item);
    char why[160];
    /* energy per unit: J/kg (m2/s2) for a species, J/J (none) for an energy item */
    tdm_dim e = {{0}};
    if (!want.e[TDM_DIM_M]) {
        e.e[TDM_DIM_M] = 2;
        e.e[TDM_DIM_S] = -2;
    }
    if (tdm_quantity_parse(t->rows[r].f[c], v, &d, why, sizeof why) || !tdm_dim_equal(d, e) ||
        !(*v >= 0))
        return field_error(err, t, r, c,
                           want.e[TDM_DIM_M] ? "is no energy per energy of the item: give it with "
                                               "its unit, e.g. 65 kWh/GJ"
                                             : "is no energy per mass of the item: give it with "
                                               "its unit, e.g. 500 kWh/t",
                           t->rows[r].f[c]);
    return 0;
}

/* carbon.csv: item, intensity, unit, year, source; optional electricity, heat (energy the
 * item needs per unit of it) and temperature (of that heat). */
static int
read_carbon(tdm_scenario *s, const char *path, int extra, tdm_error *err)
{
    static const char *const cols[] = {"item",   "intensity",   "unit", "year",
                                       "source", "electricity", "heat", "temperature"};
    enum { ITEM, VAL, UNIT, YEAR, SRC, ELEC, HEAT, TEMP, N };
    tdm_table t;
    if (tdm_table_read(path, s->arena, &t, err)) return -1;
    int c[N];
    int rc = require_columns(&t, cols, ELEC, N - ELEC, c, err);
    s->db.carbon =
        rc ? NULL : tdm_arena_calloc(s->arena, (size_t)(t.nrows + extra), sizeof(tdm_intensity));
    if (!rc && !s->db.carbon) rc = tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    for (int r = 1; !rc && r < t.nrows; r++) {
        char **f = t.rows[r].f;
        tdm_intensity *p = &s->db.carbon[s->db.ncarbon];
        *p = (tdm_intensity){.item = f[c[ITEM]],
                             .unit = f[c[UNIT]],
                             .source = f[c[SRC]],
                             .file = path,
                             .line = t.rows[r].line,
                             .heat_temperature = NAN};
        if ((rc = duplicate(&t, r, c[ITEM], err))) break;
        if (num_field(&t, r, c[VAL], false, &p->shown, err) < 0 ||
            year_field(&t, r, c[YEAR], &p->year, err) < 0 ||
            energy_field(&t, r, c[ELEC], p->item, &p->electricity, err) ||
            energy_field(&t, r, c[HEAT], p->item, &p->heat, err)) {
            rc = -1;
            break;
        }
        double factor;
        char why[160];
        tdm_dim want = intensity_dim(p->item);
        if (tdm_unit_parse(p->unit, &factor, &p->dim, why, sizeof why) ||
            !tdm_dim_equal(p->dim, want)) {
            rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, c[UNIT] + 1,
                                "unit `%s` for `%s`: give mass of CO2e per %s, e.g. %s", p->unit,
                                p->item, want.e[TDM_DIM_M] ? "energy" : "mass",
                                want.e[TDM_DIM_M] ? "g/kWh or kg/GJ" : "kg/kg or kg/t");
            break;
        }
        p->value = p->shown * factor;
        p->per_unit = factor;
        bool utility = !strncmp(p->item, "heat", 4) || !strncmp(p->item, "cooling", 7);
        if ((p->heat > 0 || p->electricity > 0) && !strncmp(p->item, "electricity", 11)) {
            rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line,
                                c[p->heat > 0 ? HEAT : ELEC] + 1,
                                "`%s` is electricity: it needs no energy of its own (leave the "
                                "electricity and heat columns empty)",
                                p->item);
            break;
        }
        if (p->heat > 0 && utility) {
            rc = field_error(err, &t, r, c[HEAT],
                             "is heat a utility would need: a utility's own energy is electricity "
                             "(the electricity column)",
                             f[c[HEAT]]);
            break;
        }
        bool has_t = c[TEMP] >= 0 && *f[c[TEMP]];
        if (p->heat > 0 && !has_t) {
            rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, c[HEAT] + 1,
                                "`%s` needs heat: give the temperature it is needed at in the "
                                "temperature column, e.g. 120 C",
                                p->item);
            break;
        }
        if (has_t) {
            double v;
            tdm_dim d;
            if (!(p->heat > 0) || tdm_quantity_parse(f[c[TEMP]], &v, &d, why, sizeof why) ||
                !tdm_dim_equal(d, tdm_qkind_dim(TDM_Q_TEMPERATURE)) || !(v > 0 && v < 1e4)) {
                rc = field_error(err, &t, r, c[TEMP],
                                 p->heat > 0 ? "is no temperature: give it with its unit, e.g. "
                                               "120 C"
                                             : "is the temperature of heat the row does not need "
                                               "(its heat column is empty)",
                                 f[c[TEMP]]);
                break;
            }
            p->heat_temperature = v;
        }
        if (!*p->source) {
            rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, c[SRC] + 1,
                                "`%s` names no source", p->item);
            break;
        }
        s->db.ncarbon++;
    }
    free(t.rows);
    return rc;
}

static int
read_index(tdm_scenario *s, const char *path, tdm_error *err)
{
    static const char *const cols[] = {"year", "index", "source"};
    enum { YEAR, INDEX, SRC, N };
    tdm_table t;
    if (tdm_table_read(path, s->arena, &t, err)) return -1;
    int c[N];
    int rc = require_columns(&t, cols, N, 0, c, err);
    s->db.index = rc ? NULL : tdm_arena_calloc(s->arena, (size_t)t.nrows, sizeof *s->db.index);
    if (!rc && !s->db.index) rc = tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    for (int r = 1; !rc && r < t.nrows; r++) {
        tdm_index_year *y = &s->db.index[s->db.nindex];
        if (year_field(&t, r, c[YEAR], &y->year, err) < 0 ||
            num_field(&t, r, c[INDEX], false, &y->index, err) < 0) {
            rc = -1;
            break;
        }
        if ((rc = duplicate(&t, r, c[YEAR], err))) break;
        if (!(y->index > 0)) {
            rc = field_error(err, &t, r, c[INDEX], "must be above zero", t.rows[r].f[c[INDEX]]);
            break;
        }
        if (!*t.rows[r].f[c[SRC]]) {
            rc = tdm_errorf_col(err, TDM_EINPUT, path, t.rows[r].line, c[SRC] + 1, "no source");
            break;
        }
        s->db.index_source = t.rows[r].f[c[SRC]];
        s->db.nindex++;
    }
    free(t.rows);
    return rc;
}

/* ---- the scenario ------------------------------------------------------------------------ */

/* The numbers of [scenario], one row each: its key, its kind, its range (SI; durations in
 * seconds, kept in years) and its default, and where it goes. A key of [scenario] is one of
 * these, one of `other_keys`, or indirect.NAME. */
#define YR TDM_SECONDS_PER_YEAR
#define AT(field) offsetof(struct numbers, field)
struct numbers {
    double discount, life, construction, capacity_factor, tax, working_capital, maintenance,
        insurance, labour, operator_wage, additional, stack_life;
};
static const struct number_key {
    const char *key;
    tdm_qkind kind;
    double min, max, def;
    size_t at;
} number_keys[] = {
    {"discount_rate", TDM_Q_FRACTION, 0, 1, 0.10, AT(discount)},
    {"plant_life", TDM_Q_DURATION, 1 * YR, TDM_MAX_YEARS *YR, 20 * YR, AT(life)},
    {"construction", TDM_Q_DURATION, 1 * YR, 10 * YR, 1 * YR, AT(construction)},
    {"capacity_factor", TDM_Q_FRACTION, 0.01, 1, 0.90, AT(capacity_factor)},
    {"tax_rate", TDM_Q_FRACTION, 0, 0.99, 0.21, AT(tax)},
    {"working_capital", TDM_Q_FRACTION, 0, 1, 0, AT(working_capital)},
    {"maintenance", TDM_Q_FRACTION, 0, 1, 0, AT(maintenance)},
    {"insurance", TDM_Q_FRACTION, 0, 1, 0, AT(insurance)},
    {"labour", TDM_Q_MONEY_PER_TIME, 0, 1e12, 0, AT(labour)},
    {"operator_wage", TDM_Q_MONEY_PER_TIME, 0, 1e9, 0, AT(operator_wage)},
    {"additional_cost", TDM_Q_FRACTION, 0, 0.9, 0, AT(additional)},
    {"stack_life", TDM_Q_DURATION, 0.1 * YR, TDM_MAX_YEARS *YR, 0, AT(stack_life)},
};
enum { NNUMBERS = sizeof number_keys / sizeof *number_keys };
#undef AT
static const char *const other_keys[] = {"title",        "year",   "equipment",
                                         "prices",       "index",  "convention",
                                         "depreciation", "carbon", "co2_uptake"};
enum { NOTHER = sizeof other_keys / sizeof *other_keys };

static int sc_error(const tdm_scenario *s, int line, tdm_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
sc_error(const tdm_scenario *s, int line, tdm_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tdm_verrorf(err, TDM_EINPUT, s->path, line, fmt, ap);
    va_end(ap);
    return -1;
}

/* `construction = 40 %, 60 %`: the share of the fixed capital spent in each construction
 * year, first to last, as BioSTEAM's and H2A's construction schedules take it. */
static int
construction_schedule(tdm_scenario *s, const tdm_kv *kv, double *years_out, tdm_error *err)
{
    char buf[256], *items[11];
    snprintf(buf, sizeof buf, "%s", kv->value);
    int n = tdm_text_split(buf, items, 11);
    if (n < 1 || n > 10)
        return sc_error(s, kv->line, err,
                        "[scenario] `construction = %s`: give the years (`2 yr`) or the share of "
                        "the capital spent in each, 1 to 10 of them (`40 %%, 60 %%`)",
                        kv->value);
    double sum = 0;
    for (int i = 0; i < n; i++) {
        double v = 0;
        tdm_dim d;
        char why[160];
        if (tdm_quantity_parse(items[i], &v, &d, why, sizeof why) ||
            !tdm_dim_equal(d, tdm_qkind_dim(TDM_Q_FRACTION)) || !(v > 0 && v <= 1))
            return sc_error(s, kv->line, err,
                            "[scenario] `construction = %s`: `%s` is not a share of the capital "
                            "above 0 and up to 100 %%",
                            kv->value, items[i]);
        s->construction_share[i] = v;
        sum += v;
    }
    if (fabs(sum - 1) > 1e-6)
        return sc_error(s, kv->line, err,
                        "[scenario] `construction = %s`: the shares sum to %.6g %%, not 100 %%",
                        kv->value, 100 * sum);
    *years_out = n;
    return 0;
}

/* A path relative to the scenario file; `now` (the path made before, or NULL) is kept when
 * it is the same, so that re-reading the scenario does not grow its arena. */
static const char *
relative(tdm_scenario *s, const char *name, const char *now)
{
    if (name[0] == '/') return name;
    const char *slash = strrchr(s->path, '/');
    if (!slash) return name;
    char buf[2048];
    snprintf(buf, sizeof buf, "%.*s/%s", (int)(slash - s->path), s->path, name);
    if (now && !strcmp(now, buf)) return now;
    return tdm_arena_strdup(s->arena, buf);
}

/* A new item of [prices] that is likely a typo of one that counts: near a utility's name
 * (`electricty`), or a species or priced item in other case (`c2h4`). A name of its own (a
 * flowsheet's own species) is no typo. */
static const char *
price_typo(const tdm_scenario *s, const char *name)
{
    static const char *const utilities[] = {"electricity", "heat", "heat_high", "cooling", "fuel"};
    for (int k = 0; k < 5; k++)
        if (!strcmp(utilities[k], name)) return NULL;
    const char *near = tdm_text_nearest(name, utilities, 5);
    if (near && strcmp(near, name)) return near;
    for (int j = 0; j < s->db.nprices; j++)
        if (!strcasecmp(s->db.prices[j].item, name) && strcmp(s->db.prices[j].item, name))
            return s->db.prices[j].item;
    /* a species by its own name is a new price, not a typo (CH4 for a reformer's feed, which
     * was refused as "did you mean `CH4`?") */
    for (int id = 0; id < tdm_species_count(); id++)
        if (!strcasecmp(tdm_species_get(id)->name, name) && strcmp(tdm_species_get(id)->name, name))
            return tdm_species_get(id)->name;
    return NULL;
}

/* The sections a scenario has, and the keys of [scenario]: each a number of the key table,
 * one of `other_keys`, or indirect.NAME. */
static int
check_keys(tdm_scenario *s, const tdm_section *sec, tdm_error *err)
{
    for (int i = 0; i < s->doc.nsecs; i++) {
        const char *n = s->doc.secs[i].name;
        if (strcmp(n, "scenario") && strcmp(n, "prices") && strcmp(n, "carbon") &&
            strcmp(n, "sources"))
            return sc_error(s, s->doc.secs[i].line, err,
                            "unknown section [%s] (a scenario has [scenario], [prices], "
                            "[carbon] and [sources])",
                            n);
    }
    const char *known[NNUMBERS + NOTHER + 1];
    for (int j = 0; j < NNUMBERS; j++)
        known[j] = number_keys[j].key;
    for (int j = 0; j < NOTHER; j++)
        known[NNUMBERS + j] = other_keys[j];
    known[NNUMBERS + NOTHER] = "indirect.NAME";
    for (int i = 0; i < sec->nkv; i++) {
        const char *k = sec->kv[i].key;
        bool ok = strncmp(k, "indirect.", 9) == 0 && k[9];
        for (int j = 0; j < NNUMBERS + NOTHER && !ok; j++)
            ok = strcmp(k, known[j]) == 0;
        if (!ok)
            return tdm_read_unknown_key(&(tdm_reader){s->path, "scenario", sec}, &sec->kv[i], NULL,
                                        known, NNUMBERS + NOTHER + 1, err);
    }
    return 0;
}

/* Its title, currency year and convention. */
static int
read_terms(tdm_scenario *s, const tdm_section *sec, tdm_error *err)
{
    const tdm_kv *kv = tdm_ini_kv(sec, "title");
    s->title = kv ? kv->value : s->path;
    kv = tdm_ini_kv(sec, "year");
    if (!kv) return sc_error(s, sec->line, err, "[scenario] needs `year`, the currency year");
    char *end;
    long y = strtol(kv->value, &end, 10);
    if (*end || y < 1900 || y > 2100)
        return sc_error(s, kv->line, err, "[scenario] `year = %s` is not a year from 1900 to 2100",
                        kv->value);
    s->year = (int)y;
    static const char *const convs[] = {"dcf", "crf", "straight"};
    kv = tdm_ini_kv(sec, "convention");
    s->convention = TDM_CONV_DCF;
    if (kv) {
        int c = -1;
        for (int i = 0; i < 3; i++)
            if (!strcmp(kv->value, convs[i])) c = i;
        if (c < 0)
            return sc_error(s, kv->line, err,
                            "[scenario] `convention = %s`: dcf (discounted cash flow with taxes), "
                            "crf (capital recovery factor) or straight (undiscounted)",
                            kv->value);
        s->convention = (enum tdm_convention)c;
    }
    return 0;
}

/* Its numbers, each by its row of the key table. */
static int
read_numbers(tdm_scenario *s, const tdm_section *sec, tdm_error *err)
{
    const tdm_kv *kv;
    /* the numbers, each by its row; durations in years */
    const tdm_reader rd = {s->path, "scenario", sec};
    struct numbers num;
    memset(&s->construction_share, 0, sizeof s->construction_share);
    kv = tdm_ini_kv(sec, "construction");
    bool schedule = kv && (strchr(kv->value, ',') || strchr(kv->value, '%'));
    double constr = 1;
    if (schedule && construction_schedule(s, kv, &constr, err)) return -1;
    for (int j = 0; j < NNUMBERS; j++) {
        const struct number_key *n = &number_keys[j];
        double *v = (double *)((char *)&num + n->at);
        *v = n->def;
        if (schedule && v == &num.construction) continue;
        if (tdm_read_quantity(&rd, n->key, n->kind, n->min, n->max, v, err) < 0) return -1;
        if (n->kind == TDM_Q_DURATION) *v /= YR;
    }
    if (schedule) num.construction = constr;
    double life = num.life, stack = num.stack_life;
    constr = num.construction;
    s->discount = num.discount;
    s->capacity_factor = num.capacity_factor;
    s->tax = num.tax;
    s->working_capital = num.working_capital;
    s->maintenance = num.maintenance;
    s->insurance = num.insurance;
    s->labour = num.labour;
    s->operator_wage = num.operator_wage;
    s->additional = num.additional;
    if (life != floor(life) || constr != floor(constr)) {
        kv = tdm_ini_kv(sec, life != floor(life) ? "plant_life" : "construction");
        return sc_error(s, kv->line, err, "[scenario] `%s` must be whole years", kv->key);
    }
    if (s->labour > 0 && s->operator_wage > 0) {
        kv = tdm_ini_kv(sec, "operator_wage");
        return sc_error(s, kv ? kv->line : 0, err,
                        "[scenario] give `labour` (a fixed figure a year) or `operator_wage` (the "
                        "labour by Turton's rule on the units tended), not both");
    }
    s->life = (int)life;
    s->construction = (int)constr;
    s->stack_life = stack;
    return 0;
}

/* depreciation = macrs N | straight-line [N yr] */
static int
read_depreciation(tdm_scenario *s, const tdm_section *sec, tdm_error *err)
{
    const tdm_kv *kv;
    double dep_years = 0;
    /* depreciation = macrs 7 | straight-line [N yr] */
    s->macrs = 7;
    s->depreciation_years = 0;
    kv = tdm_ini_kv(sec, "depreciation");
    if (kv) {
        if (strncmp(kv->value, "macrs", 5) == 0) {
            /* "macrs N", N a whole number and nothing after it */
            char *after;
            errno = 0;
            long n = strtol(kv->value + 5, &after, 10);
            while (isspace((unsigned char)*after))
                after++;
            double r[32];
            if (after == kv->value + 5 || *after || errno || n < 1 || n > 50 ||
                tdm_macrs((int)n, r, 32) < 0)
                return sc_error(s, kv->line, err,
                                "[scenario] `depreciation = %s`: write `macrs N`; MACRS classes "
                                "are 3, 5, 7, 10, 15 and 20 years",
                                kv->value);
            s->macrs = (int)n;
        } else if (strncmp(kv->value, "straight-line", 13) == 0) {
            s->macrs = 0;
            const char *rest = kv->value + 13;
            while (*rest == ' ')
                rest++;
            if (*rest) {
                double v = 0;
                tdm_dim d;
                char why[160];
                if (tdm_quantity_parse(rest, &v, &d, why, sizeof why) ||
                    !tdm_dim_equal(d, tdm_qkind_dim(TDM_Q_DURATION)))
                    return sc_error(s, kv->line, err,
                                    "[scenario] `depreciation = %s`: write `straight-line 10 yr`",
                                    kv->value);
                double years = v / TDM_SECONDS_PER_YEAR;
                /* whole years within a plant's life (10.4 yr was rounded without a word, and
                 * 1e12 yr overflowed the int it went into) */
                if (!(years >= 1 - 1e-9 && years <= TDM_MAX_YEARS + 1e-9) ||
                    fabs(years - round(years)) > 1e-9 * years)
                    return sc_error(s, kv->line, err,
                                    "[scenario] `depreciation = %s`: straight-line depreciation "
                                    "takes whole years from 1 to %d",
                                    kv->value, TDM_MAX_YEARS);
                dep_years = round(years);
            }
            s->depreciation_years = (int)dep_years;
        } else {
            return sc_error(s, kv->line, err,
                            "[scenario] `depreciation = %s`: write `macrs 7` or `straight-line` "
                            "(optionally `straight-line 10 yr`)",
                            kv->value);
        }
    }
    return 0;
}

/* indirect.NAME = a fraction of the direct cost, up to 8 of them. */
static int
read_indirect(tdm_scenario *s, const tdm_section *sec, tdm_error *err)
{
    const tdm_reader rd = {s->path, "scenario", sec};
    s->nindirect = 0;
    for (int i = 0; i < sec->nkv; i++) {
        if (strncmp(sec->kv[i].key, "indirect.", 9) != 0) continue;
        if (s->nindirect == 8)
            return sc_error(s, sec->kv[i].line, err, "[scenario] at most 8 indirect costs");
        double v = 0;
        if (tdm_read_quantity(&rd, sec->kv[i].key, TDM_Q_FRACTION, 0, 5, &v, err) < 0) return -1;
        s->indirect_name[s->nindirect] = sec->kv[i].key + 9;
        s->indirect[s->nindirect++] = v;
    }
    return 0;
}

static bool is_file(const char *path);

/* The cost database (equipment, prices, cost index, carbon intensities), read again only when
 * a file changes. The carbon intensities are the file `carbon` names, else carbon.csv beside
 * the scenario when there is one; without either the plant's emissions are not assessed. */
static int
read_database(tdm_scenario *s, const tdm_section *sec, tdm_error *err)
{
    const tdm_kv *kv;
    /* The cost database. */
    static const char *const fk[4] = {"equipment", "prices", "index", "carbon"};
    static const char *const fd[4] = {"equipment.csv", "prices.csv", "cepci.csv", "carbon.csv"};
    for (int i = 0; i < 4; i++) {
        kv = tdm_ini_kv(sec, fk[i]);
        const char *f = relative(s, kv ? kv->value : fd[i], s->files[i]);
        if (!f) return tdm_errorf(err, TDM_ESYSTEM, s->path, 0, "out of memory");
        if (i == 3 && !kv && !is_file(f)) f = NULL;
        s->files[i] = f;
    }
    const tdm_section *ps = tdm_ini_section(&s->doc, "prices");
    const tdm_section *cs = tdm_ini_section(&s->doc, "carbon");
    bool same = (ps ? ps->nkv : 0) <= s->db_extra && (cs ? cs->nkv : 0) <= s->carbon_extra;
    for (int i = 0; i < 3; i++)
        same &= s->db_read[i] && !strcmp(s->db_read[i], s->files[i]);
    same &= s->db_read[3] == s->files[3] ||
            (s->db_read[3] && s->files[3] && !strcmp(s->db_read[3], s->files[3]));
    if (!same) {
        /* a change of a number (a sweep, Monte Carlo) keeps the tables already read */
        memset(&s->db, 0, sizeof s->db);
        if (read_equipment(s, s->files[0], err) ||
            read_prices(s, s->files[1], ps ? ps->nkv : 0, err) || read_index(s, s->files[2], err) ||
            (s->files[3] && read_carbon(s, s->files[3], cs ? cs->nkv : 0, err)))
            return -1;
        for (int i = 0; i < 4; i++)
            s->db_read[i] = s->files[i];
        s->db_extra = ps ? ps->nkv : 0;
        s->carbon_extra = cs ? cs->nkv : 0;
    }
    if (isnan(tdm_scenario_index(s, s->year)))
        return sc_error(s, tdm_ini_kv(sec, "year")->line, err,
                        "[scenario] the cost index %s has no value for %d", s->files[2], s->year);
    kv = tdm_ini_kv(sec, "co2_uptake");
    s->co2_uptake = true;
    if (kv) {
        bool yes = !strcmp(kv->value, "credited"), no = !strcmp(kv->value, "not credited");
        if (!yes && !no)
            return sc_error(s, kv->line, err,
                            "[scenario] `co2_uptake = %s`: credited (the CO2 fed counts -1 kg "
                            "per kg, taken from the air or a stack) or not credited",
                            kv->value);
        s->co2_uptake = yes;
    }
    return 0;
}

/* A new item of [carbon] that is likely a typo of one the plant is priced by: near a row of
 * the carbon file (`electricty`, `c2h4`), which it then names; a name of its own (a species
 * the file lacks, a flowsheet's own) is none. */
static const char *
carbon_typo(const tdm_scenario *s, const char *name)
{
    enum { MAXC = 256 };
    const char *cand[MAXC];
    int n = 0;
    for (int j = 0; j < s->db.ncarbon && n < MAXC; j++)
        if (!strchr(s->db.carbon[j].item, '.')) cand[n++] = s->db.carbon[j].item;
    for (int j = 0; j < n; j++)
        if (!strcasecmp(cand[j], name)) return cand[j];
    if (tdm_species_find(name) >= 0) return NULL;
    return tdm_text_nearest(name, cand, n);
}

/* [carbon] of the scenario: an intensity as a number (`electricity = 50 g/kWh`), or the name
 * of a row ITEM.NAME of the carbon file (`electricity = wind_onshore`), which then counts
 * for ITEM. */
static int
read_own_carbon(tdm_scenario *s, tdm_error *err)
{
    const tdm_section *cs = tdm_ini_section(&s->doc, "carbon");
    if (cs && cs->nkv && !s->db.carbon)
        return sc_error(s, cs->kv[0].line, err,
                        "[carbon] sets intensities, but the scenario has no carbon file (name one "
                        "with `carbon = FILE` in [scenario], or put carbon.csv beside it)");
    for (int i = 0; cs && i < cs->nkv; i++) {
        const tdm_kv *kv = &cs->kv[i];
        int at = -1;
        for (int j = 0; j < s->db.ncarbon; j++)
            if (!strcmp(s->db.carbon[j].item, kv->key)) at = j;
        const char *near = at < 0 ? carbon_typo(s, kv->key) : NULL;
        if (near)
            return sc_error(s, kv->line, err,
                            "[carbon] `%s`: no item of that name; did you mean `%s`? (an "
                            "intensity by another name is never used)",
                            kv->key, near);
        tdm_intensity ni;
        double v;
        tdm_dim d;
        char why[160];
        tdm_dim want = intensity_dim(kv->key);
        if (!tdm_quantity_parse(kv->value, &v, &d, why, sizeof why)) {
            if (!tdm_dim_equal(d, want) || !isfinite(v))
                return sc_error(s, kv->line, err,
                                "[carbon] `%s = %s`: give mass of CO2e per %s, e.g. %s, or the "
                                "name of a row %s.NAME of %s",
                                kv->key, kv->value, want.e[TDM_DIM_M] ? "energy" : "mass",
                                want.e[TDM_DIM_M] ? "50 g/kWh" : "1.5 kg/kg", kv->key, s->files[3]);
            const tdm_intensity *was = at >= 0 ? &s->db.carbon[at] : NULL;
            bool again = was && was->file == s->path && was->line == kv->line;
            const char *sp = strchr(kv->value, ' ');
            ni = (tdm_intensity){.item = kv->key,
                                 .value = v,
                                 .dim = d,
                                 .shown = strtod(kv->value, NULL),
                                 .year = s->year,
                                 .file = s->path,
                                 .line = kv->line,
                                 .heat_temperature = NAN};
            ni.unit = !sp                                   ? ""
                      : again && !strcmp(was->unit, sp + 1) ? was->unit
                                                            : tdm_arena_strdup(s->arena, sp + 1);
            ni.source = again ? was->source : tdm_scenario_cite(s, kv->comment);
            if (!ni.source) ni.source = tdm_arena_printf(s->arena, "%s:%d", s->path, kv->line);
        } else {
            char name[256];
            snprintf(name, sizeof name, "%s.%s", kv->key, kv->value);
            const tdm_intensity *row = NULL;
            for (int j = 0; j < s->db.ncarbon; j++)
                if (!strcmp(s->db.carbon[j].item, name)) row = &s->db.carbon[j];
            if (!row) {
                const char *opts[64];
                int n = 0;
                size_t kl = strlen(kv->key);
                for (int j = 0; j < s->db.ncarbon && n < 64; j++)
                    if (!strncmp(s->db.carbon[j].item, kv->key, kl) &&
                        s->db.carbon[j].item[kl] == '.')
                        opts[n++] = s->db.carbon[j].item + kl + 1;
                char list[600] = "";
                size_t used = 0;
                for (int k = 0; k < n && used < sizeof list; k++) {
                    int w =
                        snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", opts[k]);
                    used += w > 0 ? (size_t)w : 0;
                }
                return sc_error(s, kv->line, err,
                                "[carbon] `%s = %s`: neither an intensity (e.g. %s) nor a row "
                                "`%s` of %s%s%s",
                                kv->key, kv->value, want.e[TDM_DIM_M] ? "50 g/kWh" : "1.5 kg/kg",
                                name, s->files[3], n ? "; its choices for this item: " : "", list);
            }
            ni = *row;
            ni.item = kv->key;
        }
        if (at < 0) at = s->db.ncarbon++;
        s->db.carbon[at] = ni;
    }
    return 0;
}

/* [prices] of the scenario, which override the table's. */
static int
read_own_prices(tdm_scenario *s, tdm_error *err)
{
    const tdm_section *ps = tdm_ini_section(&s->doc, "prices");
    for (int i = 0; ps && i < ps->nkv; i++) {
        const tdm_kv *p = &ps->kv[i];
        tdm_price np = {.item = p->key,
                        .unit = "",
                        .year = s->year,
                        .file = s->path,
                        .line = p->line,
                        .temperature = NAN};
        char why[160], price[128];
        double v = 0;
        /* `heat_electric = 0.09 $/kWh, 1500 C`: a utility's price, then its level */
        const char *comma = strchr(p->value, ',');
        size_t plen = comma ? (size_t)(comma - p->value) : strlen(p->value);
        if (plen >= sizeof price) plen = sizeof price - 1;
        memcpy(price, p->value, plen);
        price[plen] = '\0';
        while (plen > 0 && price[plen - 1] == ' ')
            price[--plen] = '\0';
        if (tdm_quantity_parse(price, &v, &np.dim, why, sizeof why) || np.dim.e[TDM_DIM_USD] != 1)
            return sc_error(s, p->line, err,
                            "[prices] `%s = %s`: give money per amount, e.g. 40 $/t, 0.03 $/kWh",
                            p->key, p->value);
        np.value = v;
        const char *sp = strchr(price, ' ');
        np.shown = strtod(price, NULL);
        int at = -1;
        for (int j = 0; j < s->db.nprices; j++)
            if (!strcmp(s->db.prices[j].item, p->key)) at = j;
        /* the same line again (a sweep changing the number): keep its strings */
        const tdm_price *was = at >= 0 ? &s->db.prices[at] : NULL;
        bool utility = !strncmp(p->key, "heat", 4) || !strncmp(p->key, "cooling", 7);
        if (was) {
            np.purity = was->purity; /* a new number for the same grade and level */
            np.temperature = was->temperature;
        }
        if (comma) {
            double T;
            tdm_dim d;
            if (!utility || tdm_quantity_parse(comma + 1, &T, &d, why, sizeof why) ||
                !tdm_dim_equal(d, tdm_qkind_dim(TDM_Q_TEMPERATURE)) || !(T > 0 && T < 1e4))
                return sc_error(s, p->line, err,
                                "[prices] `%s = %s`: after the price only a heating (heat...) or "
                                "cooling (cooling...) utility takes its temperature, e.g. "
                                "`heat_electric = 0.09 $/kWh, 1500 C`",
                                p->key, p->value);
            np.temperature = T;
        }
        bool again = was && was->file == s->path && was->line == p->line;
        if (again) np.source = was->source;
        np.unit = !sp                                   ? ""
                  : again && !strcmp(was->unit, sp + 1) ? was->unit
                                                        : tdm_arena_strdup(s->arena, sp + 1);
        if (!np.source && p->comment) np.source = tdm_scenario_cite(s, p->comment);
        if (!np.source) np.source = tdm_arena_printf(s->arena, "%s:%d", s->path, p->line);
        if (at < 0) {
            /* a utility of its own: heat_..., cooling_... */
            bool own = !strncmp(p->key, "heat_", 5) || !strncmp(p->key, "cooling_", 8);
            const char *near = own ? NULL : price_typo(s, p->key);
            if (near)
                return sc_error(s, p->line, err,
                                "[prices] `%s`: no item of that name; did you mean `%s`? (a price "
                                "by another name is never used)",
                                p->key, near);
            at = s->db.nprices++;
        }
        s->db.prices[at] = np;
    }
    return 0;
}

static int
interpret(tdm_scenario *s, tdm_error *err)
{
    const tdm_section *sec = tdm_ini_section(&s->doc, "scenario");
    if (!sec) return sc_error(s, 1, err, "no [scenario] section");
    if (check_keys(s, sec, err) || read_terms(s, sec, err) || read_numbers(s, sec, err) ||
        read_depreciation(s, sec, err) || read_indirect(s, sec, err) ||
        read_database(s, sec, err) || read_own_prices(s, err) || read_own_carbon(s, err))
        return -1;
    return 0;
}

const char *
tdm_scenario_cite(const tdm_scenario *s, const char *comment)
{
    if (!comment) return NULL;
    const tdm_section *src = tdm_ini_section(&s->doc, "sources");
    char out[1024];
    size_t n = 0;
    const char *p = comment;
    /* leading tags, "[D] [I] rest": each a citation of [sources] */
    while (*p == '[') {
        const char *close = strchr(p, ']');
        if (!close) break;
        char tag[64];
        size_t tl = (size_t)(close - p - 1);
        if (tl == 0 || tl >= sizeof tag) break;
        memcpy(tag, p + 1, tl);
        tag[tl] = '\0';
        const tdm_kv *kv = src ? tdm_ini_kv(src, tag) : NULL;
        if (!kv) break; /* not a tag of this file: the comment stays as written */
        int w = snprintf(out + n, sizeof out - n, "%s%s", n ? "; " : "", kv->value);
        if (w < 0 || (size_t)w >= sizeof out - n) break;
        n += (size_t)w;
        p = close + 1;
        while (*p == ' ' || *p == '\t')
            p++;
    }
    if (n == 0) return comment;
    if (*p) snprintf(out + n, sizeof out - n, ": %s", p);
    return tdm_arena_strdup(s->arena, out);
}

/* Reads a scenario from its text (the file's, or NULL to read path). */
static int
load(const char *text, size_t len, const char *path, tdm_scenario **out, tdm_error *err)
{
    *out = NULL;
    tdm_scenario *s = calloc(1, sizeof *s);
    if (!s) return tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    s->arena = tdm_arena_new();
    if (!s->arena) {
        free(s);
        return tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    }
    s->path = tdm_arena_strdup(s->arena, path);
    if (!s->path) {
        tdm_arena_free(s->arena);
        free(s);
        return tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    }
    s->doc = (tdm_ini){.arena = s->arena, .path = s->path};
    char *read = NULL;
    int rc = 0;
    if (!text) {
        rc = tdm_read_file(path, &read, &len, err);
        text = read;
    } else if (len > tdm_max_file_bytes()) {
        rc = tdm_errorf(err, TDM_EINPUT, path, 0, "file is too large (%zu bytes; the limit is %zu)",
                        len, tdm_max_file_bytes());
    }
    if (!rc) rc = tdm_ini_read(&s->doc, text, len, 16, err);
    free(read);
    if (!rc) rc = interpret(s, err);
    if (rc) {
        tdm_scenario_free(s);
        return -1;
    }
    *out = s;
    return 0;
}

int
tdm_scenario_load(const char *path, tdm_scenario **out, tdm_error *err)
{
    return load(NULL, 0, path, out, err);
}

int
tdm_scenario_load_string(const char *text, size_t len, const char *path, tdm_scenario **out,
                         tdm_error *err)
{
    return load(text, len, path, out, err);
}

void
tdm_scenario_free(tdm_scenario *s)
{
    if (!s) return;
    free(s->doc.secs);
    if (s->set_values) tdm_valbufs_free(s->set_values);
    free(s->set_values);
    if (s->lazy) tdm_lazies_free(s->lazy);
    free(s->lazy);
    tdm_arena_free(s->arena);
    free(s);
}

/* Writes the text of every price set as a number, before the scenario is read again.
 * (The sections never move while one is kept: a section is added only when it is missing,
 * and a number is kept only for a line of [prices] already read.) */
static int
write_lazy(tdm_scenario *s, tdm_error *err)
{
    if (s->lazy && tdm_lazy_write_all(s->lazy, s->set_values, s->arena))
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    return 0;
}

/* si in a value's own unit, as tdm_from_si gives it, the unit's factor parsed once into
 * *per_unit (a study sets a price or an intensity at every sample) */
static double
shown_value(const char *unit, double *per_unit, double si)
{
    if (*per_unit == 0) {
        tdm_dim d;
        if (tdm_unit_parse(unit, per_unit, &d, NULL, 0) || !(*per_unit != 0))
            *per_unit = 1; /* what tdm_from_si takes for a unit it cannot read */
    }
    return si / *per_unit;
}

/* The value in force of `prices.X` or `carbon.X` as the scenario's own section writes it: its
 * number, unit, factor, file and line, or false for none. */
struct own_value {
    double *value, *shown, *per_unit;
    const char *unit, *file;
    int line;
};

static bool
own_value(tdm_scenario *s, const char *key, tdm_section **sec, tdm_kv **kv, struct own_value *v)
{
    bool price = !strncmp(key, "prices.", 7), carbon = !strncmp(key, "carbon.", 7);
    *sec = NULL;
    *kv = NULL;
    if (!price && !carbon) return false;
    *sec = (tdm_section *)tdm_ini_section(&s->doc, price ? "prices" : "carbon");
    *kv = *sec ? (tdm_kv *)tdm_ini_kv(*sec, key + 7) : NULL;
    if (!*kv) return false;
    if (price) {
        for (int j = 0; j < s->db.nprices; j++) {
            tdm_price *p = &s->db.prices[j];
            if (strcmp(p->item, (*kv)->key)) continue;
            *v = (struct own_value){&p->value, &p->shown, &p->per_unit, p->unit, p->file, p->line};
            return true;
        }
        return false;
    }
    for (int j = 0; j < s->db.ncarbon; j++) {
        tdm_intensity *c = &s->db.carbon[j];
        if (strcmp(c->item, (*kv)->key)) continue;
        *v = (struct own_value){&c->value, &c->shown, &c->per_unit, c->unit, c->file, c->line};
        return true;
    }
    return false;
}

int
tdm_scenario_set_number(tdm_scenario *s, const char *key, double si, const char *shown,
                        const char *suffix, tdm_error *err)
{
    if (!shown) shown = "";
    tdm_section *sec;
    tdm_kv *kv;
    struct own_value v;
    /* the line of [prices] or [carbon] already read, in the same unit: changed in place */
    if (own_value(s, key, &sec, &kv, &v) && !suffix && s->set_values && v.file == s->path &&
        v.line == kv->line && !strcmp(v.unit, shown) && isfinite(si)) {
        if ((!s->lazy && !(s->lazy = calloc(1, sizeof *s->lazy))) ||
            tdm_lazy_keep(s->lazy, s->arena, sec, kv, sec->name, kv->key, si, v.unit, NULL))
            return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        *v.value = si;
        *v.shown = shown_value(v.unit, v.per_unit, si);
        return 0;
    }
    char buf[200];
    tdm_quantity_text(buf, sizeof buf, si, shown, suffix);
    if (tdm_scenario_set(s, key, buf, err)) return -1;
    /* the number itself, not its text read back (which may differ in the last bit): the
     * bits a set in place gives, so that a study's point does not depend on whether it was
     * the first to set this value (a job's first sample is; the same sample in one run is
     * not) */
    if (!suffix && isfinite(si) && own_value(s, key, &sec, &kv, &v) && !strcmp(v.unit, shown)) {
        *v.value = si;
        *v.shown = shown_value(v.unit, v.per_unit, si);
    }
    return 0;
}

int
tdm_scenario_set(tdm_scenario *s, const char *key, const char *value, tdm_error *err)
{
    if (write_lazy(s, err)) return -1;
    const char *secname = "scenario";
    if (strncmp(key, "prices.", 7) == 0) {
        secname = "prices";
        key += 7;
    } else if (strncmp(key, "carbon.", 7) == 0) {
        secname = "carbon";
        key += 7;
    }
    tdm_section *sec = NULL;
    for (int i = 0; i < s->doc.nsecs; i++)
        if (!strcmp(s->doc.secs[i].name, secname)) sec = &s->doc.secs[i];
    if (!sec) {
        if (s->doc.nsecs == s->doc.capsecs) {
            int cap = s->doc.capsecs ? 2 * s->doc.capsecs : 4;
            tdm_section *p = realloc(s->doc.secs, (size_t)cap * sizeof *p);
            if (!p) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
            s->doc.secs = p;
            s->doc.capsecs = cap;
        }
        sec = &s->doc.secs[s->doc.nsecs++];
        *sec = (tdm_section){.name = tdm_arena_strdup(s->arena, secname)};
    }
    if (!s->set_values && !(s->set_values = calloc(1, sizeof *s->set_values)))
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    int at = -1;
    for (int i = 0; i < sec->nkv; i++)
        if (!strcmp(sec->kv[i].key, key)) at = i;
    const char *old = at >= 0 ? sec->kv[at].value : NULL;
    if (at >= 0) {
        const char *v = tdm_valbuf_put(s->set_values, s->arena, secname, key, value);
        if (!v) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        sec->kv[at].value = v;
    } else if (tdm_ini_add(s->arena, sec, key, value, sec->line)) {
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    if (interpret(s, err) == 0) {
        sec->kv[at >= 0 ? at : sec->nkv - 1].set = true;
        return 0;
    }
    /* refused: the scenario stays as it was */
    if (at >= 0)
        sec->kv[at].value = old;
    else
        sec->nkv--;
    tdm_error ignored;
    interpret(s, &ignored);
    return -1;
}

const tdm_price *
tdm_scenario_price(const tdm_scenario *s, const char *item)
{
    /* the tables are a few dozen lines: a scan, comparing first letters first (the TEA of
     * every Monte Carlo sample looks up some twenty items) */
    for (int i = 0; i < s->db.nprices; i++)
        if (s->db.prices[i].item[0] == item[0] && !strcmp(s->db.prices[i].item, item))
            return &s->db.prices[i];
    return NULL;
}

const tdm_intensity *
tdm_scenario_intensity(const tdm_scenario *s, const char *item)
{
    for (int i = 0; i < s->db.ncarbon; i++)
        if (s->db.carbon[i].item[0] == item[0] && !strcmp(s->db.carbon[i].item, item))
            return &s->db.carbon[i];
    return NULL;
}

const tdm_equipment *
tdm_scenario_equipment(const tdm_scenario *s, const char *item)
{
    for (int i = 0; i < s->db.neq; i++)
        if (s->db.eq[i].item[0] == item[0] && !strcmp(s->db.eq[i].item, item)) return &s->db.eq[i];
    return NULL;
}

double
tdm_scenario_index(const tdm_scenario *s, int year)
{
    for (int i = 0; i < s->db.nindex; i++)
        if (s->db.index[i].year == year) return s->db.index[i].index;
    return NAN;
}

static bool
is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int
tdm_scenario_locate_in(const tdm_flowsheet *fs, const tdm_data_place *places, int nplaces,
                       char *buf, size_t n, tdm_error *err)
{
    const char *fpath = tdm_flowsheet_path(fs);
    int line;
    const char *key = tdm_flowsheet_scenario(fs, &line);
    if (key) { /* relative to the flowsheet's own folder */
        const char *slash = strrchr(fpath, '/');
        if (key[0] == '/' || !slash)
            snprintf(buf, n, "%s", key);
        else
            snprintf(buf, n, "%.*s/%s", (int)(slash - fpath), fpath, key);
        if (is_file(buf)) return 0;
        return tdm_errorf(err, TDM_EINPUT, fpath, line,
                          "[flowsheet] scenario `%s`: there is no such file (%s, relative to "
                          "the flowsheet's folder)",
                          key, buf);
    }
    char looked[700] = "";
    size_t used = 0;
    for (int i = 0; i < nplaces; i++) {
        const char *dir = places[i].path;
        if (dir[0]) {
            snprintf(buf, n, "%s/costs/base2023.ini", dir);
            if (is_file(buf)) return 0;
        }
        int w = snprintf(looked + used, sizeof looked - used, "%s%s (%s)", i ? ", " : "",
                         places[i].what, dir[0] ? dir : "not set");
        if (w > 0) used += (size_t)w;
        if (used >= sizeof looked) used = sizeof looked - 1;
    }
    return tdm_errorf(err, TDM_EINPUT, fpath, 0,
                      "no cost scenario: the file names none ([flowsheet] scenario) and "
                      "costs/base2023.ini is in none of the data directories: %s",
                      looked);
}

int
tdm_scenario_locate(const tdm_flowsheet *fs, char *buf, size_t n, tdm_error *err)
{
    tdm_data_place places[TDM_DATA_PLACES];
    int k = tdm_data_places(places);
    return tdm_scenario_locate_in(fs, places, k, buf, n, err);
}
