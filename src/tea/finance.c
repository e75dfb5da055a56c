/* Finance: capital recovery, MACRS, NPV, IRR and the yearly cash-flow table. */
#include "tandem/finance.h"

#include <math.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>

double
tdm_crf(double i, int n)
{
    if (n <= 0) return NAN;
    if (i == 0) return 1.0 / n;
    return i / (1 - pow(1 + i, -n));
}

/* IRS Publication 946 (How To Depreciate Property), Table A-1: general depreciation
 * system, half-year convention, percent of the basis in each recovery year. */
static const double macrs3[] = {33.33, 44.45, 14.81, 7.41};
static const double macrs5[] = {20.00, 32.00, 19.20, 11.52, 11.52, 5.76};
static const double macrs7[] = {14.29, 24.49, 17.49, 12.49, 8.93, 8.92, 8.93, 4.46};
static const double macrs10[] = {10.00, 18.00, 14.40, 11.52, 9.22, 7.37,
                                 6.55,  6.55,  6.56,  6.55,  3.28};
static const double macrs15[] = {5.00, 9.50, 8.55, 7.70, 6.93, 6.23, 5.90, 5.90,
                                 5.91, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 2.95};
static const double macrs20[] = {3.750, 7.219, 6.677, 6.177, 5.713, 5.285, 4.888,
                                 4.522, 4.462, 4.461, 4.462, 4.461, 4.462, 4.461,
                                 4.462, 4.461, 4.462, 4.461, 4.462, 4.461, 2.231};

int
tdm_macrs(int years, double *rates, int max)
{
    const double *t;
    switch (years) {
    case 3:
        t = macrs3;
        break;
    case 5:
        t = macrs5;
        break;
    case 7:
        t = macrs7;
        break;
    case 10:
        t = macrs10;
        break;
    case 15:
        t = macrs15;
        break;
    case 20:
        t = macrs20;
        break;
    default:
        return -1;
    }
    if (max < years + 1) return -1;
    for (int k = 0; k <= years; k++)
        rates[k] = t[k] / 100;
    return years + 1;
}

double
tdm_npv(const double *cf, int n, int first, double rate)
{
    double v = 0;
    for (int t = 0; t < n; t++)
        v += cf[t] * pow(1 + rate, -(double)(first + t));
    return v;
}

double
tdm_irr(const double *cf, int n, int first)
{
    double lo = -0.99, hi = 10.0;
    double flo = tdm_npv(cf, n, first, lo), fhi = tdm_npv(cf, n, first, hi);
    if (!(flo * fhi < 0)) return NAN;
    for (int k = 0; k < 200 && hi - lo > 1e-12; k++) {
        double mid = 0.5 * (lo + hi), f = tdm_npv(cf, n, first, mid);
        if ((f < 0) == (flo < 0)) {
            lo = mid;
            flo = f;
        } else {
            hi = mid;
        }
    }
    return 0.5 * (lo + hi);
}

static double
rate_of(const tdm_cash_case *c)
{
    return c->convention == TDM_CONV_STRAIGHT ? 0.0 : c->discount;
}

/* (1 + rate)^-t for the years from..to (from >= -10), at the case's rate: kept in the
 * case's memo, where the years not yet asked for are worked out when first asked, or in
 * `scratch` when the case has none. */
static const double *
discount_factors(const tdm_cash_case *c, int from, int to, tdm_discounts *scratch)
{
    enum { FIRST = -10 };
    double rate = rate_of(c);
    tdm_discounts *d = c->memo ? c->memo : scratch;
    if (from < FIRST || to > TDM_MAX_YEARS) return NULL;
    if (!d->valid || !(d->rate == rate)) {
        d->valid = true;
        d->rate = rate;
        d->lo = from;
        d->hi = from - 1;
    }
    for (int t = from; t < d->lo; t++)
        d->f[t - FIRST] = pow(1 + rate, -(double)t);
    for (int t = d->hi + 1; t <= to; t++)
        d->f[t - FIRST] = pow(1 + rate, -(double)t);
    if (from < d->lo) d->lo = from;
    if (to > d->hi) d->hi = to;
    return &d->f[from - FIRST];
}

/* The depreciation of operating years 1..N into dep[]; -1 when the case is out of range. */
static int
depreciation(const tdm_cash_case *c, double *dep)
{
    bool dcf = c->convention == TDM_CONV_DCF;
    int C = dcf ? c->construction : 1, N = c->life;
    if (N < 1 || N > TDM_MAX_YEARS || C < 1 || C > 10) return -1;
    memset(dep, 0, (size_t)(N + 2) * sizeof *dep);
    if (!dcf) return 0;
    double macrs[32];
    int nm = c->macrs ? tdm_macrs(c->macrs, macrs, 32) : -1;
    if (c->macrs && nm < 0) return -1;
    int L = c->depreciation_years > 0 ? c->depreciation_years : N;
    for (int t = 1; t <= N; t++)
        dep[t] = c->macrs ? (t <= nm ? macrs[t - 1] : 0) * c->fixed_capital
                          : (t <= L ? c->fixed_capital / L : 0);
    return 0;
}

/* Year t's row at a price, but for its discounted and cumulative figures. */
static void
year_row(const tdm_cash_case *c, int t, double price, const double *dep, tdm_cash_year *y)
{
    bool dcf = c->convention == TDM_CONV_DCF;
    int C = dcf ? c->construction : 1, N = c->life;
    memset(y, 0, sizeof *y);
    y->year = t;
    if (t <= 0)
        y->capital =
            c->fixed_capital *
            (dcf && c->construction_share[0] > 0 ? c->construction_share[t + C - 1] : 1.0 / C);
    if (dcf && t == 0) y->working_capital = c->working_capital;
    if (dcf && t == N) y->working_capital = -c->working_capital;
    if (t >= 1) {
        y->revenue = price * c->production + c->other_revenue;
        y->opex = c->opex;
        y->additional = c->additional * y->revenue;
        y->replacement = t <= TDM_MAX_YEARS ? c->replacement[t] : 0;
        y->depreciation = dep[t];
        y->taxable = y->revenue - y->opex - y->additional - y->replacement - y->depreciation;
        y->tax = dcf ? c->tax * y->taxable : 0;
    }
    y->net = y->revenue - y->opex - y->additional - y->replacement - y->tax - y->capital -
             y->working_capital;
}

int
tdm_cash_flow(const tdm_cash_case *c, double price, tdm_cash_year *rows, int max)
{
    double dep[TDM_MAX_YEARS + 2];
    if (depreciation(c, dep)) return -1;
    int C = c->convention == TDM_CONV_DCF ? c->construction : 1, N = c->life;
    tdm_discounts scratch;
    scratch.valid = false;
    const double *f = discount_factors(c, 1 - C, N, &scratch);
    if (!f || max < C + N) return -1;
    double cum = 0;
    int n = 0;
    for (int t = 1 - C; t <= N; t++) {
        tdm_cash_year *y = &rows[n++];
        year_row(c, t, price, dep, y);
        y->discounted = y->net * f[t - (1 - C)];
        cum += y->net;
        y->cumulative = cum;
    }
    return n;
}

int
tdm_cash_npv_line(const tdm_cash_case *c, double *a, double *b)
{
    *a = *b = NAN;
    double dep[TDM_MAX_YEARS + 2];
    if (depreciation(c, dep)) return -1;
    bool dcf = c->convention == TDM_CONV_DCF;
    int C = dcf ? c->construction : 1, N = c->life;
    tdm_discounts scratch;
    scratch.valid = false;
    const double *f = discount_factors(c, 1 - C, N, &scratch);
    if (!f) return -1;
    /* d net / d price in an operating year: the revenue less its additional share, less
     * the tax on both */
    double slope = c->production * (1 - c->additional) * (dcf ? 1 - c->tax : 1);
    double va = 0, vb = 0;
    for (int t = 1 - C; t <= N; t++) {
        tdm_cash_year y;
        year_row(c, t, 0.0, dep, &y);
        va += y.net * f[t - (1 - C)];
        if (t >= 1) vb += slope * f[t - (1 - C)];
    }
    *a = va;
    *b = vb;
    return 0;
}

double
tdm_cash_npv(const tdm_cash_case *c, double price)
{
    double a, b;
    return tdm_cash_npv_line(c, &a, &b) ? NAN : a + b * price;
}

double
tdm_levelized_price(const tdm_cash_case *c)
{
    double a, b;
    if (tdm_cash_npv_line(c, &a, &b)) return NAN;
    return b > 0 ? -a / b : NAN;
}

double
tdm_cash_replacement_pv(const tdm_cash_case *c)
{
    if (c->life < 1 || c->life > TDM_MAX_YEARS) return NAN;
    tdm_discounts scratch;
    scratch.valid = false;
    const double *f = discount_factors(c, 1, c->life, &scratch);
    if (!f) return NAN;
    double pv = 0;
    for (int y = 1; y <= c->life; y++)
        pv += c->replacement[y] * f[y - 1];
    return pv;
}

double
tdm_cash_irr(const tdm_cash_case *c, double price)
{
    tdm_cash_year rows[TDM_MAX_YEARS + 10];
    int n = tdm_cash_flow(c, price, rows, TDM_MAX_YEARS + 10);
    if (n < 0) return NAN;
    double cf[TDM_MAX_YEARS + 10];
    for (int k = 0; k < n; k++)
        cf[k] = rows[k].net;
    return tdm_irr(cf, n, rows[0].year);
}

double
tdm_cash_payback(const tdm_cash_case *c, double price)
{
    tdm_cash_year rows[TDM_MAX_YEARS + 10];
    int n = tdm_cash_flow(c, price, rows, TDM_MAX_YEARS + 10);
    for (int k = 1; k < n; k++)
        if (rows[k].year >= 1 && rows[k].cumulative >= 0 && rows[k - 1].cumulative < 0) {
            /* linear within the year */
            double f = -rows[k - 1].cumulative / rows[k].net;
            return rows[k].year - 1 + f;
        }
    return NAN;
}

const char *
tdm_convention_name(enum tdm_convention c)
{
    switch (c) {
    case TDM_CONV_DCF:
        return "discounted cash flow";
    case TDM_CONV_CRF:
        return "capital recovery factor";
    case TDM_CONV_STRAIGHT:
        return "straight-line capital";
    }
    return "?";
}

#define F(name) (unsigned short)offsetof(tdm_cash_year, name)

const tdm_cash_column tdm_cash_columns[TDM_CASH_NCOLUMNS] = {
    [TDM_CASH_CAPITAL] = {"capital", "capital", {F(capital)}},
    [TDM_CASH_WORKING_CAPITAL] = {"working_capital", "working capital", {F(working_capital)}},
    [TDM_CASH_REVENUE] = {"revenue", "revenue", {F(revenue)}},
    [TDM_CASH_OPERATING] = {"operating", "operating", {F(opex)}},
    [TDM_CASH_ADDITIONAL] = {"additional", "additional", {F(additional)}},
    [TDM_CASH_REPLACEMENT] = {"replacement", "replacement", {F(replacement)}},
    [TDM_CASH_DEPRECIATION] = {"depreciation", "depreciation", {F(depreciation)}},
    [TDM_CASH_TAXABLE] = {"taxable", "taxable", {F(taxable)}},
    [TDM_CASH_TAX] = {"tax", "tax", {F(tax)}},
    [TDM_CASH_NET] = {"net", "net", {F(net)}},
    [TDM_CASH_DISCOUNTED] = {"discounted", "discounted", {F(discounted)}},
    [TDM_CASH_CUMULATIVE] = {"cumulative", "cumulative", {F(cumulative)}},
};

const tdm_cash_column tdm_cash_summary[TDM_CASH_NSUMMARY] = {
    {"capital", "capital", {F(capital), F(working_capital), F(replacement)}},
    {"revenue", "revenue", {F(revenue)}},
    {"operating", "operating", {F(opex), F(additional)}},
    {"tax", "tax", {F(tax)}},
    {"net", "net", {F(net)}},
    {"cumulative", "cumulative", {F(cumulative)}},
};
#undef F

double
tdm_cash_value(const tdm_cash_year *y, const tdm_cash_column *c)
{
    double v = 0;
    for (int k = 0; k < 3 && c->field[k]; k++) {
        double f;
        memcpy(&f, (const char *)y + c->field[k], sizeof f);
        v += f;
    }
    return v;
}
