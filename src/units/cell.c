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
