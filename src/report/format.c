/* Shared formatting and the summary list. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/arena.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/species.h"
#include "tandem/tea.h"
#include "tandem/unit.h"
#include "tandem/constants.h"
#include "writers.h"

int
tdm_format_parse(const char *s)
{
    if (strcmp(s, "text") == 0) return TDM_FMT_TEXT;
    if (strcmp(s, "csv") == 0) return TDM_FMT_CSV;
    if (strcmp(s, "json") == 0) return TDM_FMT_JSON;
    if (strcmp(s, "markdown") == 0) return TDM_FMT_MARKDOWN;
    return -1;
}

void
tdm_fmt_number(char *buf, size_t n, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return;
    }
    if (v == 0) {
        snprintf(buf, n, "0");
        return;
    }
    /* Round to 4 significant digits first, so 0.99999 shows as 1.000, not 1.0000. */
    char r[32];
    snprintf(r, sizeof r, "%.3e", v);
    v = strtod(r, NULL);
    double a = fabs(v);
    if (a >= 1e-3 && a < 1e7) {
        int mag = (int)floor(log10(a));
        int dec = 3 - mag;
        if (dec < 0) dec = 0;
        snprintf(buf, n, "%.*f", dec, v);
    } else {
        snprintf(buf, n, "%.3e", v);
    }
}

void
tdm_fmt_dash(char *buf, size_t n, double v)
{
    if (!isfinite(v))
        snprintf(buf, n, "-");
    else
        tdm_fmt_number(buf, n, v);
}

void
tdm_fmt_money(char *b, size_t n, double v)
{
    if (!isfinite(v)) {
        snprintf(b, n, "-");
        return;
    }
    if (fabs(v) >= 1e15) { /* beyond any plant: in powers of ten, not cut digits */
        snprintf(b, n, "%.4g", v);
        return;
    }
    char raw[64];
    snprintf(raw, sizeof raw, "%.0f", fabs(v));
    size_t len = strlen(raw), k = 0;
    if (v < -0.5 && k + 1 < n) b[k++] = '-';
    for (size_t i = 0; i < len && k + 2 < n; i++) {
        b[k++] = raw[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len) b[k++] = ',';
    }
    b[k] = '\0';
}

void
tdm_fmt_quantity(char *num, size_t nn, char *unit, size_t nu, double si, const char *disp)
{
    if (strcmp(disp, "A") == 0 || strcmp(disp, "W") == 0) {
        static const struct {
            double f;
            const char *p;
        } pre[] = {{1e9, "G"}, {1e6, "M"}, {1e3, "k"}, {1, ""}, {1e-3, "m"}, {1e-6, "u"}};
        double a = fabs(si);
        size_t i = 0;
        if (isfinite(a) && a > 0)
            while (i + 1 < sizeof pre / sizeof *pre && a < pre[i].f)
                i++;
        else
            i = 3;
        tdm_fmt_number(num, nn, si / pre[i].f);
        snprintf(unit, nu, "%s%s", pre[i].p, disp);
        return;
    }
    if (strcmp(disp, "C") == 0) {
        tdm_fmt_number(num, nn, si - 273.15);
        snprintf(unit, nu, "C");
        return;
    }
    tdm_fmt_number(num, nn, *disp ? tdm_from_si(si, disp) : si);
    snprintf(unit, nu, "%s", disp);
}

/* One figure more; a key or label that could not be made (NULL: out of memory) makes the
 * whole list fail, -1 with errno ENOMEM, so that no report is written without it. */
static int
add(tdm_quant *q, int n, int max, const char *key, const char *label, double v, const char *unit)
{
    if (n < 0) return n;
    if (!key || !label) {
        errno = ENOMEM;
        return -1;
    }
    if (n < max) q[n] = (tdm_quant){.key = key, .label = label, .value = v, .unit = unit};
    return n + 1;
}

static double
per_kg(const tdm_summary *S, double w)
{
    return S->product_kg_s > 0 ? w / S->product_kg_s : NAN;
}

int
tdm_summary_quants(const tdm_results *res, tdm_quant *q, int max)
{
    const tdm_summary *S = &res->summary;
    const tdm_flowsheet *fs = res->fs;
    tdm_arena *a = res->arena;
    const char *kr = tdm_flowsheet_species_info(fs, S->key_reactant)->name;
    double M_co2 = tdm_species_get(TDM_SPECIES_CO2)->molar_mass;
    int n = 0;
    n = add(q, n, max, "product_rate", "main product rate", S->product_kg_s, "t/day");
    n = add(q, n, max, "electric_power", "electric power", S->electric_w, "MW");
    n = add(q, n, max, "electric_energy", "electricity per t of product", S->electric_j_per_kg,
            "GJ/t");
    n = add(q, n, max, "electric_energy_mwh", "electricity per t of product", S->electric_j_per_kg,
            "MWh/t");
    /* Electricity by kind of unit: where it goes. */
    for (int k = 0; k < tdm_unit_kind_count(); k++) {
        const tdm_unit_kind *kind = tdm_unit_kind_get(k);
        double w = 0;
        bool any = false;
        for (int i = 0; i < res->nunits; i++)
            if (tdm_flowsheet_unit(fs, i)->kind == kind && res->units[i].electric_w != 0) {
                w += res->units[i].electric_w;
                any = true;
            }
        if (!any) continue;
        n = add(q, n, max, tdm_arena_printf(a, "electric_energy_%s", kind->name),
                tdm_arena_printf(a, "  of which %ss", kind->name), per_kg(S, w), "GJ/t");
    }
    n = add(q, n, max, "heat_supplied", "heat supplied to units", S->heat_in_w, "MW");
    n = add(q, n, max, "heat_supplied_low", "  at up to 100 C", S->heat_in_band_w[0], "MW");
    n = add(q, n, max, "heat_supplied_mid", "  at 100 to 400 C", S->heat_in_band_w[1], "MW");
    n = add(q, n, max, "heat_supplied_high", "  above 400 C", S->heat_in_band_w[2], "MW");
    n = add(q, n, max, "heat_rejected", "heat rejected by units (cooling)", S->heat_out_w, "MW");
    n = add(q, n, max, "heat_energy", "heat per t of product", per_kg(S, S->heat_in_w), "GJ/t");
    n = add(q, n, max, "cooling_energy", "cooling per t of product", per_kg(S, S->heat_out_w),
            "GJ/t");
    n = add(q, n, max, "total_energy", "electricity + heat per t of product", S->energy_j_per_kg,
            "GJ/t");
    /* The rate of each other product and by-product. Not its energy per tonne: the whole
     * plant's power over a by-product's rate (827 GJ/t of H2 in a cell making C2H4) reads
     * as what the by-product costs and is not; there is no allocation between products. */
    const char *main_name = tdm_flowsheet_species_info(fs, S->main_product)->name;
    const char *seen[16];
    int nseen = 0;
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit_result *r = &res->units[i];
        if (r->role != TDM_ROLE_PRODUCT && r->role != TDM_ROLE_BYPRODUCT) continue;
        const char *sp = NULL;
        for (int j = 0; j < r->nq; j++)
            if (strcmp(r->q[j].key, "species_rate") == 0) sp = r->q[j].label;
        bool dup = !sp || strcmp(sp, main_name) == 0;
        for (int j = 0; j < nseen && !dup; j++)
            dup = strcmp(seen[j], sp) == 0;
        if (dup || nseen == 16) continue;
        seen[nseen++] = sp;
        double kg = 0; /* this species over every product and by-product outlet */
        for (int j = 0; j < res->nunits; j++) {
            const tdm_unit_result *o = &res->units[j];
            if (o->role != TDM_ROLE_PRODUCT && o->role != TDM_ROLE_BYPRODUCT) continue;
            for (int m = 0; m < o->nq; m++)
                if (strcmp(o->q[m].key, "species_rate") == 0 && strcmp(o->q[m].label, sp) == 0)
                    kg += o->q[m].value;
        }
        n = add(q, n, max, tdm_arena_printf(a, "byproduct.%s.rate", sp),
                tdm_arena_printf(a, "by-product %s", sp), kg, "t/day");
    }
    n = add(q, n, max, "reaction_enthalpy", "reaction enthalpy per t of product",
            per_kg(S, S->reaction_h_w), "GJ/t");
    n = add(q, n, max, "gibbs_minimum", "Gibbs minimum per t of product", per_kg(S, S->gibbs_min_w),
            "GJ/t");
    n = add(q, n, max, "second_law_efficiency", "second-law efficiency", S->second_law_eff, "%");
    n = add(q, n, max, "carbon_efficiency", "carbon efficiency (C in product / C fed)",
            S->carbon_efficiency, "%");
    n = add(q, n, max, "co2_crossover", "CO2 to anodes as carbonate",
            S->co2_crossover_mol_s * M_co2, "t/day");
    n = add(q, n, max, "co2_crossover_per_product", "CO2 to carbonate per t of product",
            per_kg(S, S->co2_crossover_mol_s * M_co2), "t/t");
    n = add(q, n, max, "co2_out", "CO2 leaving the plant", S->co2_out_mol_s * M_co2, "t/day");
    n = add(q, n, max, "key_fed", tdm_arena_printf(a, "%s fed", kr),
            S->key_fed_mol_s * tdm_flowsheet_species_info(fs, S->key_reactant)->molar_mass,
            "t/day");
    for (int i = 0; i < res->nunits; i++) {
        double x = tdm_result_get(&res->units[i], "single_pass_conversion");
        if (isnan(x)) continue;
        const char *name = tdm_flowsheet_unit(fs, i)->name;
        n = add(q, n, max, tdm_arena_printf(a, "single_pass_conversion.%s", name),
                tdm_arena_printf(a, "single-pass conversion, %s", name), x, "%");
    }
    n = add(q, n, max, "overall_conversion", tdm_arena_printf(a, "overall conversion of %s", kr),
            S->overall_conversion, "%");
    for (int e = 0; e < TDM_NEL; e++)
        n = add(q, n, max, tdm_arena_printf(a, "closure.%s", tdm_element_symbol(e)),
                tdm_arena_printf(a, "element closure %s (relative)", tdm_element_symbol(e)),
                S->closure[e].rel, "");
    n = add(q, n, max, "closure.energy", "energy closure (relative)", S->energy.rel, "");
    return n;
}

void
tdm_headline_of(const tdm_results *res, const struct tdm_tea *t, tdm_headline *h)
{
    h->lcop = t ? t->lcop : NAN;
    const tdm_summary *S = &res->summary;
    const char *p = tdm_flowsheet_path(res->fs);
    const char *slash = strrchr(p, '/');
    snprintf(h->name, sizeof h->name, "%s", slash ? slash + 1 : p);
    char *dot = strrchr(h->name, '.');
    if (dot && strcmp(dot, ".ini") == 0) *dot = '\0';
    const tdm_species *P = tdm_flowsheet_species_info(res->fs, tdm_flowsheet_main_product(res->fs));
    h->product = P->name;
    h->common = P->common;
    h->rate = tdm_from_si(S->product_kg_s, "t/day");
    h->electricity = tdm_from_si(S->electric_j_per_kg, "GJ/t");
    h->heat = tdm_from_si(per_kg(S, S->heat_in_w), "GJ/t");
    h->total = tdm_from_si(S->energy_j_per_kg, "GJ/t");
    h->gibbs = tdm_from_si(per_kg(S, S->gibbs_min_w), "GJ/t");
    h->second_law = tdm_from_si(S->second_law_eff, "%");
    h->carbon = tdm_from_si(S->carbon_efficiency, "%");
}

int
tdm_report_solve(FILE *f, enum tdm_format fmt, const tdm_results *res)
{
    switch (fmt) {
    case TDM_FMT_TEXT:
        return tdm_text_solve(f, res);
    case TDM_FMT_CSV:
        return tdm_csv_solve(f, res);
    case TDM_FMT_JSON:
        return tdm_json_solve(f, res);
    case TDM_FMT_MARKDOWN:
        break; /* compare only */
    }
    return -1;
}

int
tdm_compare_quants(const tdm_results *res, const struct tdm_tea *t, tdm_quant *q, int max)
{
    int n = tdm_summary_quants(res, q, max);
    if (!t || n < 0 || n >= max) return n;
    const struct {
        const char *key, *label, *unit;
        double v;
    } c[] = {
        {"total_capital", "total capital investment", "M$", t->total_capital},
        {"operating_cost", "operating cost (by-products not counted)", "M$/yr",
         t->opex_total / TDM_SECONDS_PER_YEAR},
        {"byproduct_revenue", "by-product revenue", "M$/yr",
         t->byproduct_revenue / TDM_SECONDS_PER_YEAR},
        {"levelized_cost", "levelized cost of the main product", "$/t", t->lcop / 1000},
        {"market_price", "market price of the main product", "$/t", t->market_price / 1000},
        {"npv", "NPV at the market price", "M$", t->npv},
        {"irr", "IRR at the market price", "%", t->irr},
    };
    for (size_t k = 0; k < sizeof c / sizeof *c; k++)
        n = add(q, n, max, c[k].key, c[k].label, c[k].v, c[k].unit);
    return n;
}

int
tdm_report_compare(FILE *f, enum tdm_format fmt, enum tdm_layout layout,
                   const tdm_results *const *res, const struct tdm_tea *const *teas, int n)
{
    if (layout == TDM_LAYOUT_AUTO) layout = n <= 4 ? TDM_LAYOUT_COLUMNS : TDM_LAYOUT_ROWS;
    switch (fmt) {
    case TDM_FMT_TEXT:
        return layout == TDM_LAYOUT_ROWS ? tdm_text_compare_rows(f, res, teas, n)
                                         : tdm_text_compare(f, res, teas, n);
    case TDM_FMT_MARKDOWN:
        return tdm_markdown_compare(f, res, teas, n);
    case TDM_FMT_CSV:
        return tdm_csv_compare(f, res, teas, n);
    case TDM_FMT_JSON:
        return tdm_json_compare(f, res, teas, n);
    }
    return -1;
}

int
tdm_report_species(FILE *f, enum tdm_format fmt, const tdm_flowsheet *fs)
{
    switch (fmt) {
    case TDM_FMT_TEXT:
        return tdm_text_species(f, fs);
    case TDM_FMT_CSV:
        return tdm_csv_species(f, fs);
    case TDM_FMT_JSON:
        return tdm_json_species(f, fs);
    case TDM_FMT_MARKDOWN:
        break; /* compare only */
    }
    return -1;
}

int
tdm_species_list(const tdm_flowsheet *fs, const tdm_species **out, int max)
{
    int n = 0;
    for (int i = 0; n < max; i++) {
        const tdm_species *s = fs ? tdm_flowsheet_species_info(fs, i) : tdm_species_get(i);
        if (!s) break;
        out[n++] = s;
    }
    return n;
}
