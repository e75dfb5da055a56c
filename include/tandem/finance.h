/* tandem/finance.h: the money arithmetic of a techno-economic analysis, free of any plant.
 *
 * Years are counted from the start of operation: capital is spent in the construction
 * years 1 - C ... 0, the plant runs in years 1 ... N, and every cash flow is discounted to
 * year 0 at the end of its year, (1 + i)^-t. Taxes are linear: a year with a loss earns a
 * credit (the owner's other income absorbs it), so the net present value is linear in the
 * product price and the levelized price follows from one pass over the years. */
#ifndef TANDEM_FINANCE_H
#define TANDEM_FINANCE_H

#include <math.h>
#include <stdbool.h>

/* Capital recovery factor i / (1 - (1 + i)^-n), or 1 / n when i = 0. */
double tdm_crf(double i, int n);

/* MACRS rates with the half-year convention, as IRS Publication 946, Table A-1 prints them
 * (200 % declining balance for the 3, 5, 7 and 10-year classes, 150 % for 15 and 20,
 * switching to straight line). Writes years + 1 fractions to rates; returns their count,
 * or -1 for another class or too small a buffer. */
int tdm_macrs(int years, double *rates, int max);

/* Net present value at rate of cf[0..n-1], cf[t] at the end of year first + t. */
double tdm_npv(const double *cf, int n, int first, double rate);

/* The rate in (-0.99, 10) at which the NPV is zero, found by bisection on a sign change;
 * NAN when the flows do not change sign there. */
double tdm_irr(const double *cf, int n, int first);

enum tdm_convention {
    TDM_CONV_DCF,      /* discounted cash flow with taxes, depreciation, working capital */
    TDM_CONV_CRF,      /* capital recovery factor: no taxes, capital at year 0 */
    TDM_CONV_STRAIGHT, /* undiscounted: capital spread evenly over the life */
};

/* "discounted cash flow", "capital recovery factor", "straight-line capital". */
const char *tdm_convention_name(enum tdm_convention c);

enum { TDM_MAX_YEARS = 128 };

/* The discount factors (1 + rate)^-t of the years -10 .. TDM_MAX_YEARS worked out so far,
 * for one rate: the memory of whoever prices the same case many times (a tdm_tea keeps
 * one, since a study evaluates thousands of prices and plants at one rate). All zero is
 * empty. */
typedef struct tdm_discounts {
    bool valid;
    double rate;
    int lo, hi; /* the years worked out */
    double f[TDM_MAX_YEARS + 11];
} tdm_discounts;

/* What the cash flow is built from, per year in constant money. */
typedef struct tdm_cash_case {
    enum tdm_convention convention;
    double discount;               /* real discount rate */
    int life;                      /* operating years N */
    int construction;              /* years of construction C >= 1 */
    double construction_share[10]; /* fixed capital spent in construction years 1 - C ... 0, as
                                    * fractions summing to 1; all 0: evenly */
    double tax;                    /* income tax rate */
    int macrs;                     /* MACRS class in years, or 0 for straight-line depreciation */
    int depreciation_years;        /* straight-line period (0: the plant life) */
    double fixed_capital;          /* depreciable capital, $ */
    double working_capital;        /* $, spent in year 0 and recovered in year N */
    double production;             /* main product sold per year (any unit: the price is per it) */
    double other_revenue;          /* by-products, $/yr */
    double opex;                   /* operating cost, $/yr, replacements excluded */
    double replacement[TDM_MAX_YEARS + 1]; /* $ spent in operating year t, expensed */
    double additional;   /* cost fraction on top of the total: a share of revenue */
    tdm_discounts *memo; /* where the discount factors are remembered; NULL: worked out anew */
} tdm_cash_case;

typedef struct tdm_cash_year {
    int year;
    double capital, working_capital, revenue, opex, additional, replacement, depreciation, taxable,
        tax, net, discounted, cumulative;
} tdm_cash_year;

/* The columns of the cash-flow table, one descriptor for every writer of it (the cost
 * report's CSV and JSON, cash_flow.csv, the workbook, the text, Markdown and HTML tables):
 * a key (a CSV header, a JSON key), a heading (a spreadsheet's or a page's), and the fields
 * of tdm_cash_year it adds up: one for a column of the whole table, several for a column of
 * the summary a page shows. */
typedef struct tdm_cash_column {
    const char *key, *heading;
    unsigned short field[3]; /* offsetof(tdm_cash_year, ...); 0 (the year's) ends the list */
} tdm_cash_column;

/* The whole table, in its order: every field of a year but the year. */
enum tdm_cash_col {
    TDM_CASH_CAPITAL,
    TDM_CASH_WORKING_CAPITAL,
    TDM_CASH_REVENUE,
    TDM_CASH_OPERATING,
    TDM_CASH_ADDITIONAL,
    TDM_CASH_REPLACEMENT,
    TDM_CASH_DEPRECIATION,
    TDM_CASH_TAXABLE,
    TDM_CASH_TAX,
    TDM_CASH_NET,
    TDM_CASH_DISCOUNTED,
    TDM_CASH_CUMULATIVE,
    TDM_CASH_NCOLUMNS
};
extern const tdm_cash_column tdm_cash_columns[TDM_CASH_NCOLUMNS];
/* The summary a terminal or a page shows: capital (with the working capital and the
 * replacements), revenue, operating (with the additional cost), tax, net, cumulative. */
enum { TDM_CASH_NSUMMARY = 6 };
extern const tdm_cash_column tdm_cash_summary[TDM_CASH_NSUMMARY];
/* A column's value in one year: the sum of its fields. */
double tdm_cash_value(const struct tdm_cash_year *y, const tdm_cash_column *c);

/* How many times an item that lasts `lifetime` years (any positive number: 0.25 is four
 * times a year) is replaced in operating year `year` (1 .. plant_life) of a plant that runs
 * `plant_life` years: the replacements fall at k x lifetime, k = 1, 2, ..., before the end
 * of the plant's life, each in the year it falls in (year y holds the times in (y - 1, y]).
 * A lifetime was once rounded to whole years, so 0.25 yr was never replaced and 1.5 yr was
 * taken as 2. */
static inline int
tdm_replacements(double lifetime, int plant_life, int year)
{
    if (!(lifetime > 0) || year < 1 || year > plant_life) return 0;
    const double eps = 1e-9;
    /* k with year - 1 < k L <= year, and k L < plant_life in the last year */
    long first = (long)floor((year - 1 + eps) / lifetime) + 1;
    long last = year < plant_life ? (long)floor((year + eps) / lifetime)
                                  : (long)ceil((plant_life - eps) / lifetime) - 1;
    return last >= first ? (int)(last - first + 1) : 0;
}

/* The yearly table at a price of the main product; returns the number of rows (C + N), or
 * -1 when the case is out of range (life 1 to TDM_MAX_YEARS, construction 1 to 10). */
int tdm_cash_flow(const tdm_cash_case *c, double price, tdm_cash_year *rows, int max);
/* NPV at a price, with the convention's discount rate (0 for straight). */
double tdm_cash_npv(const tdm_cash_case *c, double price);
/* The NPV as the line it is in the price, NPV(p) = a + b p, from one pass over the years:
 * a is the NPV at price 0, b the discounted production net of the additional cost and the
 * tax on it. 0, or -1 when the case is out of range. */
int tdm_cash_npv_line(const tdm_cash_case *c, double *a, double *b);
/* Present value of the replacements at the convention's discount rate. */
double tdm_cash_replacement_pv(const tdm_cash_case *c);
/* The price that makes the NPV zero (levelized cost of the main product). */
double tdm_levelized_price(const tdm_cash_case *c);
/* IRR and simple payback (years of operation until the cumulative undiscounted cash flow,
 * capital included, turns positive; NAN if never) at a price. */
double tdm_cash_irr(const tdm_cash_case *c, double price);
double tdm_cash_payback(const tdm_cash_case *c, double price);

#endif
