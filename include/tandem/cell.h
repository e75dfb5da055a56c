/* cell.h: the electrochemistry of an electrolyzer's operating point, term by term, after the
 * general model of Orella et al. (Energy Technol. 2020; their code,
 * michaelorella/electrochemical-economics, EconomicCase.m) extended by a Tafel form with a
 * reference point (da Cunha and Resasco, ACS Energy Lett. 2024) and a limiting current taken
 * along the channel (after Hawks et al., ACS Energy Lett. 2022). docs/equations.md writes
 * each equation out with its source.
 *
 * Every function works in magnitudes: a current density j > 0 in A/m2 in the direction the
 * cell drives the reaction, an overpotential > 0 in V that adds to the cell voltage. Each
 * returns NAN where its model has no answer (j at or above a limiting current, a parameter
 * out of its domain); none prints or allocates. */
#ifndef TANDEM_CELL_H
#define TANDEM_CELL_H

/* Tafel with a reference point: eta = eta_ref + b log10(j / j_ref), b the Tafel slope in V
 * per decade. A measured point (eta_ref at j_ref) and a slope are what papers give; below
 * j_ref 10^(-eta_ref / b) the form would go negative, and 0 is returned. */
double tdm_tafel(double b, double eta_ref, double j_ref, double j);

/* Butler-Volmer, solved for eta: j = i0 [exp(alpha n F eta / RT) - exp(-(1 - alpha) n F eta
 * / RT)], i0 the exchange current density, alpha the transfer coefficient of the driven
 * direction, n the electrons of the rate-determining step; exact for every j >= 0 (the
 * right side grows monotonically in eta). */
double tdm_butler_volmer(double i0, double alpha, double n, double T, double j);

/* Mass transfer to a flat plate through a boundary layer (Orella):
 *   j_lim = n F D c / delta, c the reactant's concentration (mol/m3), D its diffusivity
 *   (m2/s), delta the boundary layer (m);
 *   eta_conc = -(RT / nF) ln(1 - j / j_lim). */
double tdm_limiting_current(double n, double D, double c, double delta);
double tdm_concentration_overpotential(double n, double T, double j, double j_lim);

/* The reactant along a channel that consumes a fraction Xc of it (conversion and
 * crossover): in plug flow with a rate proportional to the local concentration, the mean
 * concentration over the channel, relative to the inlet's, is the log mean of 1 and 1 - Xc,
 *   Xc / -ln(1 - Xc),
 * 1 at Xc = 0 and 0 at Xc = 1: a cathode cannot run out of its reactant and still make
 * product. */
double tdm_channel_mean(double Xc);

/* The current a reactant can carry when kinetics ask for j_kin and mass transfer allows
 * j_lim (Koutecky-Levich): 1 / j = 1 / j_kin + 1 / j_lim. */
double tdm_mass_limited(double j_kin, double j_lim);

/* The Nernst term of a reaction that moves n electrons: (RT / nF) ln Q, Q the product of the
 * activities (mole fractions of gases at 1 bar) of the products over those of the
 * reactants, each to its coefficient. */
double tdm_nernst(double n, double T, double ln_Q);

/* Monotone cubic interpolation (Fritsch and Carlson, SIAM J. Numer. Anal. 1980, 17, 238;
 * the slopes of Fritsch and Butland as in SciPy's PchipInterpolator): through the n >= 2
 * points (x[i], y[i]), x strictly increasing, at xq in [x[0], x[n-1]]; between two points
 * it stays between their values, and a monotone set of points gives a monotone curve.
 * NAN outside the points. */
double tdm_pchip(const double *x, const double *y, int n, double xq);

#endif
