/* figures.c: the plant's figures as one list of quantities (key, label, value, display
 * unit), the same for every report format, for compare, for studies and for serve. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tandem/arena.h"
#include "tandem/constants.h"
#include "tandem/figures.h"
#include "tandem/flowsheet.h"
#include "tandem/species.h"
#include "tandem/tea.h"
#include "tandem/unit.h"

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

/* ---- single figures: one getter each, in SI --------------------------------------- */

static double
co2_kg(double mol_s)
{
    return mol_s * tdm_species_get(TDM_SPECIES_CO2)->molar_mass;
}

/* mol/s of the key reactant in kg/s */
static double
key_kg(const tdm_results *res, double mol_s)
{
    return mol_s * tdm_flowsheet_species_info(res->fs, res->summary.key_reactant)->molar_mass;
}

/* A single figure's getter, in SI: from the plant's summary S, or from its cost model t. */
#define SUMMARY(name, expr)                                                                        \
    static double name(const tdm_results *res, const struct tdm_tea *t)                            \
    {                                                                                              \
        (void)t;                                                                                   \
        const tdm_summary *S = &res->summary;                                                      \
        return expr;                                                                               \
    }
#define COST(name, expr)                                                                           \
    static double name(const tdm_results *res, const struct tdm_tea *t)                            \
    {                                                                                              \
        (void)res;                                                                                 \
        return expr;                                                                               \
    }

SUMMARY(g_product_rate, S->product_kg_s)
SUMMARY(g_electric_power, S->electric_w)
SUMMARY(g_electric_energy, S->electric_j_per_kg)
SUMMARY(g_heat_supplied, S->heat_in_w)
SUMMARY(g_heat_low, S->heat_in_band_w[0])
SUMMARY(g_heat_mid, S->heat_in_band_w[1])
SUMMARY(g_heat_high, S->heat_in_band_w[2])
SUMMARY(g_heat_rejected, S->heat_out_w)
SUMMARY(g_heat_energy, per_kg(S, S->heat_in_w))
SUMMARY(g_cooling_energy, per_kg(S, S->heat_out_w))
SUMMARY(g_total_energy, S->energy_j_per_kg)
SUMMARY(g_reaction_enthalpy, per_kg(S, S->reaction_h_w))
SUMMARY(g_gibbs_minimum, per_kg(S, S->gibbs_min_w))
SUMMARY(g_second_law, S->second_law_eff)
SUMMARY(g_carbon, S->carbon_efficiency)
SUMMARY(g_co2_crossover, co2_kg(S->co2_crossover_mol_s))
SUMMARY(g_co2_crossover_per_product, per_kg(S, co2_kg(S->co2_crossover_mol_s)))
SUMMARY(g_co2_out, co2_kg(S->co2_out_mol_s))
SUMMARY(g_key_fed, key_kg(res, S->key_fed_mol_s))
SUMMARY(g_overall_conversion, S->overall_conversion)
SUMMARY(g_energy_closure, S->energy.rel)
COST(g_total_capital, t->total_capital)
COST(g_operating_cost, t->opex_total / TDM_SECONDS_PER_YEAR)
COST(g_byproduct_revenue, t->byproduct_revenue / TDM_SECONDS_PER_YEAR)
COST(g_levelized_cost, t->lcop / 1000)
COST(g_market_price, t->market_price / 1000)
COST(g_npv, t->npv)
COST(g_irr, t->irr)
/* the carbon account (kg per kg), NAN without carbon data */
#define CARBON(name, expr) COST(name, t->carbon.assessed ? (expr) : NAN)
CARBON(g_emissions, t->carbon.per_kg)
CARBON(g_co2_fixed, t->carbon.fixed)
CARBON(g_co2_net, t->carbon.net_utilized)
CARBON(g_reference, t->carbon.reference)
CARBON(g_avoided, t->carbon.avoided)
CARBON(g_abatement, t->carbon.abatement / 1000)       /* $/kg */
CARBON(g_breakeven, t->carbon.breakeven_grid / 3.6e6) /* kg/J */
#undef CARBON
#undef SUMMARY
#undef COST

/* ---- groups: figures made from what the plant holds --------------------------------- */

/* Electricity by kind of unit: where it goes. */
static int
x_electricity_by_kind(const tdm_results *res, tdm_quant *q, int n, int max)
{
    const tdm_flowsheet *fs = res->fs;
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
        n = add(q, n, max, tdm_arena_printf(res->arena, "electric_energy_%s", kind->name),
                tdm_arena_printf(res->arena, "  of which %ss", kind->name),
                per_kg(&res->summary, w), "GJ/t");
    }
    return n;
}

/* The rate of each other product and by-product. Not its energy per tonne: the whole
 * plant's power over a by-product's rate (827 GJ/t of H2 in a cell making C2H4) reads as
 * what the by-product costs and is not; there is no allocation between products. */
static int
x_byproducts(const tdm_results *res, tdm_quant *q, int n, int max)
{
    const tdm_flowsheet *fs = res->fs;
    const char *main_name = tdm_flowsheet_species_info(fs, res->summary.main_product)->name;
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
        n = add(q, n, max, tdm_arena_printf(res->arena, "byproduct.%s.rate", sp),
                tdm_arena_printf(res->arena, "by-product %s", sp), kg, "t/day");
    }
    return n;
}

/* Each cell's single-pass conversion. */
static int
x_conversions(const tdm_results *res, tdm_quant *q, int n, int max)
{
    for (int i = 0; i < res->nunits; i++) {
        double x = tdm_result_get(&res->units[i], "single_pass_conversion");
        if (isnan(x)) continue;
        const char *name = tdm_flowsheet_unit(res->fs, i)->name;
        n = add(q, n, max, tdm_arena_printf(res->arena, "single_pass_conversion.%s", name),
                tdm_arena_printf(res->arena, "single-pass conversion, %s", name), x, "%");
    }
    return n;
}

/* Each element's closure. */
static int
x_closures(const tdm_results *res, tdm_quant *q, int n, int max)
{
    for (int e = 0; e < TDM_NEL; e++)
        n = add(
            q, n, max, tdm_arena_printf(res->arena, "closure.%s", tdm_element_symbol(e)),
            tdm_arena_printf(res->arena, "element closure %s (relative)", tdm_element_symbol(e)),
            res->summary.closure[e].rel, "");
    return n;
}

/* ---- the table: the order of every report ------------------------------------------ */

/* A label with %s names the key reactant ("CO2 fed"). */
/* clang-format off */
static const tdm_figure table[] = {
    {"product_rate", "main product rate", "t/day", false, g_product_rate, NULL},
    {"electric_power", "electric power", "MW", false, g_electric_power, NULL},
    {"electric_energy", "electricity per t of product", "GJ/t", false, g_electric_energy, NULL},
    {"electric_energy_mwh", "electricity per t of product", "MWh/t", false, g_electric_energy, NULL},
    {NULL, NULL, NULL, false, NULL, x_electricity_by_kind},
    {"heat_supplied", "heat supplied to units", "MW", false, g_heat_supplied, NULL},
    {"heat_supplied_low", "  at up to 100 C", "MW", false, g_heat_low, NULL},
    {"heat_supplied_mid", "  at 100 to 400 C", "MW", false, g_heat_mid, NULL},
    {"heat_supplied_high", "  above 400 C", "MW", false, g_heat_high, NULL},
    {"heat_rejected", "heat rejected by units (cooling)", "MW", false, g_heat_rejected, NULL},
    {"heat_energy", "heat per t of product", "GJ/t", false, g_heat_energy, NULL},
    {"cooling_energy", "cooling per t of product", "GJ/t", false, g_cooling_energy, NULL},
    {"total_energy", "electricity + heat per t of product", "GJ/t", false, g_total_energy, NULL},
    {NULL, NULL, NULL, false, NULL, x_byproducts},
    {"reaction_enthalpy", "reaction enthalpy per t of product", "GJ/t", false, g_reaction_enthalpy, NULL},
    {"gibbs_minimum", "Gibbs minimum per t of product", "GJ/t", false, g_gibbs_minimum, NULL},
    {"second_law_efficiency", "second-law efficiency", "%", false, g_second_law, NULL},
    {"carbon_efficiency", "carbon efficiency (C in product / C fed)", "%", false, g_carbon, NULL},
    {"co2_crossover", "CO2 to anodes as carbonate", "t/day", false, g_co2_crossover, NULL},
    {"co2_crossover_per_product", "CO2 to carbonate per t of product", "t/t", false, g_co2_crossover_per_product, NULL},
    {"co2_out", "CO2 leaving the plant", "t/day", false, g_co2_out, NULL},
    {"key_fed", "%s fed", "t/day", false, g_key_fed, NULL},
    {NULL, NULL, NULL, false, NULL, x_conversions},
    {"overall_conversion", "overall conversion of %s", "%", false, g_overall_conversion, NULL},
    {NULL, NULL, NULL, false, NULL, x_closures},
    {"closure.energy", "energy closure (relative)", "", false, g_energy_closure, NULL},
    /* the headline cost figures, when the plant is priced */
    {"total_capital", "total capital investment", "M$", true, g_total_capital, NULL},
    {"operating_cost", "operating cost (by-products not counted)", "M$/yr", true, g_operating_cost, NULL},
    {"byproduct_revenue", "by-product revenue", "M$/yr", true, g_byproduct_revenue, NULL},
    {"levelized_cost", "levelized cost of the main product", "$/t", true, g_levelized_cost, NULL},
    {"market_price", "market price of the main product", "$/t", true, g_market_price, NULL},
    {"npv", "NPV at the market price", "M$", true, g_npv, NULL},
    {"irr", "IRR at the market price", "%", true, g_irr, NULL},
    /* the carbon account, with the scenario's carbon intensities (docs/carbon.md) */
    {"emissions", "emissions per t of product, cradle to gate", "t/t", true, g_emissions, NULL},
    {"co2_fixed", "CO2 bound in a t of product", "t/t", true, g_co2_fixed, NULL},
    {"co2_net_utilized", "net CO2 utilized per t of product", "t/t", true, g_co2_net, NULL},
    {"reference_emissions", "emissions of the route it replaces", "t/t", true, g_reference, NULL},
    {"co2_avoided", "CO2e avoided per t of product", "t/t", true, g_avoided, NULL},
    {"abatement_cost", "abatement cost", "$/t", true, g_abatement, NULL},
    {"breakeven_grid", "grid intensity at which it breaks even", "g/kWh", true, g_breakeven, NULL},
};
/* clang-format on */

enum { NFIG = sizeof table / sizeof table[0] };

const tdm_figure *
tdm_figure_find(const char *key)
{
    for (int i = 0; i < NFIG; i++)
        if (table[i].key && !strcmp(table[i].key, key)) return &table[i];
    return NULL;
}

const tdm_figure *
tdm_figure_at(int i)
{
    return i >= 0 && i < NFIG ? &table[i] : NULL;
}

/* The figures of the table, the cost ones only with t. */
static int
quants(const tdm_results *res, const struct tdm_tea *t, tdm_quant *q, int max)
{
    const char *kr = tdm_flowsheet_species_info(res->fs, res->summary.key_reactant)->name;
    int n = 0;
    for (int i = 0; i < NFIG && n >= 0; i++) {
        const tdm_figure *f = &table[i];
        if (f->needs_cost && (!t || n >= max)) break; /* no room: the summary is whole */
        if (f->expand) {
            n = f->expand(res, q, n, max);
            continue;
        }
        const char *label =
            strchr(f->label, '%') ? tdm_arena_printf(res->arena, f->label, kr) : f->label;
        n = add(q, n, max, f->key, label, f->get(res, t), f->unit);
    }
    return n;
}

int
tdm_summary_quants(const tdm_results *res, tdm_quant *q, int max)
{
    return quants(res, NULL, q, max);
}

int
tdm_compare_quants(const tdm_results *res, const struct tdm_tea *t, tdm_quant *q, int max)
{
    return quants(res, t, q, max);
}
