/* xlsx.c (the tandem-graphics module): the cost report as an Excel workbook, written with
 * libxlsxwriter. Loaded only when a report directory is written (plugin.c).
 *
 * The workbook is a live model. Its Assumptions sheet holds the inputs a reader changes
 * (discount and tax rate, capacity factor, working capital, additional cost, insurance,
 * indirect costs, the market price), as named cells; the operating lines scale with the
 * operating hours; the cash flow, the NPV, the IRR and the levelized cost are formulas on
 * them, the same arithmetic as src/tea/finance.c: the levelized cost is the price at which
 * the NPV is zero, -NPV(0) / (dNPV/dprice), which is exact because taxes are linear (a loss
 * earns a credit). What stays a number is what tandem's solve decides: the equipment sizes,
 * the flows per operating hour, the years of the table (the plant life and the construction
 * years are rows: a new life needs a new run). Every formula carries tandem's value, so a
 * reader that does not recalculate shows the report's numbers. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "graphics.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/tea.h"

/* "=A1" style references: column letter(s) and 1-based row. */
static const char *
col(int c, char *buf)
{
    if (c < 26) {
        buf[0] = (char)('A' + c);
        buf[1] = '\0';
    } else {
        buf[0] = (char)('A' + c / 26 - 1);
        buf[1] = (char)('A' + c % 26);
        buf[2] = '\0';
    }
    return buf;
}

typedef struct book {
    lxw_workbook *wb;
    lxw_format *bold, *usd, *dec, *pct, *note;
} book;

/* An input: label, value (a number, or none), unit, note; named `name` in the workbook. */
static void
input(book *b, lxw_worksheet *ws, int row, const char *label, double v, const char *unit,
      const char *name, lxw_format *fmt, const char *note)
{
    worksheet_write_string(ws, (lxw_row_t)row, 0, label, b->bold);
    if (isfinite(v)) worksheet_write_number(ws, (lxw_row_t)row, 1, v, fmt);
    if (unit) worksheet_write_string(ws, (lxw_row_t)row, 2, unit, NULL);
    if (note) worksheet_write_string(ws, (lxw_row_t)row, 3, note, b->note);
    if (name) {
        char ref[64];
        snprintf(ref, sizeof ref, "=Assumptions!$B$%d", row + 1);
        workbook_define_name(b->wb, name, ref);
    }
}

static void
name_cell(book *b, const char *sheet, int row, int c, const char *name)
{
    char ref[96], l[4];
    snprintf(ref, sizeof ref, "='%s'!$%s$%d", sheet, col(c, l), row + 1);
    workbook_define_name(b->wb, name, ref);
}

int
tdm_plot_xlsx_cost(const char *path, const tdm_results *res, const tdm_tea *t,
                   const struct tdm_xlsx_names *names)
{
    (void)res;
    const tdm_scenario *sc = t->sc;
    const tdm_cash_case *cc = &t->cash;
    book b = {.wb = workbook_new(path)};
    if (!b.wb) return -1;
    /* a fixed creation date, 2000-01-01, as the other reports carry none: the same input
     * gives the same bytes (libxlsxwriter stamps the time of writing otherwise) */
    lxw_doc_properties props = {.title = (char *)names->title, .created = 946684800};
    workbook_set_properties(b.wb, &props);
    b.bold = workbook_add_format(b.wb);
    format_set_bold(b.bold);
    b.usd = workbook_add_format(b.wb);
    format_set_num_format(b.usd, "#,##0");
    b.dec = workbook_add_format(b.wb);
    format_set_num_format(b.dec, "0.0000");
    b.pct = workbook_add_format(b.wb);
    format_set_num_format(b.pct, "0.00%");
    b.note = workbook_add_format(b.wb);
    format_set_italic(b.note);
    char fm[512];
    bool dcf = sc->convention == TDM_CONV_DCF;

    /* Assumptions: the inputs, named, then every assumption of the report with its source */
    lxw_worksheet *as = workbook_add_worksheet(b.wb, "Assumptions");
    worksheet_write_string(as, 0, 0, names->title, b.bold);
    worksheet_write_string(as, 1, 0,
                           "Change a value in column B: the operating cost, cash flow, NPV, IRR "
                           "and levelized cost follow.",
                           b.note);
    static const char *const conv_word[] = {"dcf", "crf", "straight"};
    int r = 3;
    worksheet_write_string(as, (lxw_row_t)r, 0, "convention", b.bold);
    worksheet_write_string(as, (lxw_row_t)r, 1, conv_word[sc->convention], NULL);
    worksheet_write_string(as, (lxw_row_t)r, 3,
                           "dcf: discounted cash flow with taxes; crf: capital recovery factor; "
                           "straight: undiscounted",
                           b.note);
    input(&b, as, r++, "convention", NAN, NULL, "convention", NULL, NULL);
    input(&b, as, r++, "discount rate", sc->discount, "1/yr", "discount_rate", b.pct, NULL);
    input(&b, as, r++, "income tax rate", sc->tax, "", "tax_rate", b.pct, "taxed only under dcf");
    input(&b, as, r++, "capacity factor", sc->capacity_factor, "", "capacity_factor", b.dec, NULL);
    worksheet_write_string(as, (lxw_row_t)r, 0, "operating hours", b.bold);
    worksheet_write_formula_num(as, (lxw_row_t)r, 1, "=capacity_factor*8760", NULL, t->hours);
    worksheet_write_string(as, (lxw_row_t)r, 2, "h/yr", NULL);
    input(&b, as, r++, "operating hours", NAN, NULL, "hours", NULL, NULL);
    input(&b, as, r++, "main product per operating hour", t->production_t / t->hours, "t/h",
          "product_rate", NULL, "from the solved flowsheet");
    worksheet_write_string(as, (lxw_row_t)r, 0, "main product per year", b.bold);
    worksheet_write_formula_num(as, (lxw_row_t)r, 1, "=product_rate*hours", b.usd, t->production_t);
    worksheet_write_string(as, (lxw_row_t)r, 2, "t/yr", NULL);
    input(&b, as, r++, "main product per year", NAN, NULL, "production", NULL, NULL);
    /* the grid's carbon intensity: the Emissions sheet's electricity (and the electricity
     * inside a capture's or a chiller's intensity) follows it */
    input(&b, as, r++, "grid carbon intensity", t->carbon.assessed ? t->carbon.grid : NAN,
          "kg CO2e/kWh", "grid_intensity", NULL,
          t->carbon.assessed ? "the scenario's electricity row (costs/carbon.csv)"
                             : "none: the scenario has no carbon intensities");
    input(&b, as, r++, "market price of the main product", t->market_price, "$/t", "market_price",
          NULL, isnan(t->market_price) ? "none: the cash flow is at the levelized cost" : NULL);
    input(&b, as, r++, "working capital, of fixed capital", sc->working_capital, "",
          "working_capital", b.pct, "spent before operation, recovered in the last year (dcf)");
    input(&b, as, r++, "additional cost, a share of revenue", sc->additional, "", "additional_cost",
          b.pct, NULL);
    input(&b, as, r++, "insurance a year, of fixed capital", sc->insurance, "1/yr", "insurance",
          b.pct, NULL);
    int r_indirect = r;
    for (int k = 0; k < sc->nindirect; k++) {
        char lbl[128];
        snprintf(lbl, sizeof lbl, "indirect: %s, of direct cost", sc->indirect_name[k]);
        input(&b, as, r++, lbl, sc->indirect[k], "", NULL, b.pct, NULL);
    }
    /* what the formulas use under the convention */
    worksheet_write_string(as, (lxw_row_t)r, 0, "discount rate used", b.bold);
    worksheet_write_formula_num(as, (lxw_row_t)r, 1, "=IF(convention=\"straight\",0,discount_rate)",
                                b.pct, sc->convention == TDM_CONV_STRAIGHT ? 0 : sc->discount);
    input(&b, as, r++, "discount rate used", NAN, NULL, "rate_used", NULL,
          "0 for straight-line capital");
    worksheet_write_string(as, (lxw_row_t)r, 0, "tax rate used", b.bold);
    worksheet_write_formula_num(as, (lxw_row_t)r, 1, "=IF(convention=\"dcf\",tax_rate,0)", b.pct,
                                dcf ? sc->tax : 0);
    input(&b, as, r++, "tax rate used", NAN, NULL, "tax_used", NULL, NULL);
    const struct {
        const char *k;
        double v;
        const char *u;
    } info[] = {{"currency year", sc->year, ""},
                {"plant life", sc->life, "yr"},
                {"construction", sc->construction, "yr"}};
    for (size_t k = 0; k < sizeof info / sizeof *info; k++) {
        worksheet_write_string(as, (lxw_row_t)r, 0, info[k].k, b.bold);
        worksheet_write_number(as, (lxw_row_t)r, 1, info[k].v, NULL);
        worksheet_write_string(as, (lxw_row_t)r, 2, info[k].u, NULL);
        worksheet_write_string(as, (lxw_row_t)r++, 3,
                               "rows of the cash flow: run tandem again to change", b.note);
    }
    r++;
    worksheet_write_string(as, (lxw_row_t)r++, 0, "Every assumption of the report", b.bold);
    static const char *const ah[] = {"group", "assumption", "value", "source", "from"};
    for (int c = 0; c < 5; c++)
        worksheet_write_string(as, (lxw_row_t)r, (lxw_col_t)c, ah[c], b.bold);
    r++;
    for (int i = 0; i < names->nassumptions; i++, r++) {
        const tdm_assumption *a = &names->assumptions[i];
        worksheet_write_string(as, (lxw_row_t)r, 0, a->group, NULL);
        worksheet_write_string(as, (lxw_row_t)r, 1, a->name, NULL);
        worksheet_write_string(as, (lxw_row_t)r, 2, a->value, NULL);
        worksheet_write_string(as, (lxw_row_t)r, 3, a->source ? a->source : "(no source given)",
                               NULL);
        worksheet_write_string(as, (lxw_row_t)r, 4, a->origin, NULL);
    }
    worksheet_set_column(as, 0, 0, 40, NULL);
    worksheet_set_column(as, 1, 1, 16, NULL);
    worksheet_set_column(as, 3, 3, 60, NULL);

    /* Capital: each line's cost curve, the indirect costs by name, the totals */
    lxw_worksheet *cs = workbook_add_worksheet(b.wb, "Capital");
    static const char *const ch[] = {
        "unit",         "item",        "basis",       "size",      "size unit",  "fixed $",
        "base size",    "base cost $", "exponent",    "cost year", "CEPCI then", "CEPCI now",
        "installation", "purchased $", "installed $", "source",    "rate factor"};
    for (int c = 0; c < 17; c++)
        worksheet_write_string(cs, 0, (lxw_col_t)c, ch[c], b.bold);
    double now = names->index_now;
    for (int i = 0; i < t->ncapex; i++) {
        const tdm_capex_line *l = &t->capex[i];
        lxw_row_t y = (lxw_row_t)(i + 1);
        worksheet_write_string(cs, y, 0, l->unit, NULL);
        worksheet_write_string(cs, y, 1, l->item, NULL);
        worksheet_write_string(cs, y, 2, l->basis, NULL);
        worksheet_write_number(cs, y, 3, l->size, NULL);
        worksheet_write_string(cs, y, 4, l->size_unit, NULL);
        worksheet_write_number(cs, y, 5, l->fixed, b.usd);
        worksheet_write_number(cs, y, 6, l->base_size, NULL);
        worksheet_write_number(cs, y, 7, l->base_cost, b.usd);
        worksheet_write_number(cs, y, 8, l->exponent, NULL);
        worksheet_write_number(cs, y, 9, l->year, NULL);
        worksheet_write_number(cs, y, 10, now / l->escalation, NULL);
        worksheet_write_number(cs, y, 11, now, NULL);
        worksheet_write_number(cs, y, 12, l->installation, NULL);
        unsigned R = (unsigned)y + 1;
        worksheet_write_number(cs, y, 16, l->rate_factor, NULL);
        snprintf(fm, sizeof fm, "=IF(D%u>0,(F%u+H%u*(D%u/G%u)^I%u)*L%u/K%u*Q%u,0)", R, R, R, R, R,
                 R, R, R, R);
        worksheet_write_formula_num(cs, y, 13, fm, b.usd, l->purchased);
        snprintf(fm, sizeof fm, "=N%u*M%u", R, R);
        worksheet_write_formula_num(cs, y, 14, fm, b.usd, l->installed);
        worksheet_write_string(cs, y, 15, l->source, NULL);
    }
    int row = t->ncapex + 1; /* 0-based */
    worksheet_write_string(cs, (lxw_row_t)row, 0, "installed equipment (direct)", b.bold);
    snprintf(fm, sizeof fm, "=SUM(O2:O%d)", t->ncapex + 1);
    worksheet_write_formula_num(cs, (lxw_row_t)row, 14, fm, b.usd, t->direct);
    name_cell(&b, "Capital", row, 14, "direct");
    int first_indirect = ++row;
    for (int k = 0; k < sc->nindirect; k++, row++) {
        char lbl[128];
        snprintf(lbl, sizeof lbl, "indirect: %s", sc->indirect_name[k]);
        worksheet_write_string(cs, (lxw_row_t)row, 0, lbl, b.bold);
        snprintf(fm, sizeof fm, "=direct*Assumptions!$B$%d", r_indirect + k + 1);
        worksheet_write_formula_num(cs, (lxw_row_t)row, 14, fm, b.usd, t->indirect_part[k]);
    }
    worksheet_write_string(cs, (lxw_row_t)row, 0, "fixed capital", b.bold);
    if (sc->nindirect)
        snprintf(fm, sizeof fm, "=direct+SUM(O%d:O%d)", first_indirect + 1, row);
    else
        snprintf(fm, sizeof fm, "=direct");
    worksheet_write_formula_num(cs, (lxw_row_t)row, 14, fm, b.usd, t->fixed_capital);
    name_cell(&b, "Capital", row++, 14, "fixed_capital");
    worksheet_write_string(cs, (lxw_row_t)row, 0, "working capital", b.bold);
    worksheet_write_formula_num(cs, (lxw_row_t)row, 14, "=working_capital*fixed_capital", b.usd,
                                t->working_capital);
    name_cell(&b, "Capital", row++, 14, "working_capital_usd");
    worksheet_write_string(cs, (lxw_row_t)row, 0, "total capital investment", b.bold);
    worksheet_write_formula_num(cs, (lxw_row_t)row, 14, "=fixed_capital+working_capital_usd", b.usd,
                                t->total_capital);
    name_cell(&b, "Capital", row++, 14, "total_capital");
    worksheet_write_string(cs, (lxw_row_t)row, 0, "capital of the cash flow", b.bold);
    worksheet_write_formula_num(cs, (lxw_row_t)row, 14,
                                "=IF(convention=\"dcf\",fixed_capital,total_capital)", b.usd,
                                cc->fixed_capital);
    worksheet_write_string(cs, (lxw_row_t)row, 15,
                           "annuity conventions recover the working capital with the rest", b.note);
    name_cell(&b, "Capital", row++, 14, "capital_base");
    worksheet_set_column(cs, 0, 2, 22, NULL);
    worksheet_set_column(cs, 13, 14, 16, NULL);

    /* Operating: flows and utilities per operating hour, times the hours */
    lxw_worksheet *os = workbook_add_worksheet(b.wb, "Operating");
    static const char *const oh[] = {"line",       "group",       "per operating hour",
                                     "amount",     "amount unit", "price",
                                     "price unit", "$ per year",  "source"};
    for (int c = 0; c < 9; c++)
        worksheet_write_string(os, 0, (lxw_col_t)c, oh[c], b.bold);
    for (int i = 0; i < t->nopex; i++) {
        const tdm_opex_line *l = &t->opex[i];
        lxw_row_t y = (lxw_row_t)(i + 1);
        unsigned R = (unsigned)y + 1;
        bool flows = strcmp(l->group, "fixed") != 0;
        bool sold = !strcmp(l->group, "by-products");
        worksheet_write_string(os, y, 0, l->name, NULL);
        worksheet_write_string(os, y, 1, l->group, NULL);
        worksheet_write_string(os, y, 4, l->amount_unit, NULL);
        worksheet_write_string(os, y, 6, l->price_unit, NULL);
        worksheet_write_string(os, y, 8, l->source ? l->source : "", NULL);
        if (isfinite(l->price)) worksheet_write_number(os, y, 5, l->price, NULL);
        if (!isfinite(l->amount) || !isfinite(l->price)) {
            worksheet_write_number(os, y, 7, l->cost, b.usd); /* labour: a sum a year */
            continue;
        }
        if (flows) {
            worksheet_write_number(os, y, 2, l->amount / t->hours, NULL);
            snprintf(fm, sizeof fm, "=C%u*hours", R);
            worksheet_write_formula_num(os, y, 3, fm, NULL, l->amount);
        } else if (!strcmp(l->name, "maintenance")) {
            worksheet_write_formula_num(os, y, 3, "=direct", b.usd, l->amount);
        } else if (!strcmp(l->name, "insurance")) {
            worksheet_write_formula_num(os, y, 3, "=fixed_capital", b.usd, l->amount);
            snprintf(fm, sizeof fm, "=insurance");
            worksheet_write_formula_num(os, y, 5, fm, NULL, l->price);
        } else {
            worksheet_write_number(os, y, 3, l->amount, NULL);
        }
        snprintf(fm, sizeof fm, "=%sD%u*F%u", sold ? "-" : "", R, R);
        worksheet_write_formula_num(os, y, 7, fm, b.usd, l->cost);
    }
    int orow = t->nopex + 1;
    worksheet_write_string(os, (lxw_row_t)orow, 0, "operating cost (by-products not counted)",
                           b.bold);
    snprintf(fm, sizeof fm, "=SUMIF(B2:B%d,\"<>by-products\",H2:H%d)", t->nopex + 1, t->nopex + 1);
    worksheet_write_formula_num(os, (lxw_row_t)orow, 7, fm, b.usd, t->opex_total);
    name_cell(&b, "Operating", orow++, 7, "opex_total");
    worksheet_write_string(os, (lxw_row_t)orow, 0, "by-product revenue", b.bold);
    snprintf(fm, sizeof fm, "=-SUMIF(B2:B%d,\"by-products\",H2:H%d)", t->nopex + 1, t->nopex + 1);
    worksheet_write_formula_num(os, (lxw_row_t)orow, 7, fm, b.usd, t->byproduct_revenue);
    name_cell(&b, "Operating", orow++, 7, "byproduct_revenue");
    worksheet_set_column(os, 0, 0, 30, NULL);
    worksheet_set_column(os, 2, 3, 16, NULL);
    worksheet_set_column(os, 7, 7, 16, NULL);

    /* Cash flow: the years as rows, every figure a formula (src/tea/finance.c, year_row) */
    lxw_worksheet *fw = workbook_add_worksheet(b.wb, "Cash flow");
    /* the table's columns (tdm_cash_columns) with the workbook's own between them */
    const tdm_cash_column *cc_ = names->cash_columns;
    const char *const fh[] = {"year",
                              "capital share",
                              cc_[TDM_CASH_CAPITAL].heading,
                              cc_[TDM_CASH_WORKING_CAPITAL].heading,
                              cc_[TDM_CASH_REVENUE].heading,
                              cc_[TDM_CASH_OPERATING].heading,
                              cc_[TDM_CASH_ADDITIONAL].heading,
                              cc_[TDM_CASH_REPLACEMENT].heading,
                              "depreciation rate",
                              cc_[TDM_CASH_DEPRECIATION].heading,
                              cc_[TDM_CASH_TAXABLE].heading,
                              cc_[TDM_CASH_TAX].heading,
                              cc_[TDM_CASH_NET].heading,
                              "discount factor",
                              cc_[TDM_CASH_DISCOUNTED].heading,
                              cc_[TDM_CASH_CUMULATIVE].heading,
                              "net at price 0",
                              "net per $/t of price"};
    for (int c = 0; c < 18; c++)
        worksheet_write_string(fw, 0, (lxw_col_t)c, fh[c], b.bold);
    int n = t->nrows;
    int last_year = n ? t->rows[n - 1].year : 0;
    double tax_used = dcf ? sc->tax : 0;
    for (int i = 0; i < n; i++) {
        const tdm_cash_year *y = &t->rows[i];
        lxw_row_t w = (lxw_row_t)(i + 1);
        unsigned R = (unsigned)w + 1;
        int yr = y->year;
        worksheet_write_number(fw, w, 0, yr, NULL);
        worksheet_write_number(fw, w, 1, y->capital / cc->fixed_capital, b.dec);
        snprintf(fm, sizeof fm, "=B%u*capital_base", R);
        worksheet_write_formula_num(fw, w, 2, fm, b.usd, y->capital);
        if (yr == 0 || yr == last_year) {
            snprintf(fm, sizeof fm, "=IF(convention=\"dcf\",%sworking_capital_usd,0)",
                     yr == 0 ? "" : "-");
            worksheet_write_formula_num(fw, w, 3, fm, b.usd, y->working_capital);
        } else {
            worksheet_write_number(fw, w, 3, 0, b.usd);
        }
        bool op = yr >= 1;
        snprintf(fm, sizeof fm,
                 op ? "=IF(ISNUMBER(market_price),market_price,levelized_cost)*"
                      "production+byproduct_revenue"
                    : "=0");
        worksheet_write_formula_num(fw, w, 4, fm, b.usd, y->revenue);
        worksheet_write_formula_num(fw, w, 5, op ? "=opex_total" : "=0", b.usd, y->opex);
        snprintf(fm, sizeof fm, "=additional_cost*E%u", R);
        worksheet_write_formula_num(fw, w, 6, fm, b.usd, y->additional);
        /* replacements: the installed cost of each item that reaches the end of its life */
        size_t used = (size_t)snprintf(fm, sizeof fm, "=0");
        for (int k = 0; op && k < t->ncapex && used < sizeof fm; k++) {
            double L = t->capex[k].lifetime;
            int times = L > 0 && L < sc->life ? tdm_replacements(L, sc->life, yr) : 0;
            if (times == 1)
                used += (size_t)snprintf(fm + used, sizeof fm - used, "+Capital!O%d", k + 2);
            else if (times > 1)
                used +=
                    (size_t)snprintf(fm + used, sizeof fm - used, "+%d*Capital!O%d", times, k + 2);
        }
        worksheet_write_formula_num(fw, w, 7, fm, b.usd, y->replacement);
        double rate = cc->fixed_capital > 0 ? y->depreciation / cc->fixed_capital : 0;
        worksheet_write_number(fw, w, 8, rate, b.dec);
        snprintf(fm, sizeof fm, "=IF(convention=\"dcf\",I%u*capital_base,0)", R);
        worksheet_write_formula_num(fw, w, 9, fm, b.usd, y->depreciation);
        snprintf(fm, sizeof fm, op ? "=E%u-F%u-G%u-H%u-J%u" : "=0", R, R, R, R, R);
        worksheet_write_formula_num(fw, w, 10, fm, b.usd, y->taxable);
        snprintf(fm, sizeof fm, "=tax_used*K%u", R);
        worksheet_write_formula_num(fw, w, 11, fm, b.usd, y->tax);
        snprintf(fm, sizeof fm, "=E%u-F%u-G%u-H%u-L%u-C%u-D%u", R, R, R, R, R, R, R);
        worksheet_write_formula_num(fw, w, 12, fm, b.usd, y->net);
        snprintf(fm, sizeof fm, "=(1+rate_used)^(-A%u)", R);
        double rate_used = sc->convention == TDM_CONV_STRAIGHT ? 0 : sc->discount;
        worksheet_write_formula_num(fw, w, 13, fm, b.dec, pow(1 + rate_used, -yr));
        snprintf(fm, sizeof fm, "=M%u*N%u", R, R);
        worksheet_write_formula_num(fw, w, 14, fm, b.usd, y->discounted);
        if (i == 0)
            snprintf(fm, sizeof fm, "=M%u", R);
        else
            snprintf(fm, sizeof fm, "=P%u+M%u", R - 1, R);
        worksheet_write_formula_num(fw, w, 15, fm, b.usd, y->cumulative);
        /* the cash flow at a price of 0, and what a unit of price adds, after tax */
        double rev0 = op ? cc->other_revenue : 0;
        double taxable0 =
            op ? rev0 * (1 - cc->additional) - y->opex - y->replacement - y->depreciation : 0;
        double net0 = rev0 * (1 - cc->additional) - y->opex - y->replacement - tax_used * taxable0 -
                      y->capital - y->working_capital;
        if (op)
            snprintf(fm, sizeof fm,
                     "=byproduct_revenue*(1-additional_cost)-F%u-H%u-tax_used*(byproduct_revenue*"
                     "(1-additional_cost)-F%u-H%u-J%u)-C%u-D%u",
                     R, R, R, R, R, R, R);
        else
            snprintf(fm, sizeof fm, "=-C%u-D%u", R, R);
        worksheet_write_formula_num(fw, w, 16, fm, b.usd, net0);
        worksheet_write_formula_num(
            fw, w, 17, op ? "=production*(1-additional_cost)*(1-tax_used)" : "=0", NULL,
            op ? cc->production * (1 - cc->additional) * (1 - tax_used) : 0);
    }
    unsigned end = (unsigned)n + 1;
    lxw_row_t fr = (lxw_row_t)end + 1;
    worksheet_write_string(fw, fr, 0, "levelized cost ($/t): the price at which the NPV is 0",
                           b.bold);
    snprintf(fm, sizeof fm, "=-SUMPRODUCT(Q2:Q%u,N2:N%u)/SUMPRODUCT(R2:R%u,N2:N%u)", end, end, end,
             end);
    worksheet_write_formula_num(fw, fr, 14, fm, NULL, t->lcop);
    name_cell(&b, "Cash flow", (int)fr, 14, "levelized_cost");
    fr++;
    worksheet_write_string(fw, fr, 0, "NPV at the price of this table ($)", b.bold);
    snprintf(fm, sizeof fm, "=SUM(O2:O%u)", end);
    double npv = 0;
    for (int i = 0; i < n; i++)
        npv += t->rows[i].discounted;
    worksheet_write_formula_num(fw, fr, 14, fm, b.usd, npv);
    name_cell(&b, "Cash flow", (int)fr, 14, "npv");
    fr++;
    worksheet_write_string(fw, fr, 0, "IRR at the price of this table", b.bold);
    snprintf(fm, sizeof fm, "=IRR(M2:M%u)", end);
    if (isfinite(t->irr))
        worksheet_write_formula_num(fw, fr, 14, fm, b.pct, t->irr);
    else
        worksheet_write_formula_str(fw, fr, 14, fm, b.pct, "");
    name_cell(&b, "Cash flow", (int)fr, 14, "irr");
    worksheet_write_string(fw, fr + 1, 0,
                           isnan(t->market_price) ? "The table is at the levelized cost."
                                                  : "The table is at the market price.",
                           b.note);
    worksheet_set_column(fw, 1, 17, 15, NULL);

    /* Emissions (docs/carbon.md): each line's amount per operating hour, times the hours, at
     * its intensity, the part of it that is electricity priced at the grid's */
    lxw_worksheet *es = workbook_add_worksheet(b.wb, "Emissions");
    static const char *const eh[] = {"line",
                                     "cause",
                                     "per operating hour",
                                     "amount",
                                     "amount unit",
                                     "intensity, kg CO2e per unit",
                                     "electricity in it, kWh per unit",
                                     "kg CO2e per year",
                                     "source"};
    for (int c = 0; c < 9; c++)
        worksheet_write_string(es, 0, (lxw_col_t)c, eh[c], b.bold);
    for (int i = 0; i < t->nco2; i++) {
        const tdm_co2_line *l = &t->co2[i];
        lxw_row_t y = (lxw_row_t)(i + 1);
        unsigned R = (unsigned)y + 1;
        char unit[40];
        snprintf(unit, sizeof unit, "%s", l->amount_unit);
        char *slash = strrchr(unit, '/');
        if (slash && !strcmp(slash, "/yr")) *slash = '\0';
        worksheet_write_string(es, y, 0, l->name, NULL);
        worksheet_write_string(es, y, 1, names->cause[l->cause], NULL);
        worksheet_write_number(es, y, 2, l->amount / t->hours, NULL);
        snprintf(fm, sizeof fm, "=C%u*hours", R);
        worksheet_write_formula_num(es, y, 3, fm, NULL, l->amount);
        worksheet_write_string(es, y, 4, unit, NULL);
        worksheet_write_string(es, y, 8, l->source ? l->source : "", NULL);
        if (isnan(l->intensity) || !(l->amount != 0)) {
            if (isnan(l->intensity)) worksheet_write_string(es, y, 7, "not assessed", NULL);
            continue;
        }
        double kwh = l->electricity / l->amount; /* kWh per unit of the line */
        worksheet_write_number(es, y, 6, kwh, NULL);
        snprintf(fm, sizeof fm, "=%.17g+G%u*grid_intensity", l->intensity - kwh * t->carbon.grid,
                 R);
        worksheet_write_formula_num(es, y, 5, fm, NULL, l->intensity);
        snprintf(fm, sizeof fm, "=D%u*F%u", R, R);
        worksheet_write_formula_num(es, y, 7, fm, b.usd, l->co2e);
    }
    int erow = t->nco2 + 1;
    worksheet_write_string(es, (lxw_row_t)erow, 0, "emissions per t of product, cradle to gate",
                           b.bold);
    snprintf(fm, sizeof fm, "=SUM(H2:H%d)/(production*1000)", t->nco2 + 1);
    worksheet_write_formula_num(es, (lxw_row_t)erow, 7, fm, NULL,
                                t->carbon.assessed ? t->carbon.per_kg : 0);
    name_cell(&b, "Emissions", erow, 7, "emissions");
    worksheet_set_column(es, 0, 0, 30, NULL);
    worksheet_set_column(es, 3, 3, 16, NULL);
    worksheet_set_column(es, 7, 7, 16, NULL);

    /* Summary */
    lxw_worksheet *ss = workbook_add_worksheet(b.wb, "Summary");
    worksheet_write_string(ss, 0, 0, names->title, b.bold);
    worksheet_write_string(ss, 1, 0, "levelized cost", b.bold);
    worksheet_write_formula_num(ss, 1, 1, "=levelized_cost", NULL, t->lcop);
    worksheet_write_string(ss, 1, 2, "$/t", NULL);
    worksheet_write_string(ss, 2, 0, "total capital investment", b.bold);
    worksheet_write_formula_num(ss, 2, 1, "=total_capital", b.usd, t->total_capital);
    worksheet_write_string(ss, 2, 2, "$", NULL);
    worksheet_write_string(ss, 3, 0, "operating cost", b.bold);
    worksheet_write_formula_num(ss, 3, 1, "=opex_total", b.usd, t->opex_total);
    worksheet_write_string(ss, 3, 2, "$/yr", NULL);
    worksheet_write_string(ss, 4, 0, "by-product revenue", b.bold);
    worksheet_write_formula_num(ss, 4, 1, "=byproduct_revenue", b.usd, t->byproduct_revenue);
    worksheet_write_string(ss, 4, 2, "$/yr", NULL);
    worksheet_write_string(ss, 5, 0, "market price", b.bold);
    if (isfinite(t->market_price)) {
        worksheet_write_formula_num(ss, 5, 1, "=market_price", NULL, t->market_price);
        worksheet_write_string(ss, 6, 0, "NPV at the market price", b.bold);
        worksheet_write_formula_num(ss, 6, 1, "=npv", b.usd, t->npv);
        worksheet_write_string(ss, 6, 2, "$", NULL);
        worksheet_write_string(ss, 7, 0, "IRR at the market price", b.bold);
        if (isfinite(t->irr))
            worksheet_write_formula_num(ss, 7, 1, "=irr", b.pct, t->irr);
        else
            worksheet_write_formula_str(ss, 7, 1, "=irr", b.pct, "");
    }
    worksheet_write_string(ss, 5, 2, "$/t", NULL);
    if (t->carbon.assessed) {
        worksheet_write_string(ss, 8, 0, "emissions per t of product, cradle to gate", b.bold);
        worksheet_write_formula_num(ss, 8, 1, "=emissions", NULL, t->carbon.per_kg);
        worksheet_write_string(ss, 8, 2, "t CO2e/t", NULL);
    }
    worksheet_write_string(ss, 9, 0, "levelized cost by component, at the report's assumptions",
                           b.bold);
    const struct {
        const char *k;
        double v;
    } sv[] = {
        {"capital (annuity)", t->lcop_capital},
        {"replacements (annuity)", t->lcop_replacement},
        {"operating less by-products", (t->opex_total - t->byproduct_revenue) / t->production_t},
        {"taxes, timing, additional cost", t->lcop_rest},
        {"payback at the market price (yr)", t->payback}};
    for (size_t k = 0; k < sizeof sv / sizeof *sv; k++) {
        worksheet_write_string(ss, (lxw_row_t)k + 10, 0, sv[k].k, NULL);
        if (isfinite(sv[k].v)) worksheet_write_number(ss, (lxw_row_t)k + 10, 1, sv[k].v, NULL);
    }
    worksheet_set_column(ss, 0, 0, 50, NULL);
    worksheet_set_column(ss, 1, 1, 18, NULL);
    return workbook_close(b.wb) == LXW_NO_ERROR ? 0 : -1;
}
