/* xlsx.c (the tandem-graphics module): the cost report as an Excel workbook, written with
 * libxlsxwriter. Loaded only when a report directory is written (plugin.c). */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "graphics.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/tea.h"

/* The workbook: the figures as values, and the arithmetic that joins them as formulas, so
 * an analyst can follow (and change) every step. */
int
tdm_plot_xlsx_cost(const char *path, const tdm_results *res, const tdm_tea *t,
                   const struct tdm_xlsx_names *names)
{
    (void)res;
    const tdm_scenario *sc = t->sc;
    lxw_workbook *wb = workbook_new(path);
    if (!wb) return -1;
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *usd = workbook_add_format(wb);
    format_set_num_format(usd, "#,##0");
    lxw_format *dec = workbook_add_format(wb);
    format_set_num_format(dec, "0.0000");

    /* Assumptions */
    lxw_worksheet *as = workbook_add_worksheet(wb, "Assumptions");
    int r = 0;
    worksheet_write_string(as, r, 0, "scenario", bold);
    worksheet_write_string(as, r++, 1, sc->title, NULL);
    worksheet_write_string(as, r, 0, "convention", bold);
    worksheet_write_string(as, r++, 1, names->convention, NULL);
    const struct {
        const char *k;
        double v;
    } av[] = {{"currency year", sc->year},
              {"discount rate", sc->discount},
              {"plant life (yr)", sc->life},
              {"construction (yr)", sc->construction},
              {"capacity factor", sc->capacity_factor},
              {"operating hours per year", t->hours},
              {"tax rate", sc->convention == TDM_CONV_DCF ? sc->tax : 0},
              {"working capital (of fixed capital)", sc->working_capital},
              {"additional cost fraction", sc->additional},
              {"main product per year (t)", t->production_t}};
    for (size_t k = 0; k < sizeof av / sizeof *av; k++) {
        worksheet_write_string(as, r, 0, av[k].k, bold);
        worksheet_write_number(as, r++, 1, av[k].v, NULL);
    }
    /* B3 discount, B4 life, B11 tax, B12 production (rows 2.. are 1-based 3..) */
    worksheet_set_column(as, 0, 0, 36, NULL);
    worksheet_set_column(as, 1, 1, 40, NULL);

    /* Capital */
    lxw_worksheet *cs = workbook_add_worksheet(wb, "Capital");
    static const char *const ch[] = {"unit",         "item",        "basis",       "size",
                                     "size unit",    "fixed $",     "base size",   "base cost $",
                                     "exponent",     "cost year",   "CEPCI then",  "CEPCI now",
                                     "installation", "purchased $", "installed $", "source"};
    for (int c = 0; c < 16; c++)
        worksheet_write_string(cs, 0, (lxw_col_t)c, ch[c], bold);
    double now = names->index_now;
    for (int i = 0; i < t->ncapex; i++) {
        const tdm_capex_line *l = &t->capex[i];
        lxw_row_t y = (lxw_row_t)(i + 1);
        worksheet_write_string(cs, y, 0, l->unit, NULL);
        worksheet_write_string(cs, y, 1, l->item, NULL);
        worksheet_write_string(cs, y, 2, l->basis, NULL);
        worksheet_write_number(cs, y, 3, l->size, NULL);
        worksheet_write_string(cs, y, 4, l->size_unit, NULL);
        worksheet_write_number(cs, y, 5, l->fixed, usd);
        worksheet_write_number(cs, y, 6, l->base_size, NULL);
        worksheet_write_number(cs, y, 7, l->base_cost, usd);
        worksheet_write_number(cs, y, 8, l->exponent, NULL);
        worksheet_write_number(cs, y, 9, l->year, NULL);
        worksheet_write_number(cs, y, 10, now / l->escalation, NULL);
        worksheet_write_number(cs, y, 11, now, NULL);
        worksheet_write_number(cs, y, 12, l->installation, NULL);
        char fm[256];
        unsigned R = (unsigned)y + 1;
        snprintf(fm, sizeof fm, "=IF(D%u>0,(F%u+H%u*(D%u/G%u)^I%u)*L%u/K%u,0)", R, R, R, R, R, R, R,
                 R);
        worksheet_write_formula_num(cs, y, 13, fm, usd, l->purchased);
        snprintf(fm, sizeof fm, "=N%u*M%u", R, R);
        worksheet_write_formula_num(cs, y, 14, fm, usd, l->installed);
        worksheet_write_string(cs, y, 15, l->source, NULL);
    }
    unsigned last = (unsigned)t->ncapex + 1;
    char fm[256];
    worksheet_write_string(cs, (lxw_row_t)last, 0, "installed equipment (direct)", bold);
    snprintf(fm, sizeof fm, "=SUM(O2:O%u)", last);
    worksheet_write_formula_num(cs, (lxw_row_t)last, 14, fm, usd, t->direct);
    worksheet_write_string(cs, (lxw_row_t)last + 1, 0, "indirect costs", bold);
    worksheet_write_number(cs, (lxw_row_t)last + 1, 14, t->indirect, usd);
    worksheet_write_string(cs, (lxw_row_t)last + 2, 0, "fixed capital", bold);
    snprintf(fm, sizeof fm, "=O%u+O%u", last + 1, last + 2);
    worksheet_write_formula_num(cs, (lxw_row_t)last + 2, 14, fm, usd, t->fixed_capital);
    worksheet_write_string(cs, (lxw_row_t)last + 3, 0, "working capital", bold);
    worksheet_write_number(cs, (lxw_row_t)last + 3, 14, t->working_capital, usd);
    worksheet_write_string(cs, (lxw_row_t)last + 4, 0, "total capital investment", bold);
    snprintf(fm, sizeof fm, "=O%u+O%u", last + 3, last + 4);
    worksheet_write_formula_num(cs, (lxw_row_t)last + 4, 14, fm, usd, t->total_capital);
    worksheet_set_column(cs, 0, 2, 22, NULL);
    worksheet_set_column(cs, 13, 14, 16, NULL);

    /* Operating */
    lxw_worksheet *os = workbook_add_worksheet(wb, "Operating");
    static const char *const oh[] = {"line",  "group",      "amount",     "amount unit",
                                     "price", "price unit", "$ per year", "source"};
    for (int c = 0; c < 8; c++)
        worksheet_write_string(os, 0, (lxw_col_t)c, oh[c], bold);
    for (int i = 0; i < t->nopex; i++) {
        const tdm_opex_line *l = &t->opex[i];
        lxw_row_t y = (lxw_row_t)(i + 1);
        worksheet_write_string(os, y, 0, l->name, NULL);
        worksheet_write_string(os, y, 1, l->group, NULL);
        if (isfinite(l->amount)) worksheet_write_number(os, y, 2, l->amount, NULL);
        worksheet_write_string(os, y, 3, l->amount_unit, NULL);
        if (isfinite(l->price)) worksheet_write_number(os, y, 4, l->price, NULL);
        worksheet_write_string(os, y, 5, l->price_unit, NULL);
        worksheet_write_number(os, y, 6, l->cost, usd);
        worksheet_write_string(os, y, 7, l->source ? l->source : "", NULL);
    }
    worksheet_set_column(os, 0, 0, 28, NULL);
    worksheet_set_column(os, 6, 6, 16, NULL);

    /* Cash flow, with the arithmetic as formulas */
    lxw_worksheet *fw = workbook_add_worksheet(wb, "Cash flow");
    static const char *const fh[] = {
        "year",       "capital",         "working capital", "revenue",   "operating",
        "additional", "replacement",     "depreciation",    "taxable",   "tax",
        "net",        "discount factor", "discounted",      "cumulative"};
    for (int c = 0; c < 14; c++)
        worksheet_write_string(fw, 0, (lxw_col_t)c, fh[c], bold);
    double rate = sc->convention == TDM_CONV_STRAIGHT ? 0 : sc->discount;
    double taxr = sc->convention == TDM_CONV_DCF ? sc->tax : 0;
    for (int i = 0; i < t->nrows; i++) {
        const tdm_cash_year *y = &t->rows[i];
        lxw_row_t w = (lxw_row_t)(i + 1);
        unsigned R = (unsigned)w + 1;
        worksheet_write_number(fw, w, 0, y->year, NULL);
        worksheet_write_number(fw, w, 1, y->capital, usd);
        worksheet_write_number(fw, w, 2, y->working_capital, usd);
        worksheet_write_number(fw, w, 3, y->revenue, usd);
        worksheet_write_number(fw, w, 4, y->opex, usd);
        worksheet_write_number(fw, w, 5, y->additional, usd);
        worksheet_write_number(fw, w, 6, y->replacement, usd);
        worksheet_write_number(fw, w, 7, y->depreciation, usd);
        snprintf(fm, sizeof fm, "=IF(A%u>0,D%u-E%u-F%u-G%u-H%u,0)", R, R, R, R, R, R);
        worksheet_write_formula_num(fw, w, 8, fm, usd, y->taxable);
        snprintf(fm, sizeof fm, "=%.6g*I%u", taxr, R);
        worksheet_write_formula_num(fw, w, 9, fm, usd, y->tax);
        snprintf(fm, sizeof fm, "=D%u-E%u-F%u-G%u-J%u-B%u-C%u", R, R, R, R, R, R, R);
        worksheet_write_formula_num(fw, w, 10, fm, usd, y->net);
        snprintf(fm, sizeof fm, "=(1+%.6g)^(-A%u)", rate, R);
        worksheet_write_formula_num(fw, w, 11, fm, dec, pow(1 + rate, -y->year));
        snprintf(fm, sizeof fm, "=K%u*L%u", R, R);
        worksheet_write_formula_num(fw, w, 12, fm, usd, y->discounted);
        if (i == 0)
            snprintf(fm, sizeof fm, "=K%u", R);
        else
            snprintf(fm, sizeof fm, "=N%u+K%u", R - 1, R);
        worksheet_write_formula_num(fw, w, 13, fm, usd, y->cumulative);
    }
    unsigned end = (unsigned)t->nrows + 1;
    worksheet_write_string(fw, (lxw_row_t)end + 1, 0, "NPV", bold);
    snprintf(fm, sizeof fm, "=SUM(M2:M%u)", end);
    double npv = 0;
    for (int i = 0; i < t->nrows; i++)
        npv += t->rows[i].discounted;
    worksheet_write_formula_num(fw, (lxw_row_t)end + 1, 12, fm, usd, npv);
    worksheet_set_column(fw, 1, 13, 15, NULL);

    /* Summary */
    lxw_worksheet *ss = workbook_add_worksheet(wb, "Summary");
    const struct {
        const char *k;
        double v;
        const char *u;
    } sv[] = {{"levelized cost", t->lcop, "$/t"},
              {"capital (annuity)", t->lcop_capital, "$/t"},
              {"replacements (annuity)", t->lcop_replacement, "$/t"},
              {"taxes, timing, additional cost", t->lcop_rest, "$/t"},
              {"total capital investment", t->total_capital, "$"},
              {"operating cost", t->opex_total, "$/yr"},
              {"by-product revenue", t->byproduct_revenue, "$/yr"},
              {"market price", t->market_price, "$/t"},
              {"NPV at the market price", t->npv, "$"},
              {"IRR at the market price", t->irr, ""},
              {"payback", t->payback, "yr"}};
    worksheet_write_string(ss, 0, 0, names->title, bold);
    for (size_t k = 0; k < sizeof sv / sizeof *sv; k++) {
        worksheet_write_string(ss, (lxw_row_t)k + 2, 0, sv[k].k, bold);
        if (isfinite(sv[k].v)) worksheet_write_number(ss, (lxw_row_t)k + 2, 1, sv[k].v, NULL);
        worksheet_write_string(ss, (lxw_row_t)k + 2, 2, sv[k].u, NULL);
    }
    worksheet_set_column(ss, 0, 0, 34, NULL);
    worksheet_set_column(ss, 1, 1, 18, NULL);
    return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}
