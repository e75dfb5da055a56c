/* tandem/species.h: species and their thermodynamic data.
 *
 * Each species carries its elements (C, H, O, N, B; fractional for biomass) and charge,
 * molar mass from IUPAC atomic weights, enthalpy and Gibbs energy of formation at 298.15 K
 * in its reference phase, the normal boiling point, and heat capacities: NASA 7-coefficient
 * polynomials for the ideal gas (McBride, Gordon and Reno, NASA TM-4513, 1993) and a
 * constant heat capacity for the condensed phase.
 *
 * Phase in a stream follows the normal boiling point: a condensable species is vapour
 * above Tb and liquid below (no vapour-liquid equilibrium). Its enthalpy is then
 *   vapour:    hf(gas) + integral of cp_gas from 298.15 K to T
 *   condensed: hf(liquid) + cp_cond (T - 298.15 K)
 * where hf in the phase other than the reference one is `hf_alt` (NAN when the species
 * never leaves its reference phase: permanent gases, ions, solids).
 *
 * Electrons per molecule: the degree of reduction relative to CO2, H2O and N2,
 * gamma = 4 C + H - 2 O + 3 B - charge (Roels, Energetics and Kinetics in Biotechnology,
 * 1983), the electrons needed to make one molecule from CO2, water and N2. */
#ifndef TANDEM_SPECIES_H
#define TANDEM_SPECIES_H

#include <stdbool.h>

enum tdm_phase { TDM_GAS, TDM_LIQUID, TDM_SOLID, TDM_AQUEOUS };

enum { TDM_EL_C, TDM_EL_H, TDM_EL_O, TDM_EL_N, TDM_EL_B, TDM_NEL };

typedef struct tdm_species {
    const char *name;   /* key used in flowsheet files: "C2H4" */
    const char *common; /* "ethylene" (also accepted as a name) */
    double el[TDM_NEL]; /* atoms of C, H, O, N, B */
    int charge;
    double molar_mass;    /* kg/mol */
    double hf;            /* enthalpy of formation, reference phase, 298.15 K, J/mol */
    double gf;            /* Gibbs energy of formation, reference phase, J/mol */
    enum tdm_phase phase; /* reference phase at 298.15 K, 1 bar */
    double tb;            /* normal boiling point, K (0: none) */
    double hf_alt;        /* hf in the other phase (gas or liquid), NAN if none */
    double cp_cond;       /* heat capacity of the condensed phase, J/(mol K) */
    const double *nasa;   /* ideal gas: 7 coefficients 200-1000 K, then 7 for 1000-6000 K */
    double cp_gas;        /* ideal-gas heat capacity when nasa is NULL, J/(mol K) */
    const char *source;
} tdm_species;

/* The built-in table. */
int tdm_species_count(void);
const tdm_species *tdm_species_get(int id);
/* Index by name or common name, exact and case-sensitive ("CO" is not "Co"); -1 if none. */
int tdm_species_find(const char *name);
/* The first species of the built-in table, which units use in their hot paths by these ids
 * rather than by name (tests/unit/test_species.c checks them against tdm_species_find). */
enum {
    TDM_SPECIES_CO2 = 0,
    TDM_SPECIES_CO = 1,
    TDM_SPECIES_H2 = 2,
    TDM_SPECIES_O2 = 3,
    TDM_SPECIES_N2 = 4,
    TDM_SPECIES_H2O = 5,
};
/* The known name nearest to `name` (for "did you mean"), or NULL. */
const char *tdm_species_suggest(const char *name);

double tdm_species_electrons(const tdm_species *s);
const char *tdm_phase_name(enum tdm_phase p);
const char *tdm_element_symbol(int el);
/* Molar mass from element counts (IUPAC atomic weights), kg/mol. */
double tdm_molar_mass(const double *el);
/* Reads a formula such as "C2H4", "CH1.8O0.5N0.2" or "C6H7BO2" into el; -1 if it holds
 * anything but C, H, O, N, B with optional (decimal) counts. */
int tdm_formula_parse(const char *formula, double *el);

/* Thermodynamics at temperature T (K) and 1 bar, in the phase the species takes at T. */
bool tdm_species_vapour(const tdm_species *s, double T);
double tdm_species_h(const tdm_species *s, double T); /* J/mol, formation-referenced */
/* Lower heating value, J/mol: burnt in O2 to CO2 and water vapour (N to N2), from its
 * reference phase at 298.15 K; 0 for what does not burn (CO2, water, O2, N2), a species
 * holding boron, or an ion. */
double tdm_species_lhv(const tdm_species *s);
double tdm_species_s(const tdm_species *s, double T); /* J/(mol K), absolute */
/* Latent heat of vaporization at T, J/mol: the vapour's enthalpy less the condensed
 * phase's, both extended to T; NAN for a species that is never both (no boiling point). */
double tdm_species_hvap(const tdm_species *s, double T);
double tdm_species_g(const tdm_species *s, double T); /* h - T s, J/mol */
double tdm_species_cp(const tdm_species *s, double T);
/* Ideal-gas entropy change from T1 to T2 (J/(mol K)), for isentropic compression. */
double tdm_species_gas_ds(const tdm_species *s, double T1, double T2);
double tdm_species_gas_dh(const tdm_species *s, double T1, double T2);

#endif
