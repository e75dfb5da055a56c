/* Charts drawn with PLplot's SVG driver: bar charts of cost breakdowns and the cash flow. */
#include "charts.h"

#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <string.h>

/* PLplot reads '#' as the start of an escape sequence: keep it out of labels. */
static void
clean(char *dst, size_t n, const char *src)
{
    size_t k = 0;
    for (; *src && k + 1 < n; src++)
        dst[k++] = *src == '#' ? '-' : *src;
    dst[k] = '\0';
}

static void
start(const char *path)
{
    plsdev("svg");
    plsfnam(path);
    plspage(0, 0, 900, 560, 0, 0);
    plscolbg(255, 255, 255);
    plscol0(1, 0, 0, 0);      /* axes and text: black */
    plscol0(2, 46, 110, 170); /* bars: blue */
    plscol0(3, 200, 80, 60);  /* negative bars: red */
    plscol0(4, 90, 90, 90);   /* lines: grey */
    plinit();
    pladv(0);
}

static void
range(const double *v, int n, double *lo, double *hi)
{
    *lo = 0;
    *hi = 0;
    for (int i = 0; i < n; i++) {
        if (isfinite(v[i]) && v[i] < *lo) *lo = v[i];
        if (isfinite(v[i]) && v[i] > *hi) *hi = v[i];
    }
    /* never a window a few ulps wide: PLplot's tick search does not end on one */
    double pad = fmax(0.08 * (*hi - *lo), 1e-6 * fmax(1.0, fmax(fabs(*hi), fabs(*lo))));
    if (*hi - *lo < 1e-9 * fmax(1.0, fmax(fabs(*hi), fabs(*lo)))) pad = 1;
    if (*hi > 0) *hi += pad;
    if (*lo < 0) *lo -= pad;
}

static void
bar(double x0, double x1, double v)
{
    PLFLT x[4] = {x0, x1, x1, x0}, y[4] = {0, 0, v, v};
    plcol0(v >= 0 ? 2 : 3);
    plfill(4, x, y);
}

int
tdm_chart_bars(const char *path, const char *title, const char *ylabel, const char *const *labels,
               const double *values, int n)
{
    if (n <= 0) return -1;
    double lo, hi;
    range(values, n, &lo, &hi);
    start(path);
    plvpor(0.12, 0.97, 0.42, 0.92);
    plwind(0, n, lo, hi);
    plcol0(1);
    plschr(0, 0.8);
    plbox("bc", 0, 0, "bcnstv", 0, 0);
    for (int i = 0; i < n; i++)
        if (isfinite(values[i])) bar(i + 0.15, i + 0.85, values[i]);
    plcol0(1);
    plschr(0, 0.7);
    for (int i = 0; i < n; i++) {
        char l[26]; /* long labels are cut to fit under the axis */
        clean(l, sizeof l, labels[i]);
        /* labels under the axis, vertical, ending at the axis */
        plmtex("bv", 0.5, (i + 0.5) / n, 1.0, l);
    }
    char t[160], y[96];
    clean(t, sizeof t, title);
    clean(y, sizeof y, ylabel);
    plschr(0, 1.0);
    pllab("", y, t);
    plend();
    return 0;
}

int
tdm_chart_cash_flow(const char *path, const char *title, const int *years, const double *net,
                    const double *cumulative, int n)
{
    if (n <= 0) return -1;
    double lo1, hi1, lo2, hi2;
    range(net, n, &lo1, &hi1);
    range(cumulative, n, &lo2, &hi2);
    double lo = fmin(lo1, lo2), hi = fmax(hi1, hi2);
    start(path);
    plvpor(0.12, 0.97, 0.12, 0.92);
    plwind(years[0] - 0.5, years[n - 1] + 0.5, lo, hi);
    plcol0(1);
    plschr(0, 0.8);
    plbox("bcnst", 0, 0, "bcnstv", 0, 0);
    for (int i = 0; i < n; i++)
        bar(years[i] - 0.35, years[i] + 0.35, net[i]);
    PLFLT x[256], y[256];
    int m = n < 256 ? n : 256;
    for (int i = 0; i < m; i++) {
        x[i] = years[i];
        y[i] = cumulative[i];
    }
    plcol0(4);
    plline(m, x, y);
    plcol0(1);
    char t[160];
    clean(t, sizeof t, title);
    plschr(0, 1.0);
    pllab("year of operation (construction at 0 and before)",
          "M$ (bars: net cash flow; line: cumulative)", t);
    plend();
    return 0;
}

int
tdm_chart_composite(const char *path, const double *ht, const double *hh, int nh, const double *ct,
                    const double *ch, int nc)
{
    if (nh + nc <= 0) return -1;
    double xmax = 0, tmin = HUGE_VAL, tmax = -HUGE_VAL;
    for (int i = 0; i < nh; i++) {
        xmax = fmax(xmax, hh[i]);
        tmin = fmin(tmin, ht[i]);
        tmax = fmax(tmax, ht[i]);
    }
    for (int i = 0; i < nc; i++) {
        xmax = fmax(xmax, ch[i]);
        tmin = fmin(tmin, ct[i]);
        tmax = fmax(tmax, ct[i]);
    }
    if (!(tmax - tmin > 1e-3)) tmax = tmin + 1;
    if (!(xmax > 1e-9)) xmax = 1;
    start(path);
    plvpor(0.12, 0.97, 0.12, 0.92);
    plwind(0, xmax * 1.05, tmin - 0.05 * (tmax - tmin), tmax + 0.05 * (tmax - tmin));
    plcol0(1);
    plschr(0, 0.8);
    plbox("bcnst", 0, 0, "bcnstv", 0, 0);
    PLFLT x[512], y[512];
    int m = nh < 512 ? nh : 512;
    for (int i = 0; i < m; i++) {
        x[i] = hh[i];
        y[i] = ht[i];
    }
    plcol0(3);
    if (m > 1) plline(m, x, y);
    m = nc < 512 ? nc : 512;
    for (int i = 0; i < m; i++) {
        x[i] = ch[i];
        y[i] = ct[i];
    }
    plcol0(2);
    if (m > 1) plline(m, x, y);
    plcol0(1);
    plschr(0, 1.0);
    pllab("enthalpy (MW)", "temperature (C)",
          "Composite curves: hot (red) and cold (blue), cold shifted by the cold utility");
    plend();
    return 0;
}

int
tdm_chart_front(const char *path, const char *title, const char *xlabel, const char *ylabel,
                const double *x, const double *y, int n)
{
    PLFLT px[512], py[512];
    int m = 0;
    double xmin = HUGE_VAL, xmax = -HUGE_VAL, ymin = HUGE_VAL, ymax = -HUGE_VAL;
    for (int i = 0; i < n && m < 512; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i])) continue;
        px[m] = x[i];
        py[m] = y[i];
        xmin = fmin(xmin, x[i]);
        xmax = fmax(xmax, x[i]);
        ymin = fmin(ymin, y[i]);
        ymax = fmax(ymax, y[i]);
        m++;
    }
    if (m == 0) return -1;
    /* a flat front (equal to rounding) still gets a readable window: PLplot's tick search
     * does not end on a window a few ulps wide */
    double dx = fmax(xmax - xmin, 1e-3 * fmax(fmax(fabs(xmin), fabs(xmax)), 1.0));
    double dy = fmax(ymax - ymin, 1e-3 * fmax(fmax(fabs(ymin), fabs(ymax)), 1.0));
    start(path);
    plvpor(0.12, 0.97, 0.12, 0.92);
    plwind(xmin - 0.05 * dx, xmax + 0.05 * dx, ymin - 0.08 * dy, ymax + 0.08 * dy);
    plcol0(1);
    plschr(0, 0.8);
    plbox("bcnst", 0, 0, "bcnstv", 0, 0);
    plcol0(9);
    if (m > 1) plline(m, px, py);
    plpoin(m, px, py, 17);
    plcol0(1);
    plschr(0, 1.0);
    pllab(xlabel, ylabel, title);
    plend();
    return 0;
}
