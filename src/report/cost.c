/* Cost reports: text for the terminal, CSV and JSON for programs. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/tea.h"
#include "writers.h"

static const char *const conv_names[] = {"discounted cash flow", "capital recovery factor",
                                         "straight-line capital"};

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

static void
csvs(FILE *f, const char *s)
{
    tdm_csv_text(f, s);
}

/* One long table: section,item,quantity,unit,value,source */
static int
csv(FILE *f, const tdm_results *res, const tdm_tea *t)
{
    (void)res;
    fputs("section,item,quantity,unit,value,source\n", f);
    for (int i = 0; i < t->ncapex; i++) {
        const tdm_capex_line *l = &t->capex[i];
        char item[256];
        snprintf(item, sizeof item, "%s/%s", l->unit, l->item);
        const struct {
            const char *q, *u;
            double v;
        } rows[] = {
            {"size", l->size_unit, l->size},        {"base_size", l->size_unit, l->base_size},
            {"fixed_cost", "$", l->fixed},          {"base_cost", "$", l->base_cost},
            {"exponent", "", l->exponent},          {"year", "", l->year},
            {"escalation", "", l->escalation},      {"rate_factor", "", l->rate_factor},
            {"installation", "", l->installation},  {"purchased", "$", l->purchased},
            {"installed", "$", l->installed},       {"lifetime", "yr", l->lifetime},
            {"maintenance", "1/yr", l->maintenance}};
        for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
            fputs("capital,", f);
            csvs(f, item);
            fprintf(f, ",%s,%s,%.10g,", rows[k].q, rows[k].u, rows[k].v);
            csvs(f, l->source);
            fputc('\n', f);
        }
    }
    /* units with sizes but no equipment item: priced at nothing */
    for (int i = 0; i < t->nunpriced; i++) {
        fputs("unpriced,", f);
        csvs(f, t->unpriced[i]);
        fputs(",no equipment item,,,\n", f);
    }
    if (t->unpriced_more) fprintf(f, "unpriced,more units,count,,%d,\n", t->unpriced_more);
    for (int i = 0; i < t->nopex; i++) {
        const tdm_opex_line *l = &t->opex[i];
        fputs("operating,", f);
        csvs(f, l->name);
        fprintf(f, ",amount,%s,%.10g,", l->amount_unit, l->amount);
        csvs(f, l->source);
        fputs("\noperating,", f);
        csvs(f, l->name);
        fprintf(f, ",price,%s,%.10g,", l->price_unit, l->price);
        csvs(f, l->source);
        fputs("\noperating,", f);
        csvs(f, l->name);
        fprintf(f, ",cost,$/yr,%.10g,", l->cost);
        csvs(f, l->source);
        fputc('\n', f);
    }
    const struct {
        const char *q, *u;
        double v;
    } sum[] = {{"direct", "$", t->direct},
               {"indirect", "$", t->indirect},
               {"fixed_capital", "$", t->fixed_capital},
               {"working_capital", "$", t->working_capital},
               {"total_capital", "$", t->total_capital},
               {"operating_cost", "$/yr", t->opex_total},
               {"byproduct_revenue", "$/yr", t->byproduct_revenue},
               {"production", "t/yr", t->production_t},
               {"levelized_cost", "$/t", t->lcop},
               {"levelized_capital", "$/t", t->lcop_capital},
               {"levelized_replacement", "$/t", t->lcop_replacement},
               {"levelized_rest", "$/t", t->lcop_rest},
               {"market_price", "$/t", t->market_price},
               {"npv", "$", t->npv},
               {"irr", "", t->irr},
               {"payback", "yr", t->payback}};
    for (size_t k = 0; k < sizeof sum / sizeof *sum; k++) {
        fprintf(f, "summary,plant,%s,%s,", sum[k].q, sum[k].u);
        if (isfinite(sum[k].v)) fprintf(f, "%.10g", sum[k].v);
        fputs(",\n", f);
    }
    for (int i = 0; i < t->nrows; i++) {
        const tdm_cash_year *y = &t->rows[i];
        for (int k = 0; k < TDM_CASH_NCOLUMNS; k++) {
            double v = tdm_cash_value(y, &tdm_cash_columns[k]);
            fprintf(f, "cash_flow,%d,%s,$,", y->year, tdm_cash_columns[k].key);
            if (isfinite(v)) fprintf(f, "%.10g", v);
            fputs(",\n", f);
        }
    }
    return ferror(f) ? -1 : 0;
}

static void
jq(FILE *f, const char *key, double v, const char *unit)
{
    tdm_json_qty(f, key, v, unit);
}

static int
json(FILE *f, const tdm_results *res, const tdm_tea *t)
{
    const tdm_scenario *sc = t->sc;
    fputs("{\n  \"flowsheet\": ", f);
    tdm_json_str(f, tdm_flowsheet_path(res->fs));
    fputs(",\n  \"scenario\": {\"path\": ", f);
    tdm_json_str(f, sc->path);
    fputs(", \"title\": ", f);
    tdm_json_str(f, sc->title);
    fprintf(f, ", \"year\": %d, \"convention\": ", sc->year);
    tdm_json_str(f, conv_names[sc->convention]);
    fputs(", ", f);
    jq(f, "discount_rate", sc->discount, "");
    fputs(", ", f);
    jq(f, "plant_life", sc->life, "yr");
    fputs(", ", f);
    jq(f, "operating_hours", t->hours, "h/yr");
    fputs("},\n  \"capital\": [", f);
    for (int i = 0; i < t->ncapex; i++) {
        const tdm_capex_line *l = &t->capex[i];
        fprintf(f, "%s\n    {\"unit\": ", i ? "," : "");
        tdm_json_str(f, l->unit);
        fputs(", \"item\": ", f);
        tdm_json_str(f, l->item);
        fputs(", \"basis\": ", f);
        tdm_json_str(f, l->basis);
        fputs(", ", f);
        jq(f, "size", l->size, l->size_unit);
        fputs(", ", f);
        jq(f, "base_size", l->base_size, l->size_unit);
        fputs(", ", f);
        jq(f, "base_cost", l->base_cost, "$");
        fprintf(f,
                ", \"exponent\": %.6g, \"year\": %d, \"escalation\": %.6g, \"rate_factor\": %.6g, ",
                l->exponent, l->year, l->escalation, l->rate_factor);
        jq(f, "purchased", l->purchased, "$");
        fputs(", ", f);
        jq(f, "installed", l->installed, "$");
        fputs(", \"source\": ", f);
        tdm_json_str(f, l->source);
        fputc('}', f);
    }
    fputs("\n  ],\n  \"unpriced\": [", f);
    for (int i = 0; i < t->nunpriced; i++) {
        fputs(i ? ", " : "", f);
        tdm_json_str(f, t->unpriced[i]);
    }
    fprintf(f, "],\n  \"unpriced_more\": %d,\n  \"operating\": [", t->unpriced_more);
    for (int i = 0; i < t->nopex; i++) {
        const tdm_opex_line *l = &t->opex[i];
        fprintf(f, "%s\n    {\"line\": ", i ? "," : "");
        tdm_json_str(f, l->name);
        fputs(", \"group\": ", f);
        tdm_json_str(f, l->group);
        fputs(", ", f);
        jq(f, "amount", l->amount, l->amount_unit);
        fputs(", ", f);
        jq(f, "price", l->price, l->price_unit);
        fputs(", ", f);
        jq(f, "cost", l->cost, "$/yr");
        fputs(", \"source\": ", f);
        tdm_json_str(f, l->source);
        fputc('}', f);
    }
    fputs("\n  ],\n  \"indirect\": [", f);
    for (int k = 0; k < sc->nindirect; k++) {
        fprintf(f, "%s\n    {\"name\": ", k ? "," : "");
        tdm_json_str(f, sc->indirect_name[k]);
        fputs(", ", f);
        jq(f, "fraction_of_direct", sc->indirect[k], "");
        fputs(", ", f);
        jq(f, "cost", t->indirect_part[k], "$");
        fputc('}', f);
    }
    /* the levelized cost by component, as the text shows it */
    fputs("\n  ],\n  \"levelized\": [\n    {\"component\": \"capital\", ", f);
    jq(f, "cost", t->lcop_capital, "$/t");
    fputs("},\n    {\"component\": \"replacements\", ", f);
    jq(f, "cost", t->lcop_replacement, "$/t");
    fputc('}', f);
    for (int i = 0; i < t->nopex; i++) {
        fputs(",\n    {\"component\": ", f);
        tdm_json_str(f, t->opex[i].name);
        fputs(", ", f);
        jq(f, "cost", t->opex[i].cost / t->production_t, "$/t");
        fputc('}', f);
    }
    fputs(",\n    {\"component\": \"taxes, timing, additional cost\", ", f);
    jq(f, "cost", t->lcop_rest, "$/t");
    fputs("}\n  ],\n  \"assumptions\": [", f);
    tdm_assumption *as = calloc(TDM_MAX_ASSUMPTIONS, sizeof *as);
    if (!as) return -1;
    int na = tdm_tea_assumptions(t, res, as, TDM_MAX_ASSUMPTIONS);
    for (int i = 0; i < na; i++) {
        fprintf(f, "%s\n    {\"group\": ", i ? "," : "");
        tdm_json_str(f, as[i].group);
        fputs(", \"name\": ", f);
        tdm_json_str(f, as[i].name);
        fputs(", \"value\": ", f);
        tdm_json_str(f, as[i].value);
        fputs(", \"source\": ", f);
        if (as[i].source)
            tdm_json_str(f, as[i].source);
        else
            fputs("null", f);
        fputs(", \"from\": ", f);
        tdm_json_str(f, as[i].origin);
        fprintf(f, ", \"set\": %s}", as[i].set ? "true" : "false");
    }
    free(as);
    fputs("\n  ],\n  \"summary\": {", f);
    jq(f, "direct", t->direct, "$");
    fputs(", ", f);
    jq(f, "indirect", t->indirect, "$");
    fputs(", ", f);
    jq(f, "working_capital", t->working_capital, "$");
    fputs(", ", f);
    jq(f, "total_capital", t->total_capital, "$");
    fputs(", ", f);
    jq(f, "fixed_capital", t->fixed_capital, "$");
    fputs(", ", f);
    jq(f, "operating_cost", t->opex_total, "$/yr");
    fputs(", ", f);
    jq(f, "byproduct_revenue", t->byproduct_revenue, "$/yr");
    fputs(", ", f);
    jq(f, "production", t->production_t, "t/yr");
    fputs(", ", f);
    jq(f, "levelized_cost", t->lcop, "$/t");
    fputs(", ", f);
    jq(f, "levelized_capital", t->lcop_capital, "$/t");
    fputs(", ", f);
    jq(f, "levelized_replacement", t->lcop_replacement, "$/t");
    fputs(", ", f);
    jq(f, "levelized_rest", t->lcop_rest, "$/t");
    fputs(", ", f);
    jq(f, "unpriced_inputs", tdm_tea_unpriced_inputs(t, NULL, 0), "");
    fputs(", ", f);
    jq(f, "market_price", t->market_price, "$/t");
    fputs(", ", f);
    jq(f, "market_purity", t->market_purity > 0 ? t->market_purity : NAN, "");
    fputs(", ", f);
    jq(f, "product_purity", t->product_purity, "");
    fputs(", ", f);
    jq(f, "npv", t->npv, "$");
    fputs(", ", f);
    jq(f, "irr", t->irr, "");
    fputs(", ", f);
    jq(f, "payback", t->payback, "yr");
    fputs("},\n  \"cash_flow\": [", f);
    for (int i = 0; i < t->nrows; i++) {
        const tdm_cash_year *y = &t->rows[i];
        fprintf(f, "%s\n    {\"year\": %d", i ? "," : "", y->year);
        for (int k = 0; k < TDM_CASH_NCOLUMNS; k++) { /* the checked writer: no inf or nan */
            fprintf(f, ", \"%s\": ", tdm_cash_columns[k].key);
            tdm_json_num(f, tdm_cash_value(y, &tdm_cash_columns[k]));
        }
        fputc('}', f);
    }
    fputs("\n  ],\n  \"cash_flow_unit\": \"$\"\n}\n", f);
    return ferror(f) ? -1 : 0;
}

int
tdm_report_cost(FILE *f, enum tdm_format fmt, const tdm_results *res, const tdm_tea *t)
{
    switch (fmt) {
    case TDM_FMT_TEXT:
        return text(f, res, t);
    case TDM_FMT_CSV:
        return csv(f, res, t);
    case TDM_FMT_JSON:
        return json(f, res, t);
    case TDM_FMT_MARKDOWN:
        break;
    }
    return -1;
}
