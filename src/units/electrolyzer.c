/* electrolyzer: cathode reactions at given Faradaic efficiencies, oxygen evolution at the
 * anode, carbonate crossover, single-pass conversion.
 *
 * Let e = I / F be the electron flow (mol/s). Each cathode product P is made from the key
 * reactant R (CO2, CO, HNO3, H2O) and, for C-N coupling, a co-reactant (urea from CO2 and
 * nitrate), with water supplying hydrogen and oxygen leaving as O2:
 *   sum_r nu_Pr R_r + a_P H2O -> P + (z_P / 4) O2,     n_P = FE_P e / z_P   (Faraday's law)
 *   nu_Pr balances the element that marks reactant r (C for a carbon source, N for a
 *   nitrogen source, H for steam);  a_P = (H_P - sum_r nu_Pr H_r) / 2;
 *   z_P = gamma(P) - sum_r nu_Pr gamma(R_r),  gamma = 4C + H - 2O + 3B - charge
 * Balances, for every species k:
 *   cathode_out_k = in_k + sum_P n_P (delta_kP - sum_r nu_Pr delta_k,Rr) - x e delta_k,CO2
 *   anode_out_k   = anode_in_k + x e delta_k,CO2 + (e / 4) delta_k,O2
 *   water make-up W = sum_P a_P n_P            (or drawn from the cathode inlet)
 * where x is the carbonate crossover, mol CO2 carried to the anode per mol of electrons:
 * f I / (2F) for a fraction f of the charge carried by carbonate, so x = f / 2 <= 0.5, or up
 * to 1 when bicarbonate (one charge per CO2) carries it (models.md; da Cunha and Resasco,
 * ACS Energy Lett. 2024, 9, 5550). Without the key, `electrolyte` sets it (neutral 0.5,
 * alkaline 0.65, acidic, bipolar and solid-oxide 0); a CO2-fed low-temperature cell with
 * neither is warned of.
 * Single-pass conversion X counts the key reactant turned into cathode products:
 *   X * in_R = sum_P nu_PR n_P
 * Cell voltage: given, or estimated from a cathode potential vs RHE as
 *   V = 1.229 V (O2 evolution vs RHE at 25 C) + anode overpotential - E_cathode + j ASR.
 * Electric power = V * I; the heat follows from the unit's enthalpy balance (energy hook). */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kinds.h"
#include "table.h"
#include "text.h"
#include "tandem/catalysts.h"
#include "tandem/cell.h"
#include "tandem/constants.h"
#include "tandem/species.h"

enum { P_IN, P_CATHODE, P_ANODE, P_ANODE_IN };
enum { MAXP = 16, MAXR = 2, MAXPT = 16 };

/* An operating point of a performance map: current density, cell voltage, Faradaic
 * efficiencies (in the order of the unit's products) and, when the map gives it, the
 * single-pass conversion; `share` is the fraction of the cell area run there. */
struct point {
    const char *name;
    double j, V, fe[MAXP], X, share, E_rev;
    int line, share_line;
    bool rest;
};

enum tech { T_MEA, T_FLOW_CELL, T_SOEC, T_H_CELL, T_OTHER };
static const char *const techs[] = {"mea", "flow-cell", "soec", "h-cell", "other", NULL};

/* O2 evolution at 25 C: 1.229 V against the reversible hydrogen electrode (thermo.md). */
#define E_OER_RHE 1.229

struct electrolyzer {
    int tech;
    const tdm_catalyst *cat;
    int np;
    const char *fe_key[MAXP], *fe_label[MAXP]; /* "fe.CO", "Faradaic efficiency to CO" */
    int product[MAXP];
    double fe[MAXP], nu[MAXP][MAXR], a[MAXP];
    int z[MAXP];
    int fe_line;
    int nr;
    int reactant[MAXR]; /* [0] is the key reactant */
    double j;           /* A/m2 */
    double V;           /* V */
    bool V_estimated;
    double E_cathode, eta_anode, asr;
    int V_line;
    /* The voltage model (the cathode's kinetics given): V = E_rev(T) + eta_c(j) + eta_a(j) +
     * j ASR. The cathode by Tafel (c_b > 0: c_eta_ref at j_ref, c_b per decade) or by
     * Butler-Volmer (c_i0, c_alpha, c_n electrons); the anode by Tafel (a_b > 0: eta_anode at
     * j_ref) or at a fixed eta_anode. eta_c, eta_a: at j. */
    bool V_model;
    double c_b, c_eta_ref, c_i0, c_alpha, c_n, a_b, j_ref, eta_c, eta_a;
    /* Selectivity from mass transfer (`limiting_current_density` j_lim0, at the inlet): the
     * fe.* given are those at zero conversion (fe0); the reduction's current passes through
     * the limiting current along the channel by Koutecky-Levich and keeps the share s of
     * its kinetic demand; the rest goes to H2 (index h2). Xc: the key reactant consumed,
     * products and crossover; j_lim: the limit at the channel's mean; eta_conc: the
     * concentration overpotential it costs. */
    double jlim0, fe0[MAXP], s_mt, Xc, j_lim, j_red, eta_conc;
    double y_in;   /* the key reactant's mole fraction at the inlet, from the solution (refine) */
    double nernst; /* the voltage model's Nernst term of the outlets' composition (refine) */
    int jlim_line, h2;
    bool starved; /* the channel would consume all its reactant: no operating point */
    /* A polarization curve (`polarization = FILE.csv`): the voltage and Faradaic
     * efficiencies against the current density, interpolated monotonically at j */
    int ncv;
    double cv_j[MAXPT], cv_V[MAXPT], cv_fe[MAXP][MAXPT];
    bool fixed_performance; /* `fixed_performance = yes`: studies may vary j and X alone */
    double X;               /* single-pass conversion; NAN when not given */
    int X_line;
    double x; /* mol CO2 / mol e- */
    int x_line;
    bool has_current, has_area;
    double current, area;
    int spec_line;
    bool water_inlet;
    double T, P;
    double E_rev; /* reversible voltage of the product mix at T */
    /* each reaction's Gibbs energy at T (cathode products, then anode products), kept
     * for numbers changed in place; dg_ready is cleared with the data at every parse */
    double dg[MAXP], adg[MAXP];
    bool dg_ready;
    /* Anode oxidations replacing part of the O2 evolution: R_a -> P_a + z_a e-, written as
     * nu R_a + (z_a/4) O2 -> P_a + a_a H2O so that the O2 the OER would have made pays for it. */
    int anode_reactant; /* -1: O2 evolution only */
    double Xa;          /* conversion of the anode reactant fed; NAN when not given */
    int Xa_line;
    int nap;
    int aprod[MAXP];
    double afe[MAXP], anu[MAXP], aa[MAXP];
    int az[MAXP];
    double afe_sum;
    /* A performance map (`operating_points = FILE.csv`): cells in parallel at several
     * points, each point's area a share of the whole. npt = 0: one point from the keys. */
    int fe_rest; /* index of the `rest` Faradaic efficiency, -1 when none (+1 stored) */
    int npt;
    struct point pt[MAXPT];
    const char *map_path;
    int map_line;
    bool map_X;
    /* Liquid products in their water: `concentration.X` sets the catholyte water that
     * carries them out (kg of water per kg of X: cw), and `liquid_crossover` the share of
     * each liquid product that crosses to the anode (lx; liquid[p] at the cell's T). */
    int conc_p; /* -1: no concentration given */
    double cw, lx;
    int conc_line;
    const char *conc_key; /* "concentration.C3H7OH", the section's own text */
    bool liquid[MAXP];
};

static const char *const water_modes[] = {"makeup", "inlet", NULL};
static const char *const yesno[] = {"no", "yes", NULL};

static double rev_voltage(tdm_unit *u, struct electrolyzer *d, const double *fe);

/* The electrolyte, and the carbonate crossover it carries when the file gives none, in mol
 * CO2 per mol of electrons: the values TEAs use, 0.5 for a neutral cell (carbonate carries
 * all the charge), 0.65 for an alkaline one, 0 for an acidic one (da Cunha and Resasco, ACS
 * Energy Lett. 2024, 9, 5550; ../shared/reference/models.md); 0 across a bipolar membrane,
 * which returns protons, not carbonate, to the cathode (same source) and in a solid-oxide
 * cell, where oxide ions carry the charge. */
enum { EL_UNSET = 100 };
static const char *const electrolytes[] = {"alkaline", "neutral",     "acidic",
                                           "bipolar",  "solid-oxide", NULL};
static const double electrolyte_x[] = {0.65, 0.5, 0, 0, 0};
enum { EL_SOLID_OXIDE = 4 };

/* The element that marks a reactant: C for a carbon source, N for a nitrogen source, H for
 * steam; -1 when none. */
static int
marker(const tdm_species *R)
{
    if (R->el[TDM_EL_C] > 0) return TDM_EL_C;
    if (R->el[TDM_EL_N] > 0) return TDM_EL_N;
    if (R->el[TDM_EL_H] > 0) return TDM_EL_H;
    return -1;
}

/* Stoichiometry of P from the reactants with water and O2; fills nu, a, z or fails with a
 * reason. */
static int
stoich(const tdm_species *P, const tdm_species *const *R, int nr, double *nu, double *a, int *z,
       char *why, size_t n)
{
    if (P->charge) {
        snprintf(why, n,
                 "ions are not handled by the Faradaic-efficiency model; use neutral "
                 "species (HCOOH for formate, HNO3 for nitrate)");
        return -1;
    }
    double H = P->el[TDM_EL_H], g = tdm_species_electrons(P);
    double bal[TDM_NEL];
    for (int e = 0; e < TDM_NEL; e++)
        bal[e] = P->el[e];
    for (int r = 0; r < nr; r++) {
        if (R[r]->charge) {
            snprintf(why, n, "reactant %s is an ion; use a neutral species (HNO3 for nitrate)",
                     R[r]->name);
            return -1;
        }
        int m = marker(R[r]);
        /* Steam makes only hydrogen: its marker H is not conserved by O2 evolution. */
        nu[r] = m < 0           ? 0
                : m == TDM_EL_H ? (P->el[TDM_EL_C] || P->el[TDM_EL_N] ? 0 : H / R[r]->el[m])
                                : P->el[m] / R[r]->el[m];
        if (m == TDM_EL_N && r > 0 && nu[0] > 0 && R[0]->el[TDM_EL_N] > 0) nu[r] = 0;
        H -= nu[r] * R[r]->el[TDM_EL_H];
        g -= nu[r] * tdm_species_electrons(R[r]);
        for (int e = 0; e < TDM_NEL; e++)
            bal[e] -= nu[r] * R[r]->el[e];
    }
    if (fabs(bal[TDM_EL_C]) > 1e-9 || fabs(bal[TDM_EL_N]) > 1e-9 || fabs(bal[TDM_EL_B]) > 1e-9) {
        char list[64] = "";
        for (int r = 0; r < nr; r++) {
            size_t l = strlen(list);
            snprintf(list + l, sizeof list - l, "%s%s", r ? " and " : "", R[r]->name);
        }
        snprintf(why, n,
                 "%s cannot be made from %s, water and electrons alone (C and N do not "
                 "balance%s)",
                 P->name, list, nr == 1 ? "; a second reactant goes in `co_reactant`" : "");
        return -1;
    }
    *a = H / 2;
    /* oxygen must balance with O2 = z/4: sum nu O_R + a = O_P + z/2 */
    double O = *a - P->el[TDM_EL_O];
    for (int r = 0; r < nr; r++)
        O += nu[r] * R[r]->el[TDM_EL_O];
    if (fabs(O - g / 2) > 1e-9 || g <= 0 || fabs(g - round(g)) > 1e-9) {
        snprintf(why, n, "%s is not a reduction product of %s", P->name, R[0]->name);
        return -1;
    }
    *z = (int)round(g);
    return 0;
}

/* The cell voltage: given, or estimated from the cathode potential (vs RHE), an anode
 * overpotential and an area-specific resistance. */
/* The voltage model's keys: the cathode by Tafel (`cathode_tafel_slope`,
 * `cathode_overpotential` at `reference_current_density`) or by Butler-Volmer
 * (`cathode_exchange_current_density`, `cathode_transfer_coefficient`); the anode's
 * overpotential, at the reference current density with `anode_tafel_slope`, else fixed;
 * the area-specific resistance. The voltage itself is made once the temperature and the
 * products are known (model_voltage). */
static int
read_kinetics(tdm_unit *u, struct electrolyzer *d, const tdm_kv *ct, const tdm_kv *ci,
              tdm_error *err)
{
    if (ct && ci)
        return tdm_unit_error(u, ci->line, err,
                              "give the cathode's Tafel slope or its exchange current density "
                              "(Butler-Volmer), not both");
    d->V_model = true;
    d->V_line = (ct ? ct : ci)->line;
    d->j_ref = 100; /* 10 mA/cm2, where the da Cunha and Resasco workbook gives its points */
    if (tdm_unit_quantity(u, "reference_current_density", TDM_Q_CURRENT_DENSITY, 1e-9, 1e5,
                          &d->j_ref, err) < 0)
        return -1;
    if (ct) {
        if (tdm_unit_require(u, "cathode_tafel_slope", TDM_Q_VOLTAGE, 1e-3, 2.0, &d->c_b, err) <
                0 ||
            tdm_unit_require(u, "cathode_overpotential", TDM_Q_VOLTAGE, 0, 3.0, &d->c_eta_ref,
                             err) < 0)
            return -1;
    } else {
        if (tdm_unit_require(u, "cathode_exchange_current_density", TDM_Q_CURRENT_DENSITY, 1e-12,
                             1e5, &d->c_i0, err) < 0 ||
            tdm_unit_require(u, "cathode_transfer_coefficient", TDM_Q_FRACTION, 0.01, 0.99,
                             &d->c_alpha, err) < 0)
            return -1;
    }
    if (tdm_unit_require(u, "anode_overpotential", TDM_Q_VOLTAGE, 0, 3.0, &d->eta_anode, err) < 0 ||
        tdm_unit_quantity(u, "anode_tafel_slope", TDM_Q_VOLTAGE, 1e-3, 2.0, &d->a_b, err) < 0 ||
        tdm_unit_require(u, "area_resistance", TDM_Q_AREA_RESISTANCE, 0, 1.0, &d->asr, err) < 0)
        return -1;
    return 0;
}

/* The Faradaic efficiencies under mass transfer. The reduction's current j sum fe0 passes
 * through the limiting current at the channel's mean by Koutecky-Levich, a share
 *   k(Xc) = 1 / (1 + a / c_mean(Xc)),   a = j sum fe0 / j_lim0,
 * c_mean the log mean of the channel (tandem/cell.h); the fe.* given are those at zero
 * conversion, so each product keeps s = k(Xc) / k(0) of its fe0, and the current lost goes
 * to H2. With S0 = sum over the products made from the key reactant of fe0 nu / z, the
 * reactant consumed along the channel is
 *   Xc = X (1 + x / (s S0))            (conversion, and the crossover per product made).
 * s and Xc depend on each other: the right side of s = k(Xc(s)) / k(0) grows with s, so the
 * iteration from s = 1 falls to the largest root, the cell's operating branch; past Xc = 1
 * the cathode runs out of its reactant, and there is no operating point. As j_lim0 grows s
 * tends to 1; when mass transfer alone limits (a large) s tends to c_mean(Xc), the form of
 * Hawks et al. (ACS Energy Lett. 2022).
 *
 * j_lim0 is stated in the electrons of the main product (the largest fe0 made from the
 * reactant: n F D c / delta with n = 4 per CO for C2H4); what the reactant's flux limits is
 * the flux, so when other products share it the limit carries their mean electrons per
 * reactant, sum fe0 / S0, instead: a cathode that also makes acetate (4 e- per 2 CO) runs
 * short of CO at less current. One product: the factor is 1. */
static int
mass_transfer(tdm_unit *u, struct electrolyzer *d, tdm_error *err)
{
    (void)u;
    (void)err;
    memcpy(d->fe, d->fe0, sizeof d->fe);
    if (!(d->jlim0 > 0)) return 0;
    double S0 = 0, share = 0;
    int top = -1;
    for (int p = 0; p < d->np; p++)
        if (d->nu[p][0] > 0) {
            S0 += d->fe0[p] * d->nu[p][0] / d->z[p];
            share += d->fe0[p];
            if (top < 0 || d->fe0[p] > d->fe0[top]) top = p;
        }
    d->s_mt = 1;
    d->Xc = d->X;
    d->j_red = 0;
    d->j_lim = d->jlim0;
    if (!(share > 0)) return 0;
    double jlim0 = d->jlim0 * (share / S0) * d->nu[top][0] / d->z[top];
    double jk = d->j * share, s = 1, k0 = tdm_mass_limited(jk, jlim0) / jk;
    d->starved = false;
    for (int it = 0; it < 100000; it++) {
        double Xc = d->X * (1 + d->x / (s * S0));
        if (!(Xc < 1)) {
            /* not the file's fault but the operating point's: the solve fails (declare),
             * so that a study counts the point as one the plant cannot run */
            d->starved = true;
            d->Xc = Xc;
            return 0;
        }
        double jl = jlim0 * d->y_in * tdm_channel_mean(Xc);
        double sn = tdm_mass_limited(jk, jl) / jk / k0;
        d->Xc = Xc;
        d->j_lim = jl;
        bool done = fabs(sn - s) <= 1e-15;
        s = sn;
        if (done) break;
    }
    d->s_mt = s;
    d->j_red = s * jk;
    double made = 0;
    for (int p = 0; p < d->np; p++)
        if (d->nu[p][0] > 0) d->fe[p] = s * d->fe0[p];
    for (int p = 0; p < d->np; p++)
        if (p != d->h2) made += d->fe[p];
    d->fe[d->h2] = made < 1 ? 1 - made : 0;
    return 0;
}

/* The voltage model at the current density j: each term, and their sum. Butler-Volmer's
 * electrons are those of the product with the largest Faradaic efficiency (2 for CO, as in
 * Orella et al.'s CO2 -> CO case). */
static int
model_voltage(tdm_unit *u, struct electrolyzer *d, tdm_error *err)
{
    int best = 0;
    for (int p = 1; p < d->np; p++)
        if (d->fe[p] > d->fe[best]) best = p;
    d->c_n = d->np ? d->z[best] : 2;
    d->E_rev = rev_voltage(u, d, d->fe) + d->nernst;
    d->eta_c = d->c_b > 0 ? tdm_tafel(d->c_b, d->c_eta_ref, d->j_ref, d->j)
                          : tdm_butler_volmer(d->c_i0, d->c_alpha, d->c_n, d->T, d->j);
    d->eta_a = d->a_b > 0 ? tdm_tafel(d->a_b, d->eta_anode, d->j_ref, d->j) : d->eta_anode;
    if (d->starved) { /* no operating point: declare says so */
        d->V = NAN;
        return 0;
    }
    /* the surface concentration of Koutecky-Levich's current, not of the current kept
     * (which the fe.* at zero conversion scale by 1 / k(0)): c_s / c = 1 - j_KL / j_lim */
    double jk = d->j_red / (d->s_mt > 0 ? d->s_mt : 1);
    d->eta_conc = d->jlim0 > 0 && jk > 0
                      ? tdm_concentration_overpotential(d->c_n, d->T,
                                                        tdm_mass_limited(jk, d->j_lim), d->j_lim)
                      : 0;
    d->V = d->E_rev + d->eta_c + d->eta_a + d->j * d->asr + d->eta_conc;
    if (!(d->V <= 20.0))
        return tdm_unit_error(u, d->V_line, err,
                              "the voltage model gives %.4g V at %.4g mA/cm2 (reversible %.3f, "
                              "cathode %.3f, anode %.3f, ohmic %.3f V): beyond the 20 V of any "
                              "cell",
                              d->V, d->j / 10, d->E_rev, d->eta_c, d->eta_a, d->j * d->asr);
    return 0;
}

static int
read_voltage(tdm_unit *u, struct electrolyzer *d, tdm_error *err)
{
    const tdm_kv *cv = tdm_unit_kv(u, "cell_voltage"), *cp = tdm_unit_kv(u, "cathode_potential");
    if (cv && cp)
        return tdm_unit_error(u, cp->line, err,
                              "give `cell_voltage` or `cathode_potential` (to "
                              "estimate it), not both");
    const tdm_kv *ct = tdm_unit_kv(u, "cathode_tafel_slope"),
                 *ci = tdm_unit_kv(u, "cathode_exchange_current_density");
    const tdm_kv *model = ct ? ct : ci;
    if (model && (cv || cp))
        return tdm_unit_error(u, (cv ? cv : cp)->line, err,
                              "give `%s` (a measured point) or the cathode's kinetics (`%s`: the "
                              "voltage follows the current density), not both",
                              cv ? "cell_voltage" : "cathode_potential", model->key);
    if (cv) {
        d->V_line = cv->line;
        return tdm_unit_require(u, "cell_voltage", TDM_Q_VOLTAGE, 1e-3, 20.0, &d->V, err) < 0 ? -1
                                                                                              : 0;
    }
    if (model) return read_kinetics(u, d, ct, ci, err);
    d->E_cathode = NAN;
    if (cp) {
        d->V_line = cp->line;
        if (tdm_unit_quantity(u, "cathode_potential", TDM_Q_VOLTAGE, -5.0, 2.0, &d->E_cathode,
                              err) < 0)
            return -1;
    } else if (d->cat && !isnan(d->cat->e_rhe)) {
        d->V_line = tdm_unit_kv(u, "catalyst")->line;
        d->E_cathode = d->cat->e_rhe;
    }
    if (isnan(d->E_cathode))
        return tdm_unit_error(u, 0, err,
                              "an electrolyzer needs `cell_voltage`, or "
                              "`cathode_potential` (V vs RHE) with "
                              "`anode_overpotential` and `area_resistance` to "
                              "estimate it");
    if (tdm_unit_require(u, "anode_overpotential", TDM_Q_VOLTAGE, 0, 3.0, &d->eta_anode, err) < 0 ||
        tdm_unit_require(u, "area_resistance", TDM_Q_AREA_RESISTANCE, 0, 1.0, &d->asr, err) < 0)
        return -1;
    d->V = E_OER_RHE + d->eta_anode - d->E_cathode + d->j * d->asr;
    d->V_estimated = true;
    return 0;
}

/* Anode oxidations: `anode_reactant` (fed by `anode_in`) and `anode_fe.P`; the rest of the
 * anode current evolves O2. */
static int
read_anode(tdm_unit *u, struct electrolyzer *d, tdm_error *err)
{
    d->anode_reactant = -1;
    const tdm_kv *ar = tdm_unit_kv(u, "anode_reactant");
    for (int i = 0; i < u->sec->nkv; i++) {
        const tdm_kv *kv = &u->sec->kv[i];
        if (strncmp(kv->key, "anode_fe.", 9) != 0) continue;
        if (!ar)
            return tdm_unit_error(u, kv->line, err,
                                  "`%s` needs `anode_reactant`, the species oxidized", kv->key);
        if (d->anode_reactant < 0) {
            d->anode_reactant = tdm_unit_species(u, ar->value, ar->line, err);
            if (d->anode_reactant < 0) return -1;
        }
        const tdm_species *R = tdm_unit_species_info(u, d->anode_reactant);
        int id = tdm_unit_species(u, kv->key + 9, kv->line, err);
        if (id < 0) return -1;
        const tdm_species *P = tdm_unit_species_info(u, id);
        int m = marker(R);
        double nu = m >= 0 && m != TDM_EL_H ? P->el[m] / R->el[m] : 0;
        double z = nu * tdm_species_electrons(R) - tdm_species_electrons(P);
        double a = (nu * R->el[TDM_EL_H] - P->el[TDM_EL_H]) / 2;
        double O = nu * R->el[TDM_EL_O] + z / 2 - P->el[TDM_EL_O] - a;
        if (P->charge || R->charge || nu <= 0 || z <= 0 || fabs(z - round(z)) > 1e-9 ||
            fabs(O) > 1e-9 || fabs(P->el[TDM_EL_C] - nu * R->el[TDM_EL_C]) > 1e-9 ||
            fabs(P->el[TDM_EL_N] - nu * R->el[TDM_EL_N]) > 1e-9)
            return tdm_unit_error(u, kv->line, err, "`%s`: %s is not an oxidation product of %s",
                                  kv->key, P->name, R->name);
        if (d->nap == MAXP) return tdm_unit_error(u, kv->line, err, "too many anode products");
        double fe;
        if (tdm_unit_quantity(u, kv->key, TDM_Q_FRACTION, 0.0, 1.0, &fe, err) < 0) return -1;
        d->aprod[d->nap] = id;
        d->afe[d->nap] = fe;
        d->anu[d->nap] = nu;
        d->aa[d->nap] = a;
        d->az[d->nap] = (int)round(z);
        d->afe_sum += fe;
        d->nap++;
    }
    if (ar && d->nap == 0)
        return tdm_unit_error(u, ar->line, err,
                              "`anode_reactant` needs `anode_fe.*`, e.g. "
                              "`anode_fe.CH3CHO = 0.9`");
    if (d->afe_sum > 1 + 1e-9)
        return tdm_unit_error(u, ar->line, err,
                              "anode Faradaic efficiencies sum to %.10g (must be <= 1; the rest "
                              "evolves O2)",
                              d->afe_sum);
    if (d->nap && tdm_unit_port_n(u, P_ANODE_IN) == 0)
        return tdm_unit_error(u, ar->line, err,
                              "anode oxidation needs `anode_in`, the stream that "
                              "brings the %s",
                              ar->value);
    d->Xa = NAN;
    const tdm_kv *xa = tdm_unit_kv(u, "anode_conversion");
    if (xa && !d->nap)
        return tdm_unit_error(u, xa->line, err,
                              "`anode_conversion` needs an anode oxidation (`anode_reactant` "
                              "and `anode_fe.*`)");
    if (xa) d->Xa_line = xa->line;
    return tdm_unit_quantity(u, "anode_conversion", TDM_Q_FRACTION, 0.0, 1.0, &d->Xa, err) < 0 ? -1
                                                                                               : 0;
}

/* Moles of species id made per mole of electrons at the anode, O2 evolution included. */
static double
anode_coef(const struct electrolyzer *d, int id, int o2, int h2o)
{
    double c = id == o2 ? 0.25 * (1 - d->afe_sum) : 0;
    for (int p = 0; p < d->nap; p++) {
        double n = d->afe[p] / d->az[p];
        if (id == d->aprod[p]) c += n;
        if (id == d->anode_reactant) c -= n * d->anu[p];
        if (id == h2o) c += n * d->aa[p]; /* water made at the anode leaves with it */
    }
    return c;
}

/* Faradaic efficiencies: the section's, or the catalyst's main product and H2. */
static int
read_fe(tdm_unit *u, struct electrolyzer *d, const tdm_species *const *R, int nr_st,
        const tdm_kv *ck, tdm_error *err)
{
    double sum = 0;
    int rest = -1;
    for (int i = 0; i < u->sec->nkv; i++) {
        const tdm_kv *kv = &u->sec->kv[i];
        if (strncmp(kv->key, "fe.", 3) != 0) continue;
        if (d->np == MAXP)
            return tdm_unit_error(u, kv->line, err, "too many products (limit %d)", MAXP);
        if (!d->fe_line) d->fe_line = kv->line;
        int id = tdm_unit_species(u, kv->key + 3, kv->line, err);
        if (id < 0) return -1;
        for (int r = 0; r < d->nr; r++)
            if (id == d->reactant[r])
                return tdm_unit_error(u, kv->line, err, "%s is a reactant, not a product",
                                      R[r]->name);
        char why[240];
        int k = d->np;
        if (stoich(tdm_unit_species_info(u, id), R, nr_st, d->nu[k], &d->a[k], &d->z[k], why,
                   sizeof why))
            return tdm_unit_error(u, kv->line, err, "`%s`: %s", kv->key, why);
        d->product[k] = id;
        if (strcmp(kv->value, "rest") == 0) {
            if (rest >= 0)
                return tdm_unit_error(u, kv->line, err,
                                      "only one Faradaic efficiency may be "
                                      "`rest`");
            rest = k;
        } else {
            if (tdm_unit_quantity(u, kv->key, TDM_Q_FRACTION, 0.0, 1.0, &d->fe[k], err) < 0)
                return -1;
            sum += d->fe[k];
        }
        d->np++;
    }
    if (d->np == 0 && d->cat) {
        if (!d->cat->product || isnan(d->cat->fe))
            return tdm_unit_error(u, ck->line, err,
                                  "catalyst `%s` reports no Faradaic efficiency to a modelled "
                                  "product (%s); give `fe.*` keys",
                                  d->cat->id, d->cat->reported);
        const char *names[2] = {d->cat->product, "H2"};
        for (int k = 0; k < 2; k++) {
            int id = tdm_unit_species(u, names[k], ck->line, err);
            if (id < 0) return -1;
            char why[240];
            if (stoich(tdm_unit_species_info(u, id), R, nr_st, d->nu[k], &d->a[k], &d->z[k], why,
                       sizeof why))
                return tdm_unit_error(u, ck->line, err, "catalyst `%s`: %s", d->cat->id, why);
            d->product[k] = id;
        }
        d->fe[0] = d->cat->fe;
        d->fe[1] = 1 - d->cat->fe;
        d->np = 2;
        d->fe_line = ck->line;
        sum = 1;
        rest = 1;
    }
    if (d->np == 0)
        return tdm_unit_error(u, 0, err,
                              "an electrolyzer needs Faradaic efficiencies, e.g. "
                              "`fe.C2H4 = 0.6` and `fe.H2 = rest`, or a `catalyst`");
    if (sum > 1 + 1e-9)
        return tdm_unit_error(u, d->fe_line, err,
                              "Faradaic efficiencies sum to %.10g (must be <= 1)", sum);
    if (rest >= 0)
        d->fe[rest] = sum < 1 ? 1 - sum : d->fe[rest];
    else if (fabs(sum - 1) > 1e-6)
        return tdm_unit_error(u, d->fe_line, err,
                              "Faradaic efficiencies sum to %.10g; they must sum to 1, or mark "
                              "one `rest` (usually `fe.H2 = rest`)",
                              sum);
    if (rest >= 0 && d->cat && d->np == 2 && d->fe_line == ck->line) d->fe[1] = 1 - d->fe[0];
    d->fe_rest = rest + 1;
    return 0;
}

/* A number with its unit from a cell of the performance map. */
static int
map_quantity(const char *path, int line, const char *col, const char *text, tdm_qkind k, double min,
             double max, double *out, tdm_error *err)
{
    tdm_dim dim;
    char why[160];
    if (tdm_quantity_parse(text, out, &dim, why, sizeof why))
        return tdm_errorf(err, TDM_EINPUT, path, line, "%s `%s`: %s", col, text, why);
    if (!tdm_dim_equal(dim, tdm_qkind_dim(k)))
        return tdm_errorf(err, TDM_EINPUT, path, line, "%s `%s` is not %s (%s)", col, text,
                          tdm_qkind_a(k), tdm_qkind_units(k));
    if (!(*out >= min && *out <= max)) {
        const char *si = tdm_qkind_si(k);
        return tdm_errorf(err, TDM_EINPUT, path, line, "%s `%s` is out of range (%g to %g%s%s)",
                          col, text, min, max, si[0] ? " " : "", si);
    }
    return 0;
}

/* `operating_points = FILE.csv`: the cell's performance map. Columns: point (a name),
 * current_density, cell_voltage (numbers with units), fe.SPECIES (one may be `rest`),
 * optionally single_pass_conversion, and source. `share.POINT` keys give the fraction of
 * the area at each point (one may be `rest`; points without a share get none). */
static int
read_map(tdm_unit *u, struct electrolyzer *d, const tdm_kv *kv, const char *const *given,
         bool curve, const tdm_species *const *R, int nr_st, tdm_error *err)
{
    d->map_line = kv->line;
    for (int i = 0; i < u->sec->nkv; i++) {
        const char *key = u->sec->kv[i].key;
        bool clash = strncmp(key, "fe.", 3) == 0;
        for (int g = 0; given[g]; g++)
            clash |= strcmp(key, given[g]) == 0;
        if (clash)
            return tdm_unit_error(u, u->sec->kv[i].line, err,
                                  "`%s` comes from the %s `%s`; remove it", key,
                                  curve ? "polarization curve" : "operating points of", kv->value);
    }
    tdm_table t;
    if (tdm_unit_read_table(u, kv, "the performance map", &t, &d->map_path, err)) return -1;
    int rc = 0;
    int cp = tdm_table_column(&t, "point"), cj = tdm_table_column(&t, "current_density"),
        cv = tdm_table_column(&t, "cell_voltage"),
        cx = tdm_table_column(&t, "single_pass_conversion"), cs = tdm_table_column(&t, "source");
    if ((cp < 0 && !curve) || cj < 0 || cv < 0 || cs < 0) {
        rc = tdm_errorf(err, TDM_EINPUT, d->map_path, t.nrows ? t.rows[0].line : 1,
                        curve ? "a polarization curve needs the columns current_density, "
                                "cell_voltage, fe.SPECIES... and source"
                              : "a performance map needs the columns point, current_density, "
                                "cell_voltage, fe.SPECIES... and source");
        goto done;
    }
    if (curve && cx >= 0) {
        rc = tdm_errorf(err, TDM_EINPUT, d->map_path, t.rows[0].line,
                        "a polarization curve gives the voltage and Faradaic efficiencies "
                        "against the current density; the conversion is the key "
                        "`single_pass_conversion`");
        goto done;
    }
    int fecol[MAXP];
    for (int c = 0; c < t.rows[0].n && !rc; c++) {
        const char *h = t.rows[0].f[c];
        if (strncmp(h, "fe.", 3) != 0) continue;
        if (d->np == MAXP) {
            rc = tdm_errorf(err, TDM_EINPUT, d->map_path, t.rows[0].line,
                            "too many products (limit %d)", MAXP);
            break;
        }
        int id = tdm_unit_species(u, h + 3, kv->line, err);
        if (id < 0) {
            /* the column's fault, not the flowsheet line's: the message without its place */
            char why[sizeof err->msg];
            snprintf(why, sizeof why, "%s", err->msg + err->detail);
            rc =
                tdm_errorf(err, TDM_EINPUT, d->map_path, t.rows[0].line, "column `%s`: %s", h, why);
            break;
        }
        for (int r = 0; r < d->nr; r++)
            if (id == d->reactant[r])
                rc = tdm_errorf(err, TDM_EINPUT, d->map_path, t.rows[0].line,
                                "%s is a reactant, not a product", R[r]->name);
        char why[240];
        int k = d->np;
        if (!rc && stoich(tdm_unit_species_info(u, id), R, nr_st, d->nu[k], &d->a[k], &d->z[k], why,
                          sizeof why))
            rc = tdm_errorf(err, TDM_EINPUT, d->map_path, t.rows[0].line, "`%s`: %s", h, why);
        d->product[k] = id;
        fecol[k] = c;
        d->np++;
    }
    if (!rc && d->np == 0)
        rc = tdm_errorf(err, TDM_EINPUT, d->map_path, t.rows[0].line,
                        "a performance map needs Faradaic efficiencies: columns fe.SPECIES");
    if (!rc && (t.nrows < 2 || t.nrows - 1 > MAXPT))
        rc = tdm_errorf(err, TDM_EINPUT, d->map_path, t.rows[0].line,
                        "a performance map has 1 to %d operating points", MAXPT);
    for (int i = 1; i < t.nrows && !rc; i++) {
        const tdm_row *row = &t.rows[i];
        struct point *p = &d->pt[d->npt];
        p->line = row->line;
        p->name = cp >= 0 ? row->f[cp] : row->f[cj];
        p->X = NAN;
        if (cp >= 0 && !tdm_ini_valid_name(p->name)) {
            rc = tdm_errorf(err, TDM_EINPUT, d->map_path, row->line,
                            "point `%s`: a name of letters, digits, `_`, `-` or `.`", p->name);
            break;
        }
        for (int q = 0; q < d->npt; q++)
            if (!strcmp(d->pt[q].name, p->name))
                rc = tdm_errorf(err, TDM_EINPUT, d->map_path, row->line, "point `%s` appears twice",
                                p->name);
        if (!row->f[cs][0])
            rc = tdm_errorf(err, TDM_EINPUT, d->map_path, row->line,
                            "point `%s` has no source: every measured point names where it is "
                            "from",
                            p->name);
        if (rc ||
            map_quantity(d->map_path, row->line, "current_density", row->f[cj],
                         TDM_Q_CURRENT_DENSITY, 1e-9, 1e5, &p->j, err) ||
            map_quantity(d->map_path, row->line, "cell_voltage", row->f[cv], TDM_Q_VOLTAGE, 1e-3,
                         20.0, &p->V, err)) {
            rc = -1;
            break;
        }
        if (cx >= 0 && row->f[cx][0]) {
            if (map_quantity(d->map_path, row->line, "single_pass_conversion", row->f[cx],
                             TDM_Q_FRACTION, 1e-9, 1.0, &p->X, err)) {
                rc = -1;
                break;
            }
            d->map_X = true;
        } else if (d->map_X || (cx >= 0 && i > 1)) {
            rc = tdm_errorf(err, TDM_EINPUT, d->map_path, row->line,
                            "point `%s` has no single_pass_conversion: give it for every point "
                            "or for none",
                            p->name);
            break;
        }
        double sum = 0;
        int rest = -1;
        for (int k = 0; k < d->np && !rc; k++) {
            const char *f = row->f[fecol[k]];
            if (!strcmp(f, "rest")) {
                if (rest >= 0)
                    rc = tdm_errorf(err, TDM_EINPUT, d->map_path, row->line,
                                    "only one Faradaic efficiency may be `rest`");
                rest = k;
                continue;
            }
            rc = map_quantity(d->map_path, row->line, t.rows[0].f[fecol[k]], f, TDM_Q_FRACTION, 0.0,
                              1.0, &p->fe[k], err);
            sum += p->fe[k];
        }
        if (rc) break;
        if (sum > 1 + 1e-9 || (rest < 0 && fabs(sum - 1) > 1e-6)) {
            rc = tdm_errorf(err, TDM_EINPUT, d->map_path, row->line,
                            "point `%s`: Faradaic efficiencies sum to %.10g (they must sum to 1, "
                            "or mark one `rest`)",
                            p->name, sum);
            break;
        }
        if (rest >= 0) p->fe[rest] = 1 - sum;
        d->npt++;
    }
    if (!rc && d->map_X && tdm_unit_kv(u, "single_pass_conversion"))
        rc = tdm_unit_error(u, tdm_unit_kv(u, "single_pass_conversion")->line, err,
                            "the operating points give each point's single-pass conversion; "
                            "remove `single_pass_conversion`");
done:
    free(t.rows);
    return rc;
}

/* A polarization curve (`polarization`): measured points of one cell, read as a map's and
 * kept apart from one; current densities rising from row to row. */
static int
read_curve(tdm_unit *u, struct electrolyzer *d, const tdm_species *const *R, int nr_st,
           tdm_error *err)
{
    static const char *const given[] = {"cell_voltage",
                                        "cathode_potential",
                                        "catalyst",
                                        "operating_points",
                                        "cathode_tafel_slope",
                                        "cathode_exchange_current_density",
                                        "limiting_current_density",
                                        NULL};
    const tdm_kv *kv = tdm_unit_kv(u, "polarization");
    if (read_map(u, d, kv, given, true, R, nr_st, err)) return -1;
    if (d->npt < 2)
        return tdm_errorf(err, TDM_EINPUT, d->map_path, d->npt ? d->pt[0].line : 1,
                          "a polarization curve needs two points or more");
    for (int q = 0; q < d->npt; q++) {
        if (q && !(d->pt[q].j > d->pt[q - 1].j))
            return tdm_errorf(err, TDM_EINPUT, d->map_path, d->pt[q].line,
                              "the current density must rise from row to row: %.6g mA/cm2 "
                              "after %.6g",
                              d->pt[q].j / 10, d->pt[q - 1].j / 10);
        d->cv_j[q] = d->pt[q].j;
        d->cv_V[q] = d->pt[q].V;
        for (int k = 0; k < d->np; k++)
            d->cv_fe[k][q] = d->pt[q].fe[k];
    }
    d->ncv = d->npt;
    d->npt = 0;
    d->V_line = kv->line;
    return 0;
}

/* The curve at the current density j: V and each FE, which must stay a split of the
 * current. */
static int
curve_point(tdm_unit *u, struct electrolyzer *d, tdm_error *err)
{
    double lo = d->cv_j[0], hi = d->cv_j[d->ncv - 1];
    if (!(d->j >= lo * (1 - 1e-12) && d->j <= hi * (1 + 1e-12)))
        return tdm_unit_error(u, d->V_line, err,
                              "`current_density` %.6g mA/cm2 lies outside the polarization "
                              "curve's %.6g to %.6g mA/cm2 (%s); a curve is not extrapolated",
                              d->j / 10, lo / 10, hi / 10, d->map_path);
    double j = fmin(fmax(d->j, lo), hi), sum = 0;
    d->V = tdm_pchip(d->cv_j, d->cv_V, d->ncv, j);
    for (int k = 0; k < d->np; k++) {
        d->fe[k] = fmax(0, tdm_pchip(d->cv_j, d->cv_fe[k], d->ncv, j));
        sum += d->fe[k];
    }
    if (sum > 1 + 1e-9)
        return tdm_unit_error(u, d->V_line, err,
                              "the polarization curve's Faradaic efficiencies sum to %.10g at "
                              "%.6g mA/cm2 (above 1)",
                              sum, d->j / 10);
    return 0;
}

/* A performance map (`operating_points`): cells in parallel at several measured points, each
 * on a share of the area. */
static int
read_points(tdm_unit *u, struct electrolyzer *d, const tdm_species *const *R, int nr_st,
            tdm_error *err)
{
    static const char *const given[] = {"current_density", "cell_voltage", "cathode_potential",
                                        "catalyst", NULL};
    if (read_map(u, d, tdm_unit_kv(u, "operating_points"), given, false, R, nr_st, err)) return -1;
    int rc = 0;
    /* shares of the area */
    const char *names[MAXPT];
    for (int q = 0; q < d->npt; q++)
        names[q] = d->pt[q].name;
    double sum = 0;
    int rest = -1, given_n = 0;
    for (int i = 0; i < u->sec->nkv && !rc; i++) {
        const tdm_kv *sk = &u->sec->kv[i];
        if (strncmp(sk->key, "share.", 6) != 0) continue;
        int q = 0;
        while (q < d->npt && strcmp(d->pt[q].name, sk->key + 6))
            q++;
        if (q == d->npt) {
            const char *near = tdm_text_nearest(sk->key + 6, names, d->npt);
            rc = tdm_unit_error(u, sk->line, err, "`%s`: %s has no point `%s`%s%s%s", sk->key,
                                d->map_path, sk->key + 6, near ? "; did you mean `" : "",
                                near ? near : "", near ? "`?" : "");
            break;
        }
        d->pt[q].share_line = sk->line;
        given_n++;
        if (!strcmp(sk->value, "rest")) {
            if (rest >= 0) rc = tdm_unit_error(u, sk->line, err, "only one share may be `rest`");
            rest = q;
            d->pt[q].rest = true;
            continue;
        }
        if (tdm_unit_quantity(u, sk->key, TDM_Q_FRACTION, 0.0, 1.0, &d->pt[q].share, err) < 0)
            rc = -1;
        sum += d->pt[q].share;
    }
    if (!rc && given_n == 0)
        rc = tdm_unit_error(u, d->map_line, err,
                            "say how the area is shared between the operating points, e.g. "
                            "`share.%s = rest` (all of it at one point)",
                            d->pt[0].name);
    if (!rc && (sum > 1 + 1e-9 || (rest < 0 && fabs(sum - 1) > 1e-6)))
        rc = tdm_unit_error(u, d->map_line, err,
                            "the shares of the area sum to %.10g (they must sum to 1, or mark one "
                            "`rest`)",
                            sum);
    if (!rc && rest < 0) {
        /* all given: the last point with a share closes the sum */
        for (int q = d->npt - 1; q >= 0; q--)
            if (d->pt[q].share_line) {
                d->pt[q].rest = true;
                break;
            }
    }
    if (!rc && rest >= 0) d->pt[rest].share = 1 - sum;
    return rc;
}

/* Reversible voltage of a product mix at T: the Gibbs energy per electron of
 * sum nu R + a H2O -> P + (z/4) O2, weighted by Faradaic efficiency, with the anode's
 * oxidations. */
static double
rev_voltage(tdm_unit *u, struct electrolyzer *d, const double *fe)
{
    if (!d->dg_ready) {
        const tdm_species *R[MAXR];
        for (int r = 0; r < d->nr; r++)
            R[r] = tdm_unit_species_info(u, d->reactant[r]);
        const tdm_species *sW = tdm_unit_species_info(u, TDM_SPECIES_H2O);
        const tdm_species *sO = tdm_unit_species_info(u, TDM_SPECIES_O2);
        for (int p = 0; p < d->np; p++) {
            const tdm_species *sP = tdm_unit_species_info(u, d->product[p]);
            double dG = tdm_species_g(sP, d->T) + d->z[p] / 4.0 * tdm_species_g(sO, d->T) -
                        d->a[p] * tdm_species_g(sW, d->T);
            for (int r = 0; r < d->nr; r++)
                dG -= d->nu[p][r] * tdm_species_g(R[r], d->T);
            d->dg[p] = dG;
        }
        for (int p = 0; p < d->nap; p++) {
            const tdm_species *sA = tdm_unit_species_info(u, d->anode_reactant);
            const tdm_species *sP = tdm_unit_species_info(u, d->aprod[p]);
            d->adg[p] = tdm_species_g(sP, d->T) + d->aa[p] * tdm_species_g(sW, d->T) -
                        d->anu[p] * tdm_species_g(sA, d->T) -
                        d->az[p] / 4.0 * tdm_species_g(sO, d->T);
        }
        d->dg_ready = true;
    }
    double g_per_e = 0;
    for (int p = 0; p < d->np; p++)
        g_per_e += fe[p] / d->z[p] * d->dg[p];
    for (int p = 0; p < d->nap; p++)
        g_per_e += d->afe[p] / d->az[p] * d->adg[p];
    return g_per_e / TDM_FARADAY;
}

/* No cell runs below the reversible voltage of its product mix: E_rev of the Faradaic
 * efficiencies at T, and the check. */
static int
check_voltage(tdm_unit *u, struct electrolyzer *d, tdm_error *err)
{
    d->E_rev = rev_voltage(u, d, d->fe) + (d->V_model ? d->nernst : 0);
    if (d->V < d->E_rev - 1e-9)
        return tdm_unit_error(u, d->V_line, err,
                              "cell voltage %.3f V is below the reversible voltage %.3f V of its "
                              "products at %.0f C: no cell can run there",
                              d->V, d->E_rev, d->T - 273.15);
    return 0;
}

/* What follows the operating point, in order: the selectivity (mass transfer), the
 * voltage (its model), and the check that no cell runs below its reversible voltage. Parse,
 * set and refine all end here. */
static int
follow(tdm_unit *u, struct electrolyzer *d, tdm_error *err)
{
    if (mass_transfer(u, d, err) || (d->V_model && model_voltage(u, d, err))) return -1;
    return check_voltage(u, d, err);
}

/* The vapours' total flow in stream s at the cell's temperature (the denominator of their
 * mole fractions). */
static double
vapour_flow(const tdm_unit *u, const struct electrolyzer *d, const double *x, int s)
{
    double vap = 0;
    for (int k = 0; k < tdm_unit_nspecies(u); k++)
        if (tdm_species_vapour(tdm_unit_species_info(u, tdm_unit_species_id(u, k)), d->T))
            vap += fmax(0, x[tdm_unit_col(u, s, k)]);
    return vap;
}

/* A species' activity in stream s at the cell's temperature and pressure: a vapour's mole
 * fraction among the stream's vapours (vap, their total flow) times P / 1 bar (at least
 * 1e-12); 1 for a liquid or a dissolved species. */
static double
activity(const tdm_unit *u, const struct electrolyzer *d, const double *x, int s, double vap,
         int id)
{
    if (!tdm_species_vapour(tdm_unit_species_info(u, id), d->T)) return 1;
    double n = fmax(0, x[tdm_unit_col(u, s, tdm_unit_species_index(u, id))]);
    return fmax(vap > 0 ? n / vap : 0, 1e-12) * d->P / 1e5;
}

/* The Nernst term of the voltage model, per electron: sum_P (FE_P / z_P) RT ln Q_P / F, Q_P
 * of nu R + a H2O -> P + (z/4) O2 with the cathode outlet's activities (the anode outlet's
 * for O2). The anode's other oxidations are left at their standard state. */
static double
nernst_term(const tdm_unit *u, const struct electrolyzer *d, const double *x)
{
    int cat = tdm_unit_port_stream(u, P_CATHODE, 0), an = tdm_unit_port_stream(u, P_ANODE, 0);
    double vcat = vapour_flow(u, d, x, cat);
    double aO2 = activity(u, d, x, an, vapour_flow(u, d, x, an), TDM_SPECIES_O2);
    double aW = activity(u, d, x, cat, vcat, TDM_SPECIES_H2O);
    double g = 0;
    for (int p = 0; p < d->np; p++) {
        if (!(d->fe[p] > 0)) continue;
        double lnQ = log(activity(u, d, x, cat, vcat, d->product[p])) + d->z[p] / 4.0 * log(aO2) -
                     d->a[p] * log(aW);
        for (int r = 0; r < d->nr; r++)
            if (d->nu[p][r] != 0)
                lnQ -= d->nu[p][r] * log(activity(u, d, x, cat, vcat, d->reactant[r]));
        g += d->fe[p] / d->z[p] * TDM_GAS_CONSTANT * d->T * lnQ;
    }
    return g / TDM_FARADAY;
}

/* After a solve: the key reactant's share of the inlet, on which the limiting current
 * depends (j_lim0 is the pure reactant's), and the Nernst term of the outlets; the
 * selectivity and voltage follow them. */
/* How far the inlet's reactant fraction and the Nernst term (V) may move between the last
 * two solves and count as settled: the FE and the voltage then sit within about 1e-10
 * relative of their fixed point, a tenth of the closure tolerance. The iteration contracts
 * by about a thousand a round in the shipped cascades (the recycle's share of the inlet
 * moves little with the FE), so 1e-12 cost a fifth solve to gain nothing a report shows. */
#define REFINE_TOL 1e-10

static int
refine(tdm_unit *u, const double *x, bool *changed, tdm_error *err)
{
    struct electrolyzer *d = u->data;
    *changed = false;
    if (d->npt || d->starved) return 0;
    if (d->V_model) {
        double nt = nernst_term(u, d, x);
        if (isfinite(nt) && fabs(nt - d->nernst) > REFINE_TOL) {
            d->nernst = nt;
            *changed = true;
        }
    }
    if (d->jlim0 > 0 && tdm_unit_port_n(u, P_IN) > 0) {
        int in = tdm_unit_port_stream(u, P_IN, 0);
        double total = 0;
        for (int k = 0; k < tdm_unit_nspecies(u); k++)
            total += fmax(0, x[tdm_unit_col(u, in, k)]);
        double R = fmax(0, x[tdm_unit_col(u, in, tdm_unit_species_index(u, d->reactant[0]))]);
        double y = total > 0 ? R / total : 1;
        if (fabs(y - d->y_in) > REFINE_TOL) {
            d->y_in = y;
            *changed = true;
        }
    }
    return *changed ? follow(u, d, err) : 0;
}

/* The inlet's fraction and the Nernst term start again where a reading of the section
 * starts them (as set does). */
static int
restart(tdm_unit *u, bool *changed, tdm_error *err)
{
    struct electrolyzer *d = u->data;
    double y0 = d->jlim0 > 0 ? 1 : d->y_in;
    *changed = d->y_in != y0 || d->nernst != 0;
    if (!*changed) return 0;
    d->y_in = y0;
    d->nernst = 0;
    return follow(u, d, err);
}

/* `limiting_current_density`: the fe.* read become those at zero conversion. */
static int
read_mass_transfer(tdm_unit *u, struct electrolyzer *d, tdm_error *err)
{
    memcpy(d->fe0, d->fe, sizeof d->fe0);
    d->jlim0 = 0;
    int rc = tdm_unit_quantity(u, "limiting_current_density", TDM_Q_CURRENT_DENSITY, 1e-9, 1e6,
                               &d->jlim0, err);
    if (rc <= 0) return rc;
    d->jlim_line = tdm_unit_kv(u, "limiting_current_density")->line;
    d->y_in = 1; /* until a solve says what the inlet holds */
    if (isnan(d->X))
        return tdm_unit_error(u, d->jlim_line, err,
                              "a limiting current needs `single_pass_conversion`: the reactant "
                              "left along the channel sets what mass transfer carries");
    d->h2 = -1;
    for (int p = 0; p < d->np; p++)
        if (d->product[p] == TDM_SPECIES_H2 && d->nu[p][0] == 0) d->h2 = p;
    if (d->h2 < 0)
        return tdm_unit_error(u, d->jlim_line, err,
                              "a limiting current sends the current its reactant cannot carry "
                              "to H2: give `fe.H2` (`rest`, or the H2 at zero conversion)");
    return 0;
}

/* Liquid products in their water: `concentration.X = 20 g/L` (or `10 %`, by mass) and
 * `liquid_crossover`. A concentration in g/L is taken in a litre of solution weighing 1 kg
 * (dilute, at water's density: c g/L is c/1000 by mass). */
static int
read_liquids(tdm_unit *u, struct electrolyzer *d, tdm_error *err)
{
    d->conc_p = -1;
    for (int p = 0; p < d->np; p++) {
        const tdm_species *sp = tdm_unit_species_info(u, d->product[p]);
        d->liquid[p] = sp->phase != TDM_GAS && !tdm_species_vapour(sp, d->T);
    }
    for (int i = 0; i < u->sec->nkv; i++) {
        const tdm_kv *kv = &u->sec->kv[i];
        if (strncmp(kv->key, "concentration.", 14) != 0) continue;
        int id = tdm_unit_species(u, kv->key + 14, kv->line, err);
        if (id < 0) return -1;
        if (d->conc_p >= 0)
            return tdm_unit_error(u, kv->line, err,
                                  "one concentration sets the catholyte's water, and line %d "
                                  "gives it already: the other liquid products dissolve in the "
                                  "same water",
                                  d->conc_line);
        int p = 0;
        while (p < d->np && d->product[p] != id)
            p++;
        if (p == d->np || !d->liquid[p])
            return tdm_unit_error(u, kv->line, err,
                                  "`%s`: %s is not a liquid product of this cell (a product with "
                                  "a Faradaic efficiency, liquid at the cell's temperature)",
                                  kv->key, kv->key + 14);
        if (d->npt)
            return tdm_unit_error(u, kv->line, err, "`%s` is not taken with `operating_points` yet",
                                  kv->key);
        if (d->water_inlet)
            return tdm_unit_error(u, kv->line, err,
                                  "`%s` sets the water the cell adds to its catholyte, and with "
                                  "`water = inlet` the inlet brings it: give one or the other",
                                  kv->key);
        double c, w;
        tdm_error ignored;
        if (tdm_unit_quantity(u, kv->key, TDM_Q_CONCENTRATION, 1e-6, 999, &c, &ignored) == 1)
            w = c / 1000.0;
        else if (tdm_unit_quantity(u, kv->key, TDM_Q_FRACTION, 1e-9, 0.999, &w, &ignored) == 1)
            ;
        else
            return tdm_unit_error(u, kv->line, err,
                                  "`%s = %s`: give the product's concentration in its water, "
                                  "as mass per volume (20 g/L, up to 999) or by mass (10 %%)",
                                  kv->key, kv->value);
        d->conc_p = p;
        d->conc_line = kv->line;
        d->conc_key = kv->key;
        d->cw = (1 - w) / w * tdm_unit_species_info(u, id)->molar_mass /
                tdm_unit_species_info(u, TDM_SPECIES_H2O)->molar_mass; /* mol water / mol X */
    }
    d->lx = 0;
    if (tdm_unit_quantity(u, "liquid_crossover", TDM_Q_FRACTION, 0, 1, &d->lx, err) < 0) return -1;
    return 0;
}

static int
parse(tdm_unit *u, tdm_error *err)
{
    struct electrolyzer *d = u->data;
    d->tech = tdm_unit_choice(u, "technology", techs, T_MEA, err);
    if (d->tech < 0) return -1;
    const tdm_kv *ck = tdm_unit_kv(u, "catalyst");
    if (ck) {
        d->cat = tdm_catalyst_find(ck->value);
        if (!d->cat)
            return tdm_unit_error(u, ck->line, err,
                                  "unknown catalyst `%s` (`tandem catalysts` lists them)",
                                  ck->value);
    }
    const tdm_kv *kr = tdm_unit_kv(u, "key_reactant");
    if (!kr && !d->cat)
        return tdm_unit_error(u, 0, err,
                              "an electrolyzer needs `key_reactant` (the species fed "
                              "to the cathode, e.g. CO2 or CO)");
    d->reactant[0] =
        tdm_unit_species(u, kr ? kr->value : d->cat->reactant, kr ? kr->line : ck->line, err);
    if (d->reactant[0] < 0) return -1;
    d->nr = 1;
    const tdm_kv *co = tdm_unit_kv(u, "co_reactant");
    const char *co_name = co ? co->value : (!kr && d->cat) ? d->cat->co_reactant : NULL;
    if (co_name) {
        d->reactant[1] = tdm_unit_species(u, co_name, co ? co->line : ck->line, err);
        if (d->reactant[1] < 0) return -1;
        if (d->reactant[1] == d->reactant[0])
            return tdm_unit_error(u, co ? co->line : 0, err, "the co-reactant is the key reactant");
        d->nr = 2;
    }
    const tdm_species *R[MAXR];
    for (int r = 0; r < d->nr; r++)
        R[r] = tdm_unit_species_info(u, d->reactant[r]);
    int wm = tdm_unit_choice(u, "water", water_modes, 0, err);
    if (wm < 0) return -1;
    int fp = tdm_unit_choice(u, "fixed_performance", yesno, 0, err);
    if (fp < 0) return -1;
    d->fixed_performance = fp == 1;
    d->water_inlet = wm == 1;
    /* The load range and ramp of `tandem dispatch` (docs/dispatch.md), checked here so that
     * a wrong value is the file's error wherever the flowsheet is read */
    double lo = 0, hi = 1, ramp = 0;
    int lk = tdm_unit_quantity(u, "min_load", TDM_Q_FRACTION, 0, 1, &lo, err);
    int hk = tdm_unit_quantity(u, "max_load", TDM_Q_FRACTION, 0.01, 3, &hi, err);
    if (lk < 0 || hk < 0) return -1;
    if (!(hi > lo))
        return tdm_unit_error(u, tdm_unit_kv(u, hk ? "max_load" : "min_load")->line, err,
                              "`max_load` (%g) must be above `min_load` (%g): the loads the "
                              "cell may run at, as fractions of its design current density",
                              hi, lo);
    if (tdm_unit_quantity(u, "ramp", TDM_Q_RATE, 1e-9, 1e3, &ramp, err) < 0) return -1;
    /* Water as the key reactant with water from outside: the cathode feed brings none of it,
     * and the products take their hydrogen from the make-up (a hydrogen-evolving cathode). */
    int nr_st = d->reactant[0] == TDM_SPECIES_H2O && !d->water_inlet ? 0 : d->nr;

    const tdm_kv *opk = tdm_unit_kv(u, "operating_points");
    const tdm_kv *pk = tdm_unit_kv(u, "polarization");
    if (opk && pk)
        return tdm_unit_error(u, pk->line, err,
                              "give `operating_points` (cells at several points) or "
                              "`polarization` (one cell's curve), not both");
    if (opk  ? read_points(u, d, R, nr_st, err)
        : pk ? read_curve(u, d, R, nr_st, err)
             : read_fe(u, d, R, nr_st, ck, err))
        return -1;
    if (read_anode(u, d, err)) return -1;
    if (tdm_unit_port_n(u, P_IN) == 0)
        for (int p = 0; p < d->np; p++)
            for (int r = 0; r < d->nr; r++)
                if (d->nu[p][r] > 0)
                    return tdm_unit_error(u, 0, err,
                                          "the cathode needs `in`, the stream that brings its %s",
                                          R[r]->name);
    /* Current density up to 10 A/cm2 and cell voltage up to 20 V bound any real cell. */
    if (!d->npt &&
        (tdm_unit_require(u, "current_density", TDM_Q_CURRENT_DENSITY, 1e-9, 1e5, &d->j, err) < 0 ||
         (!d->ncv && read_voltage(u, d, err))))
        return -1;

    d->X = NAN;
    int rc = tdm_unit_quantity(u, "single_pass_conversion", TDM_Q_FRACTION, 1e-9, 1.0, &d->X, err);
    if (rc < 0) return -1;
    if (rc) d->X_line = tdm_unit_kv(u, "single_pass_conversion")->line;

    d->x = 0;
    int el = tdm_unit_choice(u, "electrolyte", electrolytes, EL_UNSET, err);
    if (el < 0) return -1;
    if (el != EL_UNSET && (el == EL_SOLID_OXIDE) != (d->tech == T_SOEC))
        return tdm_unit_error(u, tdm_unit_kv(u, "electrolyte")->line, err,
                              d->tech == T_SOEC ? "a solid-oxide cell's electrolyte is "
                                                  "`solid-oxide`"
                                                : "`electrolyte = solid-oxide` is a solid-oxide "
                                                  "cell's: write `technology = soec`");
    rc = tdm_unit_quantity(u, "carbonate_crossover", TDM_Q_FRACTION, -HUGE_VAL, HUGE_VAL, &d->x,
                           err);
    if (rc < 0) return -1;
    bool co2_fed = false;
    for (int r = 0; r < d->nr; r++)
        co2_fed |= d->reactant[r] == TDM_SPECIES_CO2;
    if (!rc && co2_fed && el != EL_UNSET) {
        d->x = electrolyte_x[el];
        d->x_line = tdm_unit_kv(u, "electrolyte")->line;
        if (d->x > 0 && tdm_unit_use_species(u, TDM_SPECIES_CO2, err)) return -1;
    } else if (!rc && co2_fed && d->tech != T_SOEC) {
        /* hydroxide made at a low-temperature cathode takes up CO2: a silent 0 would make
         * the cell look far better than it is */
        u->warning = "takes CO2 at a low-temperature cathode but gives neither "
                     "`carbonate_crossover` nor `electrolyte`, so no CO2 crosses to the anode; "
                     "write `electrolyte = neutral` (0.5 mol CO2 per mol of electrons), "
                     "`alkaline` (0.65), `acidic` or `bipolar` (0), or the crossover itself";
    }
    if (rc) {
        const tdm_kv *cc = tdm_unit_kv(u, "carbonate_crossover");
        d->x_line = cc->line;
        /* Each carbonate ion carries two charges and one CO2, each bicarbonate one charge and
         * one CO2: at most I/(2F) of CO2 as carbonate, I/F as bicarbonate, x <= 1. */
        if (!(d->x >= 0 && d->x <= 1))
            return tdm_unit_error(u, cc->line, err,
                                  "`carbonate_crossover = %s` must lie in 0 to 1 mol CO2 per "
                                  "mol of electrons (0.5 when carbonate carries all the charge, "
                                  "1 when bicarbonate does)",
                                  cc->value);
        if (d->tech == T_SOEC && d->x > 0)
            return tdm_unit_error(u, cc->line, err,
                                  "a solid-oxide cell has no carbonate "
                                  "crossover (oxide ions carry the charge)");
        if (d->x > 0 && tdm_unit_use_species(u, TDM_SPECIES_CO2, err)) return -1;
    }

    rc = tdm_unit_quantity(u, "current", TDM_Q_CURRENT, 1e-12, 1e12, &d->current, err);
    if (rc < 0) return -1;
    d->has_current = rc == 1;
    rc = tdm_unit_quantity(u, "area", TDM_Q_AREA, 1e-12, 1e9, &d->area, err);
    if (rc < 0) return -1;
    d->has_area = rc == 1;
    if (d->has_current && d->has_area)
        return tdm_unit_error(u, tdm_unit_kv(u, "area")->line, err,
                              "give `current` or `area`, not both: with the current density "
                              "each fixes the other");
    if (d->has_current) d->spec_line = tdm_unit_kv(u, "current")->line;
    if (d->has_area) d->spec_line = tdm_unit_kv(u, "area")->line;

    if (tdm_unit_use_species(u, TDM_SPECIES_H2O, err) ||
        tdm_unit_use_species(u, TDM_SPECIES_O2, err))
        return -1;
    double defT = d->tech == T_SOEC ? 1073.15 : TDM_T_STANDARD;
    if (tdm_kind_read_state(u, defT, TDM_P_NORMAL, &d->T, &d->P, err)) return -1;
    if (read_liquids(u, d, err)) return -1;
    /* the unit table's row of each product's Faradaic efficiency, for reports and studies
     * (`--output cell.fe.C2H4`): its key and label kept once in the flowsheet, so that a unit
     * read again at every change (a session's set, serve's sliders) does not grow it */
    for (int p = 0; p < d->np; p++) {
        char key[80], label[120];
        const char *name = tdm_unit_species_info(u, d->product[p])->name;
        snprintf(key, sizeof key, "fe.%s", name);
        snprintf(label, sizeof label, "Faradaic efficiency to %s", name);
        d->fe_key[p] = tdm_flowsheet_intern(u->fs, key);
        d->fe_label[p] = tdm_flowsheet_intern(u->fs, label);
        if (!d->fe_key[p] || !d->fe_label[p])
            return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    /* No cell runs below the reversible voltage of its product mix. */
    if (d->npt) {
        for (int q = 0; q < d->npt; q++) {
            struct point *p = &d->pt[q];
            p->E_rev = rev_voltage(u, d, p->fe);
            if (p->V < p->E_rev - 1e-9)
                return tdm_errorf(err, TDM_EINPUT, d->map_path, p->line,
                                  "point `%s`: cell voltage %.3f V is below the reversible "
                                  "voltage %.3f V of its products at %.0f C: no cell can run "
                                  "there",
                                  p->name, p->V, p->E_rev, d->T - 273.15);
        }
        return 0;
    }
    if (d->ncv && curve_point(u, d, err)) return -1;
    if (read_mass_transfer(u, d, err)) return -1;
    return follow(u, d, err);
}

/* Net moles of species id made per mole of electrons at the cathode (negative: consumed). */
static double
cathode_coef_fe(const struct electrolyzer *d, const double *fe, int id, int h2o)
{
    double c = 0;
    for (int p = 0; p < d->np; p++) {
        double n = fe[p] / d->z[p];
        if (id == d->product[p]) c += n;
        for (int r = 0; r < d->nr; r++)
            if (id == d->reactant[r]) c -= n * d->nu[p][r];
        if (d->water_inlet && id == h2o) c -= n * d->a[p];
    }
    return c;
}

static double
cathode_coef(const struct electrolyzer *d, int id, int h2o)
{
    return cathode_coef_fe(d, d->fe, id, h2o);
}

/* Moles of species id per mole of electrons that cross to the anode as a liquid product. */
static double
crossing(const struct electrolyzer *d, const double *fe, int id)
{
    double c = 0;
    for (int p = 0; p < d->np && d->lx > 0; p++)
        if (id == d->product[p] && d->liquid[p]) c += d->lx * fe[p] / d->z[p];
    return c;
}

/* Water and key reactant turned into products per mole of electrons at a product mix. */
static double
water_per_e(const struct electrolyzer *d, const double *fe)
{
    double w = 0;
    for (int p = 0; p < d->np; p++)
        w += fe[p] / d->z[p] * d->a[p];
    return w;
}
static double
reacted_per_e(const struct electrolyzer *d, const double *fe)
{
    double w = 0;
    for (int p = 0; p < d->np; p++)
        w += fe[p] / d->z[p] * d->nu[p][0];
    return w;
}

#define OOM() tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory")

/* The unit's own columns, first (results read them from u->col0): the electron flow
 * e = I/F, the water make-up (W = -2 when the water comes with the cathode feed) and the
 * electric power. */
static int
declare_columns(const tdm_unit *u, tdm_model *m, int *e, int *W, int *P, tdm_error *err)
{
    const struct electrolyzer *d = u->data;
    *e = tdm_model_add_col(m, 0.0, HUGE_VAL, "[%s] electron flow I/F (mol/s)", u->name);
    *W = d->water_inlet
             ? -2
             : tdm_model_add_col(m, -HUGE_VAL, HUGE_VAL, "[%s] water make-up (mol/s)", u->name);
    *P = tdm_model_add_col(m, -HUGE_VAL, HUGE_VAL, "[%s] electric power (W)", u->name);
    return *e < 0 || *W == -1 || *P < 0 ? OOM() : 0;
}

/* Anode conversion: X_a anode_in_A = sum_p nu_p FE_p e / z_p (a candidate when not given). */
static int
declare_anode_conversion(const tdm_unit *u, tdm_model *m, int e, tdm_error *err)
{
    const struct electrolyzer *d = u->data;
    if (!d->nap) return 0;
    int ain = tdm_unit_port_stream(u, P_ANODE_IN, 0);
    double oxidized = 0;
    for (int p = 0; p < d->nap; p++)
        oxidized += d->afe[p] / d->az[p] * d->anu[p];
    const char *A = tdm_unit_species_info(u, d->anode_reactant)->name;
    int r = isnan(d->Xa) ? tdm_model_add_row(m, TDM_ROW_CANDIDATE, 0.0, "anode_conversion",
                                             u->sec->line, NULL, "[%s] anode conversion", u->name)
                         : tdm_model_add_row(m, TDM_ROW_SPEC, 0.0, "anode_conversion", d->Xa_line,
                                             "the anode oxidizes more than its inlet brings",
                                             "[%s] conversion of %s at the anode", u->name, A);
    if (r < 0) return OOM();
    tdm_model_coef(m, r, tdm_unit_col(u, ain, tdm_unit_species_index(u, d->anode_reactant)),
                   isnan(d->Xa) ? 1.0 : d->Xa);
    tdm_model_coef(m, r, e, -oxidized);
    return 0;
}

/* Cells in parallel at several operating points: one electron flow e_q per point, the
 * products made at each point's Faradaic efficiencies, and the area at each point
 * (F e_q / j_q) a given share of the whole:
 *   e_q / j_q = s_q sum_r e_r / j_r,   e = sum_q e_q,   P = F sum_q V_q e_q
 * Everything else (crossover, the anode) goes per electron as for one point. */
static int
declare_points(const tdm_unit *u, tdm_model *m, tdm_error *err)
{
    const struct electrolyzer *d = u->data;
    int in = tdm_unit_port_n(u, P_IN) ? tdm_unit_port_stream(u, P_IN, 0) : -1;
    int cat = tdm_unit_port_stream(u, P_CATHODE, 0);
    int an = tdm_unit_port_stream(u, P_ANODE, 0);
    int ain = tdm_unit_port_n(u, P_ANODE_IN) ? tdm_unit_port_stream(u, P_ANODE_IN, 0) : -1;
    int co2 = TDM_SPECIES_CO2, o2 = TDM_SPECIES_O2, h2o = TDM_SPECIES_H2O;
    const char *R = tdm_unit_species_info(u, d->reactant[0])->name;
    int e, W, P;
    if (declare_columns(u, m, &e, &W, &P, err)) return -1;
    int ep[MAXPT];
    for (int q = 0; q < d->npt; q++) {
        ep[q] = tdm_model_add_col(m, 0.0, HUGE_VAL, "[%s] electron flow at point %s (mol/s)",
                                  u->name, d->pt[q].name);
        if (ep[q] < 0) return OOM();
    }
    char hint[300] = ""; /* kept from the first declaration when updating */
    if (!tdm_model_updating(m))
        snprintf(hint, sizeof hint,
                 "the cathode consumes more %s than its inlet carries; lower the conversion or "
                 "the crossover, or check what the inlet brings",
                 R);
    int r;
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        int id = tdm_unit_species_id(u, k);
        const char *sp = tdm_unit_species_info(u, id)->name;
        bool consumed = id == d->reactant[0] || (d->nr > 1 && id == d->reactant[1]) || id == co2 ||
                        (d->water_inlet && id == h2o);
        r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, d->map_line, consumed ? hint : NULL,
                              "[%s] %s balance at the cathode", u->name, sp);
        if (r < 0) return OOM();
        tdm_model_coef(m, r, tdm_unit_col(u, cat, k), 1.0);
        if (in >= 0) tdm_model_coef(m, r, tdm_unit_col(u, in, k), -1.0);
        if (id == co2 && d->x) tdm_model_coef(m, r, e, d->x);
        for (int q = 0; q < d->npt; q++)
            tdm_model_coef(m, r, ep[q],
                           -cathode_coef_fe(d, d->pt[q].fe, id, h2o) +
                               crossing(d, d->pt[q].fe, id));
        r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, u->sec->line, NULL,
                              "[%s] %s balance at the anode", u->name, sp);
        if (r < 0) return OOM();
        tdm_model_coef(m, r, tdm_unit_col(u, an, k), 1.0);
        if (ain >= 0) tdm_model_coef(m, r, tdm_unit_col(u, ain, k), -1.0);
        tdm_model_coef(m, r, e, -((id == co2 ? d->x : 0) + anode_coef(d, id, o2, h2o)));
        for (int q = 0; q < d->npt && d->lx > 0; q++)
            tdm_model_coef(m, r, ep[q], -crossing(d, d->pt[q].fe, id));
    }
    if (!d->water_inlet) {
        r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, u->sec->line, NULL,
                              "[%s] water make-up = water consumed by the reactions", u->name);
        if (r < 0) return OOM();
        tdm_model_coef(m, r, W, 1.0);
        for (int q = 0; q < d->npt; q++)
            tdm_model_coef(m, r, ep[q], -water_per_e(d, d->pt[q].fe));
    }
    int kR = tdm_unit_species_index(u, d->reactant[0]);
    if (in >= 0) {
        /* each point's conversion from the map: the feed divides between the points as
         * their cells consume it, in_R = sum_q reacted_q e_q / X_q; or one conversion for
         * the whole unit */
        if (d->map_X)
            r = tdm_model_add_row(m, TDM_ROW_SPEC, 0.0, "operating_points", d->map_line, hint,
                                  "[%s] single-pass conversion of %s at each point", u->name, R);
        else if (isnan(d->X))
            r = tdm_model_add_row(m, TDM_ROW_CANDIDATE, 0.0, "single_pass_conversion", u->sec->line,
                                  NULL, "[%s] single-pass conversion", u->name);
        else
            r = tdm_model_add_row(m, TDM_ROW_SPEC, 0.0, "single_pass_conversion", d->X_line, hint,
                                  "[%s] single-pass conversion of %s", u->name, R);
        if (r < 0) return OOM();
        tdm_model_coef(m, r, tdm_unit_col(u, in, kR), d->map_X || isnan(d->X) ? 1.0 : d->X);
        for (int q = 0; q < d->npt; q++)
            tdm_model_coef(m, r, ep[q],
                           -reacted_per_e(d, d->pt[q].fe) / (d->map_X ? d->pt[q].X : 1.0));
    }
    if (declare_anode_conversion(u, m, e, err)) return -1;
    /* the scale: the current, or the area */
    if (d->has_current)
        r = tdm_model_add_row(m, TDM_ROW_SPEC, d->current / TDM_FARADAY, "current", d->spec_line,
                              NULL, "[%s] current", u->name);
    else if (d->has_area)
        r = tdm_model_add_row(m, TDM_ROW_SPEC, d->area / TDM_FARADAY, "area", d->spec_line, NULL,
                              "[%s] area", u->name);
    else
        r = tdm_model_add_row(m, TDM_ROW_CANDIDATE, 0.0, "current", u->sec->line, NULL,
                              "[%s] current", u->name);
    if (r < 0) return OOM();
    if (d->has_area)
        for (int q = 0; q < d->npt; q++)
            tdm_model_coef(m, r, ep[q], 1.0 / d->pt[q].j);
    else
        tdm_model_coef(m, r, e, 1.0);
    r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, d->map_line, NULL,
                          "[%s] electron flow = sum over the operating points", u->name);
    if (r < 0) return OOM();
    tdm_model_coef(m, r, e, 1.0);
    for (int q = 0; q < d->npt; q++)
        tdm_model_coef(m, r, ep[q], -1.0);
    for (int q = 0; q < d->npt; q++) {
        const struct point *p = &d->pt[q];
        if (p->rest) continue;
        char key[80];
        snprintf(key, sizeof key, "share.%s", p->name);
        r = tdm_model_add_row(m, TDM_ROW_SPEC, 0.0, key,
                              p->share_line ? p->share_line : d->map_line, NULL,
                              "[%s] share of the area at point %s", u->name, p->name);
        if (r < 0) return OOM();
        for (int q2 = 0; q2 < d->npt; q2++)
            tdm_model_coef(m, r, ep[q2], ((q2 == q) - p->share) / d->pt[q2].j);
    }
    r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, d->map_line, NULL,
                          "[%s] electric power = sum of cell voltage x current", u->name);
    if (r < 0) return OOM();
    tdm_model_coef(m, r, P, 1.0);
    for (int q = 0; q < d->npt; q++)
        tdm_model_coef(m, r, ep[q], -d->pt[q].V * TDM_FARADAY);
    return 0;
}

static int
declare(const tdm_unit *u, tdm_model *m, tdm_error *err)
{
    const struct electrolyzer *d = u->data;
    if (d->npt) return declare_points(u, m, err);
    if (d->starved)
        return tdm_errorf(err, TDM_ESOLVE, tdm_unit_file(u), d->jlim_line,
                          "[%s] the cathode runs out of %s: at a single-pass conversion of %.4g "
                          "with a crossover of %.4g mol per mol of electrons, the channel would "
                          "consume %.4g of its feed; lower `single_pass_conversion` or "
                          "`current_density`",
                          u->name, tdm_unit_species_info(u, d->reactant[0])->name, d->X, d->x,
                          d->Xc);
    int in = tdm_unit_port_n(u, P_IN) ? tdm_unit_port_stream(u, P_IN, 0) : -1;
    int cat = tdm_unit_port_stream(u, P_CATHODE, 0);
    int an = tdm_unit_port_stream(u, P_ANODE, 0);
    int ain = tdm_unit_port_n(u, P_ANODE_IN) ? tdm_unit_port_stream(u, P_ANODE_IN, 0) : -1;
    int co2 = TDM_SPECIES_CO2, o2 = TDM_SPECIES_O2, h2o = TDM_SPECIES_H2O;
    const char *R = tdm_unit_species_info(u, d->reactant[0])->name;

    int e, W, P;
    if (declare_columns(u, m, &e, &W, &P, err)) return -1;
    int Wc = -1; /* water the cell adds to its catholyte, mol/s */
    if (d->conc_p >= 0) {
        Wc = tdm_model_add_col(m, 0.0, HUGE_VAL, "[%s] water added to the catholyte (mol/s)",
                               u->name);
        if (Wc < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }

    char hint[300] = ""; /* kept from the first declaration when updating */
    if (!tdm_model_updating(m))
        snprintf(hint, sizeof hint,
                 "the cathode consumes more %s (single-pass conversion plus carbonate crossover) "
                 "than its inlet carries; lower `single_pass_conversion` or `carbonate_crossover`, "
                 "or check what the inlet brings",
                 R);
    for (int k = 0; k < tdm_unit_nspecies(u); k++) {
        int id = tdm_unit_species_id(u, k);
        const char *sp = tdm_unit_species_info(u, id)->name;
        bool consumed = id == d->reactant[0] || (d->nr > 1 && id == d->reactant[1]) || id == co2 ||
                        (d->water_inlet && id == h2o);
        int r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL,
                                  id == d->reactant[0] && d->X_line ? d->X_line : u->sec->line,
                                  consumed ? hint : NULL, "[%s] %s balance at the cathode", u->name,
                                  sp);
        if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        tdm_model_coef(m, r, tdm_unit_col(u, cat, k), 1.0);
        if (in >= 0) tdm_model_coef(m, r, tdm_unit_col(u, in, k), -1.0);
        double c = -cathode_coef(d, id, h2o) + crossing(d, d->fe, id);
        if (id == co2) c += d->x;
        tdm_model_coef(m, r, e, c);
        if (id == h2o && Wc >= 0) tdm_model_coef(m, r, Wc, -1.0);

        r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, u->sec->line, NULL,
                              "[%s] %s balance at the anode", u->name, sp);
        if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        tdm_model_coef(m, r, tdm_unit_col(u, an, k), 1.0);
        if (ain >= 0) tdm_model_coef(m, r, tdm_unit_col(u, ain, k), -1.0);
        double c2 = (id == co2 ? d->x : 0) + anode_coef(d, id, o2, h2o) + crossing(d, d->fe, id);
        tdm_model_coef(m, r, e, -c2);
    }
    if (Wc >= 0) {
        /* the catholyte leaves with its products at the stated concentration: its water is
         * cw mol per mol of the product that stays at the cathode */
        int p = d->conc_p;
        int r = tdm_model_add_row(m, TDM_ROW_SPEC, 0.0, d->conc_key, d->conc_line,
                                  "the inlet brings more water than the catholyte holds at this "
                                  "concentration; lower the concentration or the inlet's water",
                                  "[%s] catholyte water at the concentration of %s", u->name,
                                  tdm_unit_species_info(u, d->product[p])->name);
        if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        int kw = tdm_unit_species_index(u, h2o);
        tdm_model_coef(m, r, tdm_unit_col(u, cat, kw), 1.0);
        tdm_model_coef(m, r, e, -d->cw * (1 - (d->liquid[p] ? d->lx : 0)) * d->fe[p] / d->z[p]);
    }
    double water = 0, reacted = 0;
    for (int p = 0; p < d->np; p++) {
        water += d->fe[p] / d->z[p] * d->a[p];
        reacted += d->fe[p] / d->z[p] * d->nu[p][0];
    }
    if (!d->water_inlet) {
        int r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, u->sec->line, NULL,
                                  "[%s] water make-up = water consumed by the reactions%s", u->name,
                                  Wc >= 0 ? " and added to the catholyte" : "");
        if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
        tdm_model_coef(m, r, W, 1.0);
        tdm_model_coef(m, r, e, -water);
        if (Wc >= 0) tdm_model_coef(m, r, Wc, -1.0);
    }
    int kR = tdm_unit_species_index(u, d->reactant[0]);
    int r;
    if (in < 0) goto scale; /* nothing fed to the cathode: no conversion to speak of */
    r = isnan(d->X) ? tdm_model_add_row(m, TDM_ROW_CANDIDATE, 0.0, "single_pass_conversion",
                                        u->sec->line, NULL, "[%s] single-pass conversion", u->name)
                    : tdm_model_add_row(m, TDM_ROW_SPEC, 0.0, "single_pass_conversion", d->X_line,
                                        hint, "[%s] single-pass conversion of %s", u->name, R);
    if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    tdm_model_coef(m, r, tdm_unit_col(u, in, kR), isnan(d->X) ? 1.0 : d->X);
    tdm_model_coef(m, r, e, -reacted);
scale:
    if (declare_anode_conversion(u, m, e, err)) return -1;

    if (d->has_current || d->has_area) {
        double I = d->has_current ? d->current : d->area * d->j;
        r = tdm_model_add_row(m, TDM_ROW_SPEC, I / TDM_FARADAY, d->has_current ? "current" : "area",
                              d->spec_line, NULL, "[%s] %s", u->name,
                              d->has_current ? "current" : "area");
    } else {
        r = tdm_model_add_row(m, TDM_ROW_CANDIDATE, 0.0, "current", u->sec->line, NULL,
                              "[%s] current", u->name);
    }
    if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    tdm_model_coef(m, r, e, 1.0);

    r = tdm_model_add_row(m, TDM_ROW_BALANCE, 0.0, NULL, u->sec->line, NULL,
                          "[%s] electric power = cell voltage x current", u->name);
    if (r < 0) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    tdm_model_coef(m, r, P, 1.0);
    tdm_model_coef(m, r, e, -d->V * TDM_FARADAY);
    return 0;
}

/* The figures every electrolyzer reports once its electron flow is known. */
static void
results_common(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r, double e,
               double water, double reacted)
{
    /* water, reacted: mol/s of make-up water and of key reactant turned into products */
    const struct electrolyzer *d = u->data;
    int in = tdm_unit_port_n(u, P_IN) ? tdm_unit_port_stream(u, P_IN, 0) : -1;
    int an = tdm_unit_port_stream(u, P_ANODE, 0);
    int ain = tdm_unit_port_n(u, P_ANODE_IN) ? tdm_unit_port_stream(u, P_ANODE_IN, 0) : -1;
    int h2o = TDM_SPECIES_H2O;
    int ko2 = tdm_unit_species_index(u, TDM_SPECIES_O2);
    double o2 = x[tdm_unit_col(u, an, ko2)] - (ain >= 0 ? x[tdm_unit_col(u, ain, ko2)] : 0);
    double kR_in = in >= 0 ? x[tdm_unit_col(u, in, tdm_unit_species_index(u, d->reactant[0]))] : 0;
    r->co2_crossover = d->x * e;
    if (!d->water_inlet) {
        double *b = tdm_result_boundary(res, r);
        if (b) b[tdm_unit_species_index(u, h2o)] = water;
    }
    tdm_result_add(r, "temperature", "operating temperature", d->T, "C");
    tdm_result_add(r, "single_pass_conversion", "single-pass conversion",
                   kR_in > 0 ? reacted / kR_in : NAN, "%");
    if (d->nap) {
        double oxidized = 0;
        for (int p = 0; p < d->nap; p++)
            oxidized += d->afe[p] / d->az[p] * d->anu[p];
        double A_in = x[tdm_unit_col(u, ain, tdm_unit_species_index(u, d->anode_reactant))];
        tdm_result_add(r, "anode_conversion", "anode conversion",
                       A_in > 0 ? oxidized * e / A_in : NAN, "%");
    }
    tdm_result_add(r, "co2_crossover", "CO2 to anode as carbonate",
                   d->x * e * tdm_unit_species_info(u, TDM_SPECIES_CO2)->molar_mass, "t/day");
    tdm_result_add(r, "water_consumed", "water make-up",
                   water * tdm_unit_species_info(u, h2o)->molar_mass, "t/day");
    tdm_result_add(r, "o2_produced", "O2 evolved",
                   o2 * tdm_unit_species_info(u, TDM_SPECIES_O2)->molar_mass, "t/day");
}

/* Cells at several operating points: the electron flows are read from the unit's own
 * columns (e, water make-up, power, then one per point). */
static void
results_points(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    const struct electrolyzer *d = u->data;
    int c = u->col0;
    double e = x[c];
    const double *ep = &x[c + (d->water_inlet ? 2 : 3)];
    double A = 0, P = 0, water = 0, reacted = 0, erev = 0;
    for (int q = 0; q < d->npt; q++) {
        A += TDM_FARADAY * ep[q] / d->pt[q].j;
        P += d->pt[q].V * TDM_FARADAY * ep[q];
        water += water_per_e(d, d->pt[q].fe) * ep[q];
        reacted += reacted_per_e(d, d->pt[q].fe) * ep[q];
        erev += d->pt[q].E_rev * ep[q];
    }
    double I = e * TDM_FARADAY;
    r->electric_w = P;
    tdm_result_add(r, "current", "current", I, "A");
    tdm_result_add(r, "current_density", "current density (mean over the area)",
                   A > 0 ? I / A : NAN, "mA/cm2");
    tdm_result_add(r, "cell_voltage", "cell voltage (mean over the current)", I > 0 ? P / I : NAN,
                   "V");
    for (int p = 0; p < d->np; p++) { /* over the current of all the points */
        double fe = 0;
        for (int q = 0; q < d->npt; q++)
            fe += d->pt[q].fe[p] * ep[q];
        tdm_result_add(r, d->fe_key[p], d->fe_label[p], e > 0 ? fe / e : NAN, "%");
    }
    tdm_result_add(r, "reversible_voltage", "reversible voltage at T", e > 0 ? erev / e : NAN, "V");
    tdm_result_add(r, "power", "electric power", P, "W");
    tdm_result_add(r, "area", "active area", A, "m2");
    for (int q = 0; q < d->npt; q++) {
        char key[80], label[160];
        snprintf(key, sizeof key, "share.%s", d->pt[q].name);
        snprintf(label, sizeof label, "  area at %s (%.0f mA/cm2, %.3g V)", d->pt[q].name,
                 d->pt[q].j / 10, d->pt[q].V);
        tdm_result_add(r, tdm_arena_strdup(res->arena, key), tdm_arena_strdup(res->arena, label),
                       A > 0 ? TDM_FARADAY * ep[q] / d->pt[q].j / A : NAN, "%");
    }
    results_common(u, x, res, r, e, water, reacted);
}

static void
results(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r)
{
    const struct electrolyzer *d = u->data;
    if (d->npt) {
        results_points(u, x, res, r);
        return;
    }
    int in = tdm_unit_port_n(u, P_IN) ? tdm_unit_port_stream(u, P_IN, 0) : -1;
    /* The electron flow is read back from the solved streams: the product with the largest
     * Faradaic efficiency, made at n = FE e / z, gives e = n z / FE. */
    int best = 0;
    for (int p = 1; p < d->np; p++)
        if (d->fe[p] > d->fe[best]) best = p;
    int cat = tdm_unit_port_stream(u, P_CATHODE, 0);
    int kb = tdm_unit_species_index(u, d->product[best]);
    double made = x[tdm_unit_col(u, cat, kb)] - (in >= 0 ? x[tdm_unit_col(u, in, kb)] : 0);
    double kept = d->liquid[best] ? 1 - d->lx : 1; /* the rest crossed to the anode */
    double e = d->fe[best] > 0 && kept > 0 ? made * d->z[best] / (d->fe[best] * kept) : 0;
    double I = e * TDM_FARADAY;
    double P = d->V * I;
    r->electric_w = P;
    tdm_result_add(r, "current", "current", I, "A");
    tdm_result_add(r, "current_density", "current density", d->j, "mA/cm2");
    tdm_result_add(r, "cell_voltage",
                   d->V_model       ? "cell voltage (model)"
                   : d->ncv         ? "cell voltage (polarization curve)"
                   : d->V_estimated ? "cell voltage (estimated)"
                                    : "cell voltage",
                   d->V, "V");
    if (d->V_model) {
        tdm_result_add(r, "cathode_overpotential", "  cathode overpotential", d->eta_c, "V");
        tdm_result_add(r, "anode_overpotential", "  anode overpotential", d->eta_a, "V");
        tdm_result_add(r, "ohmic_drop", "  ohmic drop j ASR", d->j * d->asr, "V");
        if (d->jlim0 > 0)
            tdm_result_add(r, "concentration_overpotential", "  concentration overpotential",
                           d->eta_conc, "V");
    }
    for (int p = 0; p < d->np; p++)
        tdm_result_add(r, d->fe_key[p], d->fe_label[p], d->fe[p], "%");
    if (d->jlim0 > 0) {
        tdm_result_add(r, "limiting_current_density", "limiting current (channel mean)", d->j_lim,
                       "mA/cm2");
        tdm_result_add(r, "reduction_share", "reduction current kept from its kinetics", d->s_mt,
                       "%");
        tdm_result_add(r, "reactant_consumed", "key reactant consumed along the channel", d->Xc,
                       "%");
        tdm_result_add(r, "reactant_fraction_in", "key reactant's share of the inlet (mol)",
                       d->y_in, "%");
    }
    if (d->V_estimated) {
        tdm_result_add(r, "cathode_potential", "  cathode potential vs RHE", d->E_cathode, "V");
        tdm_result_add(r, "anode_overpotential", "  anode overpotential", d->eta_anode, "V");
        tdm_result_add(r, "ohmic_drop", "  ohmic drop j ASR", d->j * d->asr, "V");
    }
    tdm_result_add(r, "reversible_voltage", "reversible voltage at T", d->E_rev, "V");
    tdm_result_add(r, "power", "electric power", P, "W");
    tdm_result_add(r, "area", "active area", I / d->j, "m2");
    double water = water_per_e(d, d->fe) * e;
    if (d->conc_p >= 0) {
        /* the catholyte's water, the unit's fourth column (after e, make-up and power) */
        double wc = x[u->col0 + 3];
        water += wc;
        tdm_result_add(r, "catholyte_water", "water added to the catholyte",
                       wc * tdm_unit_species_info(u, TDM_SPECIES_H2O)->molar_mass, "t/day");
    }
    if (d->lx > 0) {
        double crossed = 0; /* kg/s of liquid products to the anode */
        for (int p = 0; p < d->np; p++)
            if (d->liquid[p])
                crossed += d->lx * d->fe[p] / d->z[p] * e *
                           tdm_unit_species_info(u, d->product[p])->molar_mass;
        tdm_result_add(r, "liquid_crossed", "liquid products crossed to the anode", crossed,
                       "t/day");
    }
    results_common(u, x, res, r, e, water, reacted_per_e(d, d->fe) * e);
}

/* The cell's heat is what its enthalpy balance leaves: q = H_out - H_in - V I, so the
 * heat released is I (V - V_tn) with V_tn = (H_out - H_in) / I, sensible heat included.
 * Released (or needed, for a solid-oxide cell below V_tn) at the operating temperature. */
static void
energy(const tdm_unit *u, tdm_results *res, tdm_unit_result *r, double q)
{
    (void)res;
    const struct electrolyzer *d = u->data;
    double I = tdm_result_get(r, "current");
    double dH = q + r->electric_w;
    if (q != 0) tdm_result_duty(r, q, d->T, q > 0 ? "cell heat needed" : "cell heat released");
    tdm_result_add(r, "thermoneutral_voltage", "thermoneutral voltage", I > 0 ? dH / I : NAN, "V");
    tdm_result_add(r, "heat_released", "heat released", q < 0 ? -q : 0, "W");
    tdm_result_add(r, "heat_needed", "heat needed", q > 0 ? q : 0, "W");
}

static void
states(const tdm_unit *u, tdm_results *res)
{
    const struct electrolyzer *d = u->data;
    for (int p = P_CATHODE; p <= P_ANODE; p++) {
        tdm_stream_state *s = &res->streams[tdm_unit_port_stream(u, p, 0)];
        s->T = d->T;
        s->P = d->P;
    }
}

static const tdm_port_spec ports[] = {
    {"in", TDM_PORT_IN, 0, 1, "the cathode feed (none for a hydrogen-evolving cathode)"},
    {"cathode_out", TDM_PORT_OUT, 1, 1, "the cathode outlet (products and unconverted feed)"},
    {"anode_out", TDM_PORT_OUT, 1, 1, "the anode outlet (O2 and CO2 carried as carbonate)"},
    {"anode_in", TDM_PORT_IN, 0, 1, "an anode feed (sweep gas, or what the anode oxidizes)"},
    {NULL},
};

static const tdm_key_spec keys[] = {
    {"technology", "mea (default), flow-cell, soec, h-cell or other"},
    {"catalyst", "a catalyst of the seed review's Tables 1-3 (`tandem catalysts`): presets the "
                 "reactants, FE and cathode potential"},
    {"key_reactant", "species fed to the cathode and reduced: CO2, CO, HNO3, H2O ..."},
    {"co_reactant", "a second reactant for C-N coupling (urea from CO2 and HNO3)"},
    {"fe.*", "Faradaic efficiency to a product, e.g. fe.C2H4 = 0.6; one may be `rest`"},
    {"current_density", "current density (mA/cm2)"},
    {"cell_voltage", "cell voltage at that current density (V)"},
    {"cathode_potential", "instead of cell_voltage: cathode potential vs RHE (V), with"},
    {"anode_overpotential", "  the O2 evolution overpotential (V), and"},
    {"area_resistance", "  the area-specific resistance (ohm cm2)"},
    {"cathode_tafel_slope", "instead of cell_voltage, the voltage model: the cathode's Tafel "
                            "slope (mV/dec), with"},
    {"cathode_overpotential", "  its overpotential at the reference current density (V)"},
    {"cathode_exchange_current_density", "  or, for Butler-Volmer, its exchange current "
                                         "density (mA/cm2) and"},
    {"cathode_transfer_coefficient", "  its transfer coefficient (0.01 to 0.99)"},
    {"anode_tafel_slope", "  the anode's Tafel slope (mV/dec); without it "
                          "`anode_overpotential` is fixed"},
    {"reference_current_density", "  where the overpotentials are given (default 10 mA/cm2)"},
    {"fixed_performance", "yes: studies may vary current_density and single_pass_conversion "
                          "while the voltage and Faradaic efficiencies stay as given (no, the "
                          "default, refuses them)"},
    {"limiting_current_density", "the key reactant's limiting current at the inlet: fe.* are "
                                 "then those at zero conversion, and the current the reactant "
                                 "left along the channel cannot carry goes to H2"},
    {"single_pass_conversion", "fraction of the key reactant fed that becomes cathode products"},
    {"carbonate_crossover", "mol CO2 carried to the anode per mol electrons (0 to 1: 0.5 when "
                            "carbonate carries all the charge, 1 when bicarbonate does)"},
    {"electrolyte", "alkaline, neutral, acidic, bipolar or solid-oxide: sets the carbonate "
                    "crossover when it is not given (0.65, 0.5, 0, 0, 0)"},
    {"concentration.*", "a liquid product's concentration in the catholyte leaving (20 g/L, or "
                        "10 % by mass): the water the cell adds to carry its liquid products"},
    {"liquid_crossover", "fraction of each liquid product that crosses the membrane to the "
                         "anode (about 0.3 in a flow cell: Wang et al. 2021)"},
    {"current", "total current (fixes the scale); or give `area`"},
    {"area", "active area (fixes the scale together with the current density)"},
    {"anode_reactant", "a species oxidized at the anode instead of water (fed by anode_in)"},
    {"anode_fe.*", "anode Faradaic efficiency to an oxidation product; the rest evolves O2"},
    {"anode_conversion", "fraction of the anode reactant fed that is oxidized"},
    {"water", "makeup (default: water from outside) or inlet (taken from the cathode feed)"},
    {"operating_points", "a performance map (CSV: point, current_density, cell_voltage, "
                         "fe.SPECIES..., [single_pass_conversion], source) instead of fe.*, "
                         "current_density and cell_voltage"},
    {"share.*", "fraction of the cell area at an operating point; one may be `rest`"},
    {"polarization", "a polarization curve (CSV: current_density, cell_voltage, fe.SPECIES..., "
                     "source; current densities rising) instead of cell_voltage and fe.*: both "
                     "follow current_density, interpolated monotonically"},
    {"temperature", "operating temperature (default 25 C; 800 C for soec)"},
    {"pressure", "operating pressure (default 1 atm)"},
    {"min_load", "dispatch: the least load it runs at, a fraction of its design current "
                 "density (default 0)"},
    {"max_load", "dispatch: the most, a fraction of its design current density (default 1)"},
    {"ramp", "dispatch: the most its load may change in an hour (50 %/h); default none"},
    {NULL},
};

/* Priced by active area (stack, balance of plant) or by electric power. */
static void
size(const tdm_unit *u, const tdm_results *res, const tdm_unit_result *r, tdm_unit_size *s)
{
    (void)res;
    const struct electrolyzer *d = u->data;
    s->size[TDM_BASIS_AREA] = tdm_result_get(r, "area");
    s->size[TDM_BASIS_POWER] = r->electric_w;
    s->steps = 1; /* a reactor */
    bool soec = d->tech == T_SOEC;
    s->items[0] = soec ? "soec_stack" : "electrolyzer_stack";
    s->items[1] = soec ? "soec_bop" : "electrolyzer_bop";
    s->nitems = 2;
}

/* The line of a key, for messages. */
static int
key_line(const tdm_unit *u, const char *key)
{
    const tdm_kv *kv = tdm_unit_kv(u, key);
    return kv ? kv->line : 0;
}

/* One numeric key changed in place (sweeps, Monte Carlo): the same checks as parse, without
 * re-reading the section. Keys whose change would alter the species the unit needs or its
 * rows' shape (a crossover from zero, operating points) go back to a full parse. */
/* A key of the voltage model or of the mass transfer set in place (studies vary them):
 * 0 when taken, 1 when the section must be read again (a key the cell does not use this
 * way, or a value out of range, which parse refuses with its own message). */
static int
set_model_key(struct electrolyzer *d, const char *key, double v)
{
    static const struct {
        const char *key;
        double lo, hi; /* SI, as parse reads them */
        int when;      /* 0 Tafel cathode, 1 Butler-Volmer cathode, 2 any model, 3 mass transfer,
                          4 Tafel anode */
        size_t at;
    } model_keys[] = {
        {"cathode_tafel_slope", 1e-3, 2.0, 0, offsetof(struct electrolyzer, c_b)},
        {"cathode_overpotential", 0, 3.0, 0, offsetof(struct electrolyzer, c_eta_ref)},
        {"cathode_exchange_current_density", 1e-12, 1e5, 1, offsetof(struct electrolyzer, c_i0)},
        {"cathode_transfer_coefficient", 0.01, 0.99, 1, offsetof(struct electrolyzer, c_alpha)},
        {"anode_overpotential", 0, 3.0, 2, offsetof(struct electrolyzer, eta_anode)},
        {"anode_tafel_slope", 1e-3, 2.0, 4, offsetof(struct electrolyzer, a_b)},
        {"area_resistance", 0, 1.0, 2, offsetof(struct electrolyzer, asr)},
        {"limiting_current_density", 1e-9, 1e6, 3, offsetof(struct electrolyzer, jlim0)},
    };
    for (size_t i = 0; i < sizeof model_keys / sizeof *model_keys; i++) {
        if (strcmp(model_keys[i].key, key)) continue;
        int when = model_keys[i].when;
        bool on = when == 0   ? d->V_model && d->c_b > 0
                  : when == 1 ? d->V_model && !(d->c_b > 0)
                  : when == 2 ? d->V_model
                  : when == 3 ? d->jlim0 > 0
                              : d->V_model && d->a_b > 0;
        if (!on || !(v >= model_keys[i].lo && v <= model_keys[i].hi)) return 1;
        *(double *)((char *)d + model_keys[i].at) = v;
        return 0;
    }
    return 1;
}

static int
set(tdm_unit *u, const char *key, double v, tdm_error *err)
{
    struct electrolyzer *d = u->data;
    if (d->npt) return 1;
    double old_fe[MAXP];
    memcpy(old_fe, d->fe, sizeof old_fe);
    if (!strcmp(key, "cell_voltage") && !d->V_estimated && !d->V_model) {
        if (!(v >= 1e-3 && v <= 20.0))
            return tdm_unit_error(u, key_line(u, key), err,
                                  "`cell_voltage` is out of range (1 mV to 20 V)");
        d->V = v;
    } else if (!strcmp(key, "current_density")) {
        if (!(v >= 1e-9 && v <= 1e5))
            return tdm_unit_error(u, key_line(u, key), err, "`current_density` is out of range");
        d->j = v;
        if (d->V_estimated) d->V = E_OER_RHE + d->eta_anode - d->E_cathode + d->j * d->asr;
        if (d->ncv) {
            if (curve_point(u, d, err)) return -1;
            memcpy(d->fe0, d->fe, sizeof d->fe0);
        }
    } else if (!strcmp(key, "single_pass_conversion") && !isnan(d->X)) {
        if (!(v >= 1e-9 && v <= 1.0))
            return tdm_unit_error(u, key_line(u, key), err,
                                  "`single_pass_conversion` must lie in (0, 1]");
        d->X = v;
    } else if (!strcmp(key, "carbonate_crossover") && d->x > 0) {
        if (!(v > 0 && v <= 1)) return 1; /* to zero, or out of range: parse says which */
        d->x = v;
    } else if (!strncmp(key, "fe.", 3) && d->fe_rest) {
        /* with a limiting current the fe.* given are those at zero conversion */
        double *fe = d->jlim0 > 0 ? d->fe0 : d->fe;
        int k = 0, id = tdm_species_find(key + 3);
        while (k < d->np && d->product[k] != id)
            k++;
        if (k == d->np || k == d->fe_rest - 1) return 1;
        if (!(v >= 0 && v <= 1))
            return tdm_unit_error(u, key_line(u, key), err, "`%s` must lie in 0 to 1", key);
        double was = fe[k], sum = 0;
        fe[k] = v;
        for (int p = 0; p < d->np; p++)
            if (p != d->fe_rest - 1) sum += fe[p];
        if (sum > 1 + 1e-9) {
            fe[k] = was;
            return tdm_unit_error(u, d->fe_line, err,
                                  "Faradaic efficiencies sum to %.10g (must be <= 1)", sum);
        }
        fe[d->fe_rest - 1] = sum < 1 ? 1 - sum : 0;
        if (fe == d->fe) memcpy(d->fe0, d->fe, sizeof d->fe0);
    } else {
        int r = set_model_key(d, key, v);
        if (r) return r;
    }
    /* what the solution refines starts where a new reading of the section would: the
     * answer depends on the numbers set, not on the points solved before */
    if (d->jlim0 > 0) d->y_in = 1;
    d->nernst = 0;
    if (follow(u, d, err)) {
        memcpy(d->fe, old_fe, sizeof old_fe);
        return -1;
    }
    return 0;
}

/* A study moving the current density or the conversion of a cell whose voltage and
 * selectivity are fixed numbers would find what no cell does (the optimizer drove
 * one_cell_mea to a cathode without CO2 at full FE; a sweep of j at a fixed voltage only
 * shrank the area). The voltage follows j through the model's keys or a polarization
 * curve; the Faradaic efficiencies follow j through a curve or the limiting current, and X
 * through the limiting current only (a curve is measured at one conversion). An estimate
 * from `cathode_potential` holds the cathode's potential fixed while j moves. */
static const char *
stays(const tdm_unit *u, const char *key)
{
    const struct electrolyzer *d = u->data;
    bool j = !strcmp(key, "current_density"), X = !strcmp(key, "single_pass_conversion");
    if (d->fixed_performance || (!j && !X)) return NULL;
    bool V = d->V_model || d->ncv, fe = d->jlim0 > 0 || (j && d->ncv);
    /* a fixed voltage, measured at its current density, moves with the conversion only by
     * the Nernst term of the outlet and the concentration overpotential: X may vary when the
     * FE follows */
    if (fe && (V || X)) return NULL;
    if (X && d->ncv)
        return "the polarization curve gives the Faradaic efficiencies at the conversion it "
               "was measured at; give the cell's kinetics and `limiting_current_density` "
               "instead of the curve so that they follow, or write `fixed_performance = yes` "
               "to vary it alone";
    if (X)
        return "the cell's Faradaic efficiencies are fixed numbers; give "
               "`limiting_current_density` (the fe.* then are those at zero conversion) so "
               "that they follow, or write `fixed_performance = yes` to vary it alone";
    if (!V && !fe)
        return "the cell's voltage and Faradaic efficiencies are fixed numbers; give the "
               "cathode's kinetics (`cathode_tafel_slope` and `cathode_overpotential`, or "
               "`cathode_exchange_current_density`), `anode_overpotential`, `area_resistance` "
               "and `limiting_current_density`, or a `polarization` curve, so that they "
               "follow, or write `fixed_performance = yes` to vary it alone";
    if (!V)
        return d->V_estimated
                   ? "the cathode's potential is a fixed number while the current moves; give "
                     "the cathode's kinetics (`cathode_tafel_slope` and "
                     "`cathode_overpotential`, or `cathode_exchange_current_density`) instead "
                     "of `cathode_potential` so that it follows, or write `fixed_performance "
                     "= yes` to vary it alone"
                   : "the cell's voltage is a fixed number; give the cathode's kinetics "
                     "(`cathode_tafel_slope` and `cathode_overpotential`, or "
                     "`cathode_exchange_current_density`), `anode_overpotential` and "
                     "`area_resistance` instead of `cell_voltage`, or a `polarization` curve, "
                     "so that it follows, or write `fixed_performance = yes` to vary it alone";
    return "the cell's Faradaic efficiencies are fixed numbers; give "
           "`limiting_current_density` (the fe.* then are those at zero conversion) so that "
           "they follow, or write `fixed_performance = yes` to vary it alone";
}

/* the voltage, measured or from the model's largest terms, and the operating point; a key
 * the file does not give is left out, and so is one the cell cannot vary alone (stays) */
static const char *const main_keys[] = {"cell_voltage",
                                        "cathode_overpotential",
                                        "area_resistance",
                                        "limiting_current_density",
                                        "current_density",
                                        "single_pass_conversion",
                                        NULL};

/* `tandem explain`'s equations in symbols */
static const char legend[] =
    "e = I/F, the electron flow. Faraday's law: each product P takes FE_P/z_P mol per mol of\n"
    "      e- (z_P electrons per molecule), made from nu_P mol of the key reactant; carbonate\n"
    "      moves x mol of CO2 per mol of e- to the anode, where e/4 O2 is evolved:\n"
    "      cathode_k = in_k + sum_P (FE_P/z_P) e (delta_kP - nu_P delta_kR) - x e delta_k,CO2\n"
    "      anode_k = anode_in_k + x e delta_k,CO2 + (e/4) delta_k,O2;  power = V F e;\n"
    "      single-pass conversion: X in_R = (reactant consumed per e-) e. With the kinetics\n"
    "      given, V = E_rev(T, FE) + eta_c(j) + eta_a(j) + j ASR + eta_conc; with a limiting\n"
    "      current, FE_P = FE0_P k(Xc) / k(0), k = 1 / (1 + j sum FE0 / (j_lim0 c_mean(Xc))),\n"
    "      H2 the rest (the unit's table gives each term at the solution)";

const tdm_unit_kind tdm_kind_electrolyzer = {
    .name = "electrolyzer",
    .summary = "cathode reactions by Faradaic efficiency, O2 at the anode, carbonate crossover",
    .legend = legend,
    .fill = "#ffe9a8",
    .electricity_label = "electricity: electrolyzers",
    .electrochemical = true,
    .ports = ports,
    .keys = keys,
    .main_keys = main_keys,
    .data_size = sizeof(struct electrolyzer),
    .parse = parse,
    .declare = declare,
    .results = results,
    .states = states,
    .energy = energy,
    .size = size,
    .set = set,
    .refine = refine,
    .restart = restart,
    .stays = stays,
};
