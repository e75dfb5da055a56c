/* charts.c (the tandem-graphics module): charts drawn with PLplot's SVG driver. The module
 * is loaded only when a chart is drawn (plugin.c), so that a command that draws none does
 * not pay for loading PLplot and its libraries. */
#include "graphics.h"

#include <errno.h>
#include <math.h>
#include <plplot.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    /* numbers in full on every axis, up to ten digits: the "(x10^4)" PLplot otherwise writes
     * in a corner fell off the page */
    plsxax(10, 0);
    plsyax(10, 0);
}

/* The chart's title, centred on the page (not on the plot, which sits right of its labels)
 * and made smaller when it would not fit the page's width. Ends the chart's drawing. */
static void
page_title(const char *title, double top)
{
    char t[300];
    clean(t, sizeof t, title);
    PLFLT def, ht, x0, x1, y0, y1;
    plgchr(&def, &ht);
    plgspa(&x0, &x1, &y0, &y1);
    /* a character of the SVG driver's font is some 0.6 of its height wide */
    double est = (double)strlen(t) * 0.6 * def;
    double scale = est > 0.94 * (x1 - x0) ? 0.94 * (x1 - x0) / est : 1.0;
    plvpor(0.02, 0.98, 0.12, top);
    plcol0(1);
    plschr(0, scale);
    plmtex("t", 2.0 / scale, 0.5, 0.5, t);
}

/* The axes' labels and the chart's title (above a plot whose top is at `top`); ends the
 * chart. */
static void
axes_and_title(const char *xlabel, const char *ylabel, const char *title, double top)
{
    plcol0(1);
    plschr(0, 1.0);
    char xl[200], yl[200];
    clean(xl, sizeof xl, xlabel);
    clean(yl, sizeof yl, ylabel);
    pllab(xl, yl, "");
    page_title(title, top);
    plend();
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

static int
plot_bars(const char *path, const char *title, const char *ylabel, const char *const *labels,
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
    /* labels under the axis, vertical, ending at the axis: up to 44 characters, smaller
     * when one is long (25 cut "electricity: electrolyzers") */
    size_t longest = 0;
    for (int i = 0; i < n; i++)
        if (strlen(labels[i]) > longest) longest = strlen(labels[i]);
    plschr(0, longest > 30 ? 0.7 * 30 / (double)(longest > 44 ? 44 : longest) : 0.7);
    for (int i = 0; i < n; i++) {
        char l[45];
        clean(l, sizeof l, labels[i]);
        plmtex("bv", 0.5, (i + 0.5) / n, 1.0, l);
    }
    char y[96];
    clean(y, sizeof y, ylabel);
    plschr(0, 1.0);
    pllab("", y, "");
    page_title(title, 0.92);
    plend();
    return 0;
}

static int
plot_cash_flow(const char *path, const char *title, const int *years, const double *net,
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
    plschr(0, 1.0);
    pllab("year of operation (construction at 0 and before)",
          "M$ (bars: net cash flow; line: cumulative)", "");
    page_title(title, 0.92);
    plend();
    return 0;
}

static int
plot_composite(const char *path, const double *ht, const double *hh, int nh, const double *ct,
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
    pllab("enthalpy (MW)", "temperature (C)", "");
    page_title("Composite curves: hot (red) and cold (blue), cold shifted by the cold utility",
               0.92);
    plend();
    return 0;
}

static int
plot_front(const char *path, const char *title, const char *xlabel, const char *ylabel,
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
    /* a single point, or a front flat to rounding: a window 10 % of the value wide, whose
     * ticks read as numbers (1e-3 of it gave five ticks all reading 257.5) */
    double dx = xmax - xmin, dy = ymax - ymin;
    if (!(dx > 1e-6 * fmax(fabs(xmin), fabs(xmax)))) dx = 0.1 * fmax(fabs(xmax), 1.0);
    if (!(dy > 1e-6 * fmax(fabs(ymin), fabs(ymax)))) dy = 0.1 * fmax(fabs(ymax), 1.0);
    start(path);
    plvpor(0.12, 0.97, 0.12, 0.92);
    plwind(xmin - 0.05 * dx, xmax + 0.05 * dx, ymin - 0.08 * dy, ymax + 0.08 * dy);
    plcol0(1);
    plschr(0, 0.8);
    plbox("bcnst", 0, 0, "bcnstv", 0, 0);
    plcol0(9);
    if (m > 1) plline(m, px, py);
    plpoin(m, px, py, 17);
    axes_and_title(xlabel, ylabel, title, 0.92);
    return 0;
}

/* A readable window around [lo, hi]. */
static void
pad_range(double *lo, double *hi)
{
    double d = fmax(*hi - *lo, 1e-3 * fmax(fmax(fabs(*lo), fabs(*hi)), 1.0));
    *lo -= 0.05 * d;
    *hi += 0.05 * d;
}

static int
plot_map(const char *path, const char *title, const char *xlabel, const char *ylabel,
         const double *xs, int nx, const double *ys, int ny, const double *z)
{
    if (nx < 2 || ny < 2) return -1;
    double zmin = HUGE_VAL, zmax = -HUGE_VAL;
    for (int i = 0; i < nx * ny; i++)
        if (isfinite(z[i])) {
            zmin = fmin(zmin, z[i]);
            zmax = fmax(zmax, z[i]);
        }
    if (!(zmax >= zmin)) return -1;
    if (zmax - zmin < 1e-9 * fmax(1.0, fabs(zmax))) zmax = zmin + fmax(1e-3 * fabs(zmin), 1e-3);
    PLFLT **zz;
    plAlloc2dGrid(&zz, nx, ny);
    for (int i = 0; i < nx; i++)
        for (int j = 0; j < ny; j++)
            zz[i][j] = isfinite(z[i * ny + j]) ? z[i * ny + j] : zmax;
    start(path);
    plvpor(0.12, 0.85, 0.12, 0.92);
    plwind(xs[0], xs[nx - 1], ys[0], ys[ny - 1]);
    enum { NLEV = 12 };
    PLFLT clev[NLEV + 1];
    for (int k = 0; k <= NLEV; k++)
        clev[k] = zmin + (zmax - zmin) * k / NLEV;
    plscmap1n(NLEV);
    plshades((PLFLT_MATRIX)zz, nx, ny, NULL, xs[0], xs[nx - 1], ys[0], ys[ny - 1], clev, NLEV + 1,
             0, 0, 0, plfill, 1, NULL, NULL);
    plcol0(1);
    plschr(0, 0.8);
    plbox("bcnst", 0, 0, "bcnstv", 0, 0);
    char xl[200], yl[200];
    clean(xl, sizeof xl, xlabel);
    clean(yl, sizeof yl, ylabel);
    plschr(0, 1.0);
    pllab(xl, yl, "");
    /* the scale: one box per level on the right */
    plvpor(0.88, 0.91, 0.12, 0.92);
    plwind(0, 1, zmin, zmax);
    for (int k = 0; k < NLEV; k++) {
        PLFLT bx[4] = {0, 1, 1, 0}, by[4] = {clev[k], clev[k], clev[k + 1], clev[k + 1]};
        plcol1((k + 0.5) / NLEV);
        plfill(4, bx, by);
    }
    plcol0(1);
    plschr(0, 0.7);
    plbox("bc", 0, 0, "bcmstv", 0, 0);
    plFree2dGrid(zz, nx, ny);
    page_title(title, 0.92);
    plend();
    return 0;
}

static int
plot_tornado(const char *path, const char *title, const char *xlabel, const char *const *labels,
             const double *lo, const double *hi, int n, double base)
{
    if (n <= 0) return -1;
    double xmin = base, xmax = base;
    for (int i = 0; i < n; i++) {
        if (isfinite(lo[i])) xmin = fmin(xmin, lo[i]), xmax = fmax(xmax, lo[i]);
        if (isfinite(hi[i])) xmin = fmin(xmin, hi[i]), xmax = fmax(xmax, hi[i]);
    }
    pad_range(&xmin, &xmax);
    start(path);
    plvpor(0.30, 0.97, 0.12, 0.92);
    plwind(xmin, xmax, 0, n);
    for (int i = 0; i < n; i++) {
        double y0 = n - i - 0.8, y1 = n - i - 0.2;
        double v[2] = {lo[i], hi[i]};
        for (int e = 0; e < 2; e++) {
            if (!isfinite(v[e])) continue;
            PLFLT x[4] = {base, v[e], v[e], base}, y[4] = {y0, y0, y1, y1};
            plcol0(e ? 3 : 2);
            plfill(4, x, y);
        }
        char l[120];
        clean(l, sizeof l, labels[i]);
        plcol0(1);
        plschr(0, 0.7);
        plmtex("lv", 1.0, (n - i - 0.5) / n, 1.0, l);
    }
    plcol0(1);
    plschr(0, 0.8);
    plbox("bcnst", 0, 0, "bc", 0, 0);
    PLFLT bx[2] = {base, base}, by[2] = {0, n};
    plcol0(4);
    plline(2, bx, by);
    char xl[200];
    clean(xl, sizeof xl, xlabel);
    plcol0(1);
    plschr(0, 1.0);
    pllab(xl, "", "");
    page_title(title, 0.92);
    plend();
    return 0;
}

static int
plot_histogram(const char *path, const char *title, const char *xlabel, const double *v, long n,
               int bins)
{
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    long m = 0;
    for (long i = 0; i < n; i++)
        if (isfinite(v[i])) {
            lo = fmin(lo, v[i]);
            hi = fmax(hi, v[i]);
            m++;
        }
    if (m == 0 || bins < 1 || bins > 1000) return -1;
    if (hi - lo < 1e-9 * fmax(1.0, fabs(hi))) {
        lo -= fmax(1e-3 * fabs(lo), 1e-3);
        hi += fmax(1e-3 * fabs(hi), 1e-3);
    }
    long count[1000] = {0};
    for (long i = 0; i < n; i++) {
        if (!isfinite(v[i])) continue;
        int b = (int)((v[i] - lo) / (hi - lo) * bins);
        count[b >= bins ? bins - 1 : b]++;
    }
    long cmax = 1;
    for (int b = 0; b < bins; b++)
        if (count[b] > cmax) cmax = count[b];
    start(path);
    plvpor(0.12, 0.97, 0.12, 0.92);
    /* in percent: a share of 0.09 was labelled 9 with a "(x10^-2)" that fell off the page */
    plwind(lo, hi, 0, 108.0 * (double)cmax / (double)m);
    double w = (hi - lo) / bins;
    for (int b = 0; b < bins; b++) {
        double share = 100.0 * (double)count[b] / (double)m;
        PLFLT x[4] = {lo + b * w, lo + (b + 1) * w, lo + (b + 1) * w, lo + b * w};
        PLFLT y[4] = {0, 0, share, share};
        plcol0(2);
        plfill(4, x, y);
    }
    char xl[200];
    clean(xl, sizeof xl, xlabel);
    plcol0(1);
    plschr(0, 0.8);
    plbox("bcnst", 0, 0, "bcnstv", 0, 0);
    plschr(0, 1.0);
    pllab(xl, "share of samples (%)", "");
    page_title(title, 0.92);
    plend();
    return 0;
}

/* What plugin.c finds with dlsym. */
/* Series against one x, each in a colour of its own, their names above the plot in it. */
static int
plot_lines(const char *path, const char *title, const char *xlabel, const char *ylabel,
           const double *x, int n, const double *y, const char *const *names, int nseries)
{
    static const int rgb[8][3] = {{46, 110, 170}, {200, 80, 60}, {60, 150, 80},  {150, 100, 30},
                                  {120, 70, 160}, {90, 90, 90},  {20, 160, 170}, {210, 150, 0}};
    if (n < 2 || nseries < 1 || nseries > 8) return -1;
    double xmin = HUGE_VAL, xmax = -HUGE_VAL, ymin = 0, ymax = -HUGE_VAL;
    for (int i = 0; i < n; i++) {
        xmin = fmin(xmin, x[i]);
        xmax = fmax(xmax, x[i]);
    }
    for (int i = 0; i < n * nseries; i++)
        if (isfinite(y[i])) {
            ymin = fmin(ymin, y[i]);
            ymax = fmax(ymax, y[i]);
        }
    if (!(xmax > xmin)) return -1;
    if (!(ymax > ymin)) ymax = ymin + 1;
    PLFLT *px = malloc((size_t)n * sizeof *px), *py = malloc((size_t)n * sizeof *py);
    if (!px || !py) {
        free(px);
        free(py);
        return -1;
    }
    start(path);
    for (int s = 0; s < nseries; s++)
        plscol0(5 + s, rgb[s][0], rgb[s][1], rgb[s][2]);
    plvpor(0.10, 0.97, 0.12, 0.86);
    plwind(xmin, xmax, ymin, ymax + 0.05 * (ymax - ymin));
    plcol0(1);
    plschr(0, 0.8);
    plbox("bcnst", 0, 0, "bcnstv", 0, 0);
    for (int s = 0; s < nseries; s++) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (!isfinite(y[s * n + i])) continue;
            px[m] = x[i];
            py[m] = y[s * n + i];
            m++;
        }
        plcol0(5 + s);
        if (m > 1) plline(m, px, py);
        char name[120];
        clean(name, sizeof name, names[s]);
        plmtex("t", 0.6, (s + 0.5) / nseries, 0.5, name);
    }
    axes_and_title(xlabel, ylabel, title, 0.86);
    free(px);
    free(py);
    return 0;
}

const tdm_graphics tdm_graphics_v1 = {
    .version = TDM_GRAPHICS_VERSION,
    .bars = plot_bars,
    .cash_flow = plot_cash_flow,
    .composite = plot_composite,
    .front = plot_front,
    .map = plot_map,
    .tornado = plot_tornado,
    .histogram = plot_histogram,
    .xlsx_cost = tdm_plot_xlsx_cost,
    .lines = plot_lines,
};
