/* cell.c: the terms of a cell's voltage and of its mass transfer (tandem/cell.h). */
#include "tandem/cell.h"

#include <math.h>

#include "tandem/constants.h"

double
tdm_tafel(double b, double eta_ref, double j_ref, double j)
{
    if (!(b > 0 && eta_ref >= 0 && j_ref > 0 && j >= 0)) return NAN;
    if (j == 0) return 0;
    double eta = eta_ref + b * log10(j / j_ref);
    return eta > 0 ? eta : 0;
}

/* j / i0 as a function of f = nF eta / RT */
static double
bv_ratio(double alpha, double f)
{
    return exp(alpha * f) - exp(-(1 - alpha) * f);
}

double
tdm_butler_volmer(double i0, double alpha, double n, double T, double j)
{
    if (!(i0 > 0 && alpha > 0 && alpha < 1 && n > 0 && T > 0 && j >= 0)) return NAN;
    double target = j / i0, scale = TDM_GAS_CONSTANT * T / (n * TDM_FARADAY);
    if (target == 0) return 0;
    /* bracket: the ratio exceeds exp(alpha f) - 1, so f = ln(1 + target) / alpha is high
     * enough; it is below exp(alpha f), so f = ln(target) / alpha, when positive, is low
     * enough */
    double lo = target > 1 ? log(target) / alpha : 0, hi = log1p(target) / alpha;
    if (!isfinite(hi)) return NAN;
    /* bisection to the last bit: 200 halvings narrow any double bracket to adjacent
     * numbers */
    for (int k = 0; k < 200 && hi > lo; k++) {
        double mid = 0.5 * (lo + hi);
        if (mid <= lo || mid >= hi) break;
        if (bv_ratio(alpha, mid) < target)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi) * scale;
}

double
tdm_limiting_current(double n, double D, double c, double delta)
{
    if (!(n > 0 && D > 0 && c >= 0 && delta > 0)) return NAN;
    return n * TDM_FARADAY * D * c / delta;
}

double
tdm_concentration_overpotential(double n, double T, double j, double j_lim)
{
    if (!(n > 0 && T > 0 && j >= 0 && j_lim > 0) || !(j < j_lim)) return NAN;
    return -TDM_GAS_CONSTANT * T / (n * TDM_FARADAY) * log1p(-j / j_lim);
}

double
tdm_channel_mean(double Xc)
{
    if (!(Xc >= 0 && Xc <= 1)) return NAN;
    if (Xc == 1) return 0;
    if (Xc < 1e-8) return 1 - Xc / 2; /* the series 1 - Xc/2 - Xc^2/12 ...: no 0/0 */
    return Xc / -log1p(-Xc);
}

double
tdm_mass_limited(double j_kin, double j_lim)
{
    if (!(j_kin >= 0 && j_lim >= 0)) return NAN;
    if (j_kin == 0 || j_lim == 0) return 0;
    return 1 / (1 / j_kin + 1 / j_lim);
}

double
tdm_nernst(double n, double T, double ln_Q)
{
    if (!(n > 0 && T > 0)) return NAN;
    return TDM_GAS_CONSTANT * T / (n * TDM_FARADAY) * ln_Q;
}

/* The slope at point k of a monotone cubic: the weighted harmonic mean of the secants on
 * either side, 0 at a local extremum; at the ends the three-point formula, kept from
 * overshooting. */
static double
pchip_slope(const double *x, const double *y, int n, int k)
{
    if (n == 2) return (y[1] - y[0]) / (x[1] - x[0]);
    if (k == 0 || k == n - 1) {
        int a = k == 0 ? 0 : n - 2, b = k == 0 ? 1 : n - 3; /* the nearer and further secant */
        double h0 = x[a + 1] - x[a], h1 = x[b + 1] - x[b];
        double d0 = (y[a + 1] - y[a]) / h0, d1 = (y[b + 1] - y[b]) / h1;
        double m = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
        if ((m > 0) != (d0 > 0) || d0 == 0) return 0;
        if ((d0 > 0) != (d1 > 0) && fabs(m) > fabs(3 * d0)) return 3 * d0;
        return m;
    }
    double h0 = x[k] - x[k - 1], h1 = x[k + 1] - x[k];
    double d0 = (y[k] - y[k - 1]) / h0, d1 = (y[k + 1] - y[k]) / h1;
    if (d0 == 0 || d1 == 0 || (d0 > 0) != (d1 > 0)) return 0;
    double w1 = 2 * h1 + h0, w2 = h1 + 2 * h0;
    return (w1 + w2) / (w1 / d0 + w2 / d1);
}

double
tdm_pchip(const double *x, const double *y, int n, double xq)
{
    if (n < 2 || !(xq >= x[0] && xq <= x[n - 1])) return NAN;
    int k = 0;
    while (k < n - 2 && xq > x[k + 1])
        k++;
    double h = x[k + 1] - x[k], t = (xq - x[k]) / h;
    double m0 = pchip_slope(x, y, n, k) * h, m1 = pchip_slope(x, y, n, k + 1) * h;
    double t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * y[k] + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * y[k + 1] +
           (t3 - t2) * m1;
}
