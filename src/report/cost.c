/* Cost reports: text for the terminal; CSV and JSON for programs, written once. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/tea.h"
#include "emit.h"
#include "tandem/doc.h"
#include "writers.h"

static const char *const conv_names[] = {"discounted cash flow", "capital recovery factor",
                                         "straight-line capital"};

/* The carbon account (docs/carbon.md): each emission, the sums by cause, the comparison. */
static int
emissions_text(FILE *f, const tdm_tea *t, const char *prod)
{
    const tdm_carbon *c = &t->carbon;
    char a[64], b[64], d[64];
    if (!c->assessed) {
        fprintf(f, "\nEMISSIONS: the scenario has no carbon intensities (carbon.csv): not "
                   "assessed\n");
        return ferror(f) ? -1 : 0;
    }
    fprintf(f,
            "\nEMISSIONS (per year, kg CO2e, cradle to gate)\n  %-28s %14s %-8s %12s %-8s %14s\n",
            "line", "amount", "", "intensity", "", "kg CO2e/yr");
    for (int i = 0; i < t->nco2; i++) {
        const tdm_co2_line *l = &t->co2[i];
        tdm_fmt_dash(a, sizeof a, l->amount);
        tdm_fmt_dash(b, sizeof b, l->intensity);
        if (isnan(l->intensity))
            snprintf(d, sizeof d, "not assessed");
        else
            tdm_fmt_money(d, sizeof d, l->co2e);
        char unit[24];
        snprintf(unit, sizeof unit, "kg/%s", l->amount_unit);
        char *slash = strrchr(unit, '/'); /* kg/kWh/yr -> kg/kWh */
        if (slash && !strcmp(slash, "/yr")) *slash = '\0';
        fprintf(f, "  %-28.28s %14s %-8.8s %12s %-8.8s %14s\n", l->name, a, l->amount_unit, b, unit,
                d);
    }
    fprintf(f, "\n  per t of %s, by cause%43s\n", prod, "t CO2e/t");
    for (int k = 0; k < TDM_CO2_NCAUSES; k++) {
        if (c->cause[k] == 0) continue;
        tdm_fmt_dash(a, sizeof a, c->cause[k] / (t->production_t * 1000));
        fprintf(f, "  %-60s %12s\n", tdm_co2_cause_name((enum tdm_co2_cause)k), a);
    }
    tdm_fmt_dash(a, sizeof a, c->per_kg);
    fprintf(f, "  %-60s %12s\n", "emissions, cradle to gate", a);
    if (c->nmissing) {
        fprintf(f, "  a lower bound, without what is not assessed:\n");
        for (int i = 0; i < t->nco2; i++)
            if (isnan(t->co2[i].intensity))
                fprintf(f, "    %s: %s\n", t->co2[i].name, t->co2[i].source);
    }
    tdm_fmt_dash(a, sizeof a, c->fixed);
    fprintf(f, "  %-60s %12s\n", "CO2 bound in the product", a);
    tdm_fmt_dash(a, sizeof a, c->net_utilized);
    fprintf(f, "  %-60s %12s\n", "net CO2 utilized (CO2 fed less every emission)", a);
    tdm_fmt_dash(a, sizeof a, c->grid * 1000);
    fprintf(f, "  %-60s %12s g/kWh\n", "with electricity at", a);
    if (isnan(c->reference)) {
        fprintf(f, "  no intensity for %s as made today: no comparison\n", prod);
        return ferror(f) ? -1 : 0;
    }
    tdm_fmt_dash(a, sizeof a, c->reference);
    fprintf(f, "  %-60s %12s\n  (%s)\n", "the route it replaces", a, c->reference_source);
    tdm_fmt_dash(a, sizeof a, c->avoided);
    fprintf(f, "  %-60s %12s\n", "avoided", a);
    if (c->avoided > 0) {
        tdm_fmt_dash(a, sizeof a, c->abatement);
        fprintf(f, "  %-60s %12s $/t CO2e\n", "abatement cost", a);
    } else {
        fprintf(f, "  it emits more than the route it replaces: no abatement\n");
    }
    if (isnan(c->breakeven_grid))
        fprintf(f, "  its emissions do not move with the grid's: no break-even intensity\n");
    else if (c->breakeven_grid < 0)
        fprintf(f, "  above the route it replaces even on carbon-free electricity\n");
    else {
        tdm_fmt_dash(a, sizeof a, c->breakeven_grid * 1000);
        fprintf(f, "  %-60s %12s g/kWh\n", "breaks even with electricity at", a);
    }
    return ferror(f) ? -1 : 0;
}

static int
text(FILE *f, const tdm_results *res, const tdm_tea *t)
{
    const tdm_scenario *sc = t->sc;
    const tdm_flowsheet *fs = res->fs;
    const char *prod = tdm_flowsheet_species_info(fs, tdm_flowsheet_main_product(fs))->name;
    char a[64], b[64], c[64], d[64];
    fprintf(f, "COST of %s\n  scenario: %s (%s)\n  %s, %d dollars, %d years, %.0f h/yr\n\n",
            tdm_flowsheet_title(fs), sc->title, sc->path, conv_names[sc->convention], sc->year,
            sc->life, t->hours);
    fprintf(f, "CAPITAL\n  %-14s %-26s %-12s %12s %-6s %12s %12s\n", "unit", "item", "basis",
            "size", "", "purchased $", "installed $");
    for (int i = 0; i < t->ncapex; i++) {
        const tdm_capex_line *l = &t->capex[i];
        tdm_fmt_dash(a, sizeof a, l->size);
        tdm_fmt_money(b, sizeof b, l->purchased);
        tdm_fmt_money(c, sizeof c, l->installed);
        fprintf(f, "  %-14.14s %-26.26s %-12s %12s %-6.6s %12s %12s\n", l->unit, l->item, l->basis,
                a, l->size_unit, b, c);
    }
    for (int i = 0; i < t->nunpriced; i++)
        fprintf(f, "  %-14.14s (no equipment item: not priced)\n", t->unpriced[i]);
    if (t->unpriced_more) fprintf(f, "  and %d more units not priced\n", t->unpriced_more);
    tdm_fmt_money(a, sizeof a, t->direct);
    fprintf(f, "  %-60s %26s\n", "installed equipment (direct)", a);
    for (int k = 0; k < sc->nindirect; k++) {
        char lbl[96];
        snprintf(lbl, sizeof lbl, "indirect: %s (%.4g %% of direct)", sc->indirect_name[k],
                 sc->indirect[k] * 100);
        tdm_fmt_money(a, sizeof a, t->indirect_part[k]);
        fprintf(f, "  %-60s %26s\n", lbl, a);
    }
    tdm_fmt_money(a, sizeof a, t->fixed_capital);
    fprintf(f, "  %-60s %26s\n", "fixed capital", a);
    tdm_fmt_money(a, sizeof a, t->working_capital);
    fprintf(f, "  %-60s %26s\n", "working capital", a);
    tdm_fmt_money(a, sizeof a, t->total_capital);
    fprintf(f, "  %-60s %26s\n\n", "total capital investment", a);

    fprintf(f, "OPERATING COST (per year)\n  %-28s %14s %-8s %12s %-6s %14s\n", "line", "amount",
            "", "price", "", "$/yr");
    for (int i = 0; i < t->nopex; i++) {
        const tdm_opex_line *l = &t->opex[i];
        tdm_fmt_dash(a, sizeof a, l->amount);
        tdm_fmt_dash(b, sizeof b, l->price);
        tdm_fmt_money(c, sizeof c, l->cost);
        fprintf(f, "  %-28.28s %14s %-8.8s %12s %-6.6s %14s\n", l->name, a, l->amount_unit, b,
                l->price_unit, c);
    }
    tdm_fmt_money(a, sizeof a, t->opex_total);
    fprintf(f, "  %-72s %14s\n", "operating cost (by-products not counted)", a);
    tdm_fmt_money(a, sizeof a, t->byproduct_revenue);
    fprintf(f, "  %-72s %14s\n\n", "by-product revenue", a);

    tdm_fmt_dash(a, sizeof a, t->production_t);
    fprintf(f, "LEVELIZED COST of %s (%s t/yr)\n", prod, a);
    tdm_fmt_dash(a, sizeof a, t->lcop_capital);
    fprintf(f, "  %-40s %12s $/t\n", "capital", a);
    if (t->lcop_replacement != 0) {
        tdm_fmt_dash(a, sizeof a, t->lcop_replacement);
        fprintf(f, "  %-40s %12s $/t\n", "replacements", a);
    }
    for (int i = 0; i < t->nopex; i++) {
        tdm_fmt_dash(a, sizeof a, t->opex[i].cost / t->production_t);
        fprintf(f, "  %-40.40s %12s $/t\n", t->opex[i].name, a);
    }
    tdm_fmt_dash(a, sizeof a, t->lcop_rest);
    fprintf(f, "  %-40s %12s $/t\n", "taxes, timing, additional cost", a);
    tdm_fmt_dash(a, sizeof a, t->lcop);
    fprintf(f, "  %-40s %12s $/t\n", "levelized cost", a);
    char missing[400];
    if (tdm_tea_unpriced_inputs(t, missing, sizeof missing))
        fprintf(f, "  a lower bound: no price for %s (not counted)\n", missing);
    fputc('\n', f);
    if (isnan(t->market_price)) {
        fprintf(f, "MARKET: no price for %s in %s; NPV, IRR and payback not computed\n", prod,
                sc->files[1]);
    } else {
        tdm_fmt_dash(a, sizeof a, t->market_price);
        tdm_fmt_money(b, sizeof b, t->npv);
        tdm_fmt_dash(c, sizeof c, t->irr * 100);
        tdm_fmt_dash(d, sizeof d, t->payback);
        fprintf(f, "MARKET at %s $/t of %s\n  NPV %s $, IRR %s %%, payback %s years\n", a, prod, b,
                c, d);
        if (t->market_purity > 0 && t->product_purity < t->market_purity * (1 - 1e-12))
            fprintf(f,
                    "  but the %s sold is %.4g mol%%, below the %.4g %% that price is for: it "
                    "would sell for less, or needs further purification\n",
                    prod, 100 * t->product_purity, 100 * t->market_purity);
    }
    if (emissions_text(f, t, prod)) return -1;
    fprintf(f, "\nCASH FLOW (at the %s price, $)\n  %5s",
            isnan(t->market_price) ? "levelized" : "market", "year");
    for (int k = 0; k < TDM_CASH_NSUMMARY; k++)
        fprintf(f, " %14s", tdm_cash_summary[k].heading);
    fputc('\n', f);
    for (int i = 0; i < t->nrows; i++) {
        fprintf(f, "  %5d", t->rows[i].year);
        for (int k = 0; k < TDM_CASH_NSUMMARY; k++) {
            tdm_fmt_money(a, sizeof a, tdm_cash_value(&t->rows[i], &tdm_cash_summary[k]));
            fprintf(f, " %14s", a);
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

/* The cost report for programs, written once (emit.h): JSON nested, CSV one value a row. */
static int
machine(tdm_emitter *e, const tdm_results *res, const tdm_tea *t)
{
    const tdm_scenario *sc = t->sc;
    tdm_emit_text(e, "flowsheet", tdm_flowsheet_path(res->fs));
    tdm_emit_open(e, "scenario", TDM_MAP | TDM_INLINE);
    tdm_emit_item(e, "scenario", sc->path);
    tdm_emit_text(e, "path", sc->path);
    tdm_emit_text(e, "title", sc->title);
    tdm_emit_num(e, "year", sc->year);
    tdm_emit_text(e, "convention", conv_names[sc->convention]);
    tdm_emit_qty(e, "discount_rate", sc->discount, "");
    tdm_emit_qty(e, "plant_life", sc->life, "yr");
    tdm_emit_qty(e, "operating_hours", t->hours, "h/yr");
    tdm_emit_close(e);

    tdm_emit_open(e, "capital", TDM_LIST);
    for (int i = 0; i < t->ncapex; i++) {
        const tdm_capex_line *l = &t->capex[i];
        char item[256];
        snprintf(item, sizeof item, "%s/%s", l->unit, l->item);
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_text(e, "unit", l->unit);
        tdm_emit_text(e, "item", l->item);
        tdm_emit_item(e, "capital", item);
        tdm_emit_text(e, "basis", l->basis);
        tdm_emit_qty(e, "size", l->size, l->size_unit);
        tdm_emit_qty(e, "base_size", l->base_size, l->size_unit);
        tdm_emit_qty(e, "fixed_cost", l->fixed, "$");
        tdm_emit_qty(e, "base_cost", l->base_cost, "$");
        tdm_emit_num(e, "exponent", l->exponent);
        tdm_emit_num(e, "year", l->year);
        tdm_emit_num(e, "escalation", l->escalation);
        tdm_emit_num(e, "rate_factor", l->rate_factor);
        tdm_emit_num(e, "installation", l->installation);
        tdm_emit_qty(e, "purchased", l->purchased, "$");
        tdm_emit_qty(e, "installed", l->installed, "$");
        tdm_emit_qty(e, "lifetime", l->lifetime, "yr");
        tdm_emit_qty(e, "maintenance", l->maintenance, "1/yr");
        tdm_emit_text(e, "source", l->source);
        tdm_emit_close(e);
    }
    tdm_emit_close(e);

    /* units with sizes but no equipment item: priced at nothing */
    tdm_emit_item(e, "unpriced", "units");
    tdm_emit_open(e, "unpriced", TDM_LIST);
    for (int i = 0; i < t->nunpriced; i++)
        tdm_emit_text(e, NULL, t->unpriced[i]);
    tdm_emit_close(e);
    tdm_emit_num(e, "unpriced_more", t->unpriced_more);
    tdm_emit_item(e, NULL, NULL);

    tdm_emit_open(e, "operating", TDM_LIST);
    for (int i = 0; i < t->nopex; i++) {
        const tdm_opex_line *l = &t->opex[i];
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_text(e, "line", l->name);
        tdm_emit_item(e, "operating", l->name);
        tdm_emit_text(e, "group", l->group);
        tdm_emit_qty(e, "amount", l->amount, l->amount_unit);
        tdm_emit_qty(e, "price", l->price, l->price_unit);
        tdm_emit_qty(e, "cost", l->cost, "$/yr");
        tdm_emit_text(e, "source", l->source);
        tdm_emit_close(e);
    }
    tdm_emit_close(e);

    tdm_emit_open(e, "indirect", TDM_LIST);
    for (int k = 0; k < sc->nindirect; k++) {
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_text(e, "name", sc->indirect_name[k]);
        tdm_emit_item(e, "indirect", sc->indirect_name[k]);
        tdm_emit_qty(e, "fraction_of_direct", sc->indirect[k], "");
        tdm_emit_qty(e, "cost", t->indirect_part[k], "$");
        tdm_emit_close(e);
    }
    tdm_emit_close(e);

    /* the levelized cost by component, as the text shows it */
    struct part {
        const char *name;
        double v;
    } parts[TDM_MAX_COST_LINES + 3];
    int np = 0;
    parts[np++] = (struct part){"capital", t->lcop_capital};
    parts[np++] = (struct part){"replacements", t->lcop_replacement};
    for (int i = 0; i < t->nopex && np < TDM_MAX_COST_LINES + 2; i++)
        parts[np++] = (struct part){t->opex[i].name, t->opex[i].cost / t->production_t};
    parts[np++] = (struct part){"taxes, timing, additional cost", t->lcop_rest};
    tdm_emit_open(e, "levelized", TDM_LIST);
    for (int i = 0; i < np; i++) {
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_text(e, "component", parts[i].name);
        tdm_emit_item(e, "levelized", parts[i].name);
        tdm_emit_qty(e, "cost", parts[i].v, "$/t");
        tdm_emit_close(e);
    }
    tdm_emit_close(e);

    /* the carbon account: each emission, then its sums (docs/carbon.md) */
    tdm_emit_open(e, "emissions", TDM_LIST);
    for (int i = 0; i < t->nco2; i++) {
        const tdm_co2_line *l = &t->co2[i];
        char iu[32];
        snprintf(iu, sizeof iu, "kg/%.*s", (int)strcspn(l->amount_unit, "/"), l->amount_unit);
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_text(e, "line", l->name);
        tdm_emit_item(e, "emissions", l->name);
        tdm_emit_text(e, "cause", tdm_co2_cause_name(l->cause));
        tdm_emit_qty(e, "amount", l->amount, l->amount_unit);
        tdm_emit_qty(e, "intensity", l->intensity, iu);
        tdm_emit_qty(e, "co2e", isnan(l->intensity) ? NAN : l->co2e, "kg/yr");
        tdm_emit_text(e, "source", l->source);
        tdm_emit_close(e);
    }
    tdm_emit_close(e);
    const tdm_carbon *cb = &t->carbon;
    tdm_emit_open(e, "carbon", TDM_MAP);
    tdm_emit_item(e, "carbon", NULL);
    tdm_emit_value(e, "assessed", NULL, tdm_bool_cell(cb->assessed));
    tdm_emit_open(e, "by_cause", TDM_MAP | TDM_INLINE);
    for (int k = 0; k < TDM_CO2_NCAUSES; k++)
        tdm_emit_qty(e, tdm_co2_cause_name((enum tdm_co2_cause)k),
                     cb->assessed ? cb->cause[k] / (t->production_t * 1000) : NAN, "t/t");
    tdm_emit_close(e);
    tdm_emit_qty(e, "emissions", cb->assessed ? cb->per_kg : NAN, "t/t");
    tdm_emit_open(e, "not_assessed", TDM_LIST);
    for (int i = 0; i < cb->nmissing; i++)
        tdm_emit_text(e, NULL, cb->missing[i]);
    tdm_emit_close(e);
    tdm_emit_qty(e, "co2_fed", cb->assessed ? cb->fed : NAN, "t/t");
    tdm_emit_qty(e, "co2_fixed", cb->assessed ? cb->fixed : NAN, "t/t");
    tdm_emit_qty(e, "co2_net_utilized", cb->assessed ? cb->net_utilized : NAN, "t/t");
    tdm_emit_qty(e, "electricity", cb->assessed ? cb->electricity : NAN, "kWh/kg");
    tdm_emit_qty(e, "grid_intensity", cb->assessed ? cb->grid * 1000 : NAN, "g/kWh");
    tdm_emit_qty(e, "reference", cb->assessed ? cb->reference : NAN, "t/t");
    tdm_emit_value(e, "reference_source", NULL, tdm_text_or_null(cb->reference_source));
    tdm_emit_qty(e, "avoided", cb->assessed ? cb->avoided : NAN, "t/t");
    tdm_emit_qty(e, "abatement_cost", cb->assessed ? cb->abatement : NAN, "$/t");
    tdm_emit_qty(e, "breakeven_grid", cb->assessed ? cb->breakeven_grid * 1000 : NAN, "g/kWh");
    tdm_emit_close(e);

    tdm_assumption *as = calloc(TDM_MAX_ASSUMPTIONS, sizeof *as);
    if (!as) return -1;
    int na = tdm_tea_assumptions(t, res, as, TDM_MAX_ASSUMPTIONS);
    tdm_emit_open(e, "assumptions", TDM_LIST);
    for (int i = 0; i < na; i++) {
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_text(e, "group", as[i].group);
        tdm_emit_text(e, "name", as[i].name);
        tdm_emit_item(e, "assumption", as[i].name);
        tdm_emit_text(e, "value", as[i].value);
        tdm_emit_value(e, "source", NULL, tdm_text_or_null(as[i].source));
        tdm_emit_text(e, "from", as[i].origin);
        tdm_emit_value(e, "set", NULL, tdm_bool_cell(as[i].set));
        tdm_emit_close(e);
    }
    tdm_emit_close(e);
    free(as);

    const struct {
        const char *key, *unit;
        double v;
    } sum[] = {{"direct", "$", t->direct},
               {"indirect", "$", t->indirect},
               {"working_capital", "$", t->working_capital},
               {"total_capital", "$", t->total_capital},
               {"fixed_capital", "$", t->fixed_capital},
               {"operating_cost", "$/yr", t->opex_total},
               {"byproduct_revenue", "$/yr", t->byproduct_revenue},
               {"production", "t/yr", t->production_t},
               {"levelized_cost", "$/t", t->lcop},
               {"levelized_capital", "$/t", t->lcop_capital},
               {"levelized_replacement", "$/t", t->lcop_replacement},
               {"levelized_rest", "$/t", t->lcop_rest},
               {"unpriced_inputs", "", tdm_tea_unpriced_inputs(t, NULL, 0)},
               {"market_price", "$/t", t->market_price},
               {"market_purity", "", t->market_purity > 0 ? t->market_purity : NAN},
               {"product_purity", "", t->product_purity},
               {"npv", "$", t->npv},
               {"irr", "", t->irr},
               {"payback", "yr", t->payback}};
    tdm_emit_open(e, "summary", TDM_MAP);
    tdm_emit_item(e, "summary", "plant");
    for (size_t k = 0; k < sizeof sum / sizeof *sum; k++)
        tdm_emit_qty(e, sum[k].key, sum[k].v, sum[k].unit);
    tdm_emit_close(e);

    /* the cash flow by year, its columns the descriptor's (tandem/finance.h), in $ */
    tdm_emit_open(e, "cash_flow", TDM_LIST);
    for (int i = 0; i < t->nrows; i++) {
        const tdm_cash_year *y = &t->rows[i];
        char year[16];
        snprintf(year, sizeof year, "%d", y->year);
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_num(e, "year", y->year);
        tdm_emit_item(e, "cash_flow", year);
        for (int k = 0; k < TDM_CASH_NCOLUMNS; k++)
            tdm_emit_value(e, tdm_cash_columns[k].key, NULL,
                           tdm_bare_qty_cell(tdm_cash_value(y, &tdm_cash_columns[k]), "$"));
        tdm_emit_close(e);
    }
    tdm_emit_close(e);
    tdm_emit_text(e, "cash_flow_unit", "$");
    return tdm_emit_end(e);
}

int
tdm_report_cost(FILE *f, enum tdm_format fmt, const tdm_results *res, const tdm_tea *t)
{
    if (fmt == TDM_FMT_TEXT) return text(f, res, t);
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f)) return -1; /* Markdown: the report directory's */
    return machine(&e, res, t);
}

int
tdm_doc_cost(const tdm_results *res, const tdm_tea *t, tdm_doc **out, tdm_error *err)
{
    tdm_emitter e;
    tdm_doc *d = tdm_doc_begin(&e);
    return tdm_doc_done(d, d ? machine(&e, res, t) : -1, out, err);
}
