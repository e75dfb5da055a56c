/* tandem/species.h: the built-in species table.
 *
 * Each species carries its elements (C, H, O, N) and charge, molar mass from IUPAC atomic
 * weights, standard enthalpy and Gibbs energy of formation at 298.15 K (CRC Handbook),
 * standard-state phase, normal boiling point (to label stream phases) and the source of
 * its numbers. Species are addressed in flowsheets by name ("C2H4") or alias ("ethylene").
 *
 * Electrons per molecule: the degree of reduction relative to CO2, H2O and N2,
 * gamma = 4 C + H - 2 O - charge, which is the number of electrons needed to make one
 * molecule from CO2, water and N2 (C2H4: 12, CO: 2, H2: 2, NH3: 3, O2: -4). The electrons
 * to make a product P from a reactant R are gamma(P) - nu * gamma(R) (Roels, Energetics
 * and Kinetics in Biotechnology, 1983, ch. 2). */
#ifndef TANDEM_SPECIES_H
#define TANDEM_SPECIES_H

enum tdm_phase { TDM_GAS, TDM_LIQUID, TDM_SOLID, TDM_AQUEOUS };

enum { TDM_EL_C, TDM_EL_H, TDM_EL_O, TDM_EL_N, TDM_NEL };

typedef struct tdm_species {
    const char *name;   /* key used in flowsheet files: "C2H4" */
    const char *common; /* "ethylene" (also accepted as a name) */
    int el[TDM_NEL];    /* atoms of C, H, O, N */
    int charge;
    double molar_mass;    /* kg/mol */
    double hf;            /* standard enthalpy of formation, J/mol */
    double gf;            /* standard Gibbs energy of formation, J/mol */
    enum tdm_phase phase; /* standard state at 298.15 K, 1 bar */
    double tb;            /* normal boiling point, K (0 for solids and ions) */
    const char *source;
} tdm_species;

int tdm_species_count(void);
const tdm_species *tdm_species_get(int id);
/* Index by name or common name, exact and case-sensitive for formulas ("CO" is not "Co");
 * -1 when unknown. */
int tdm_species_find(const char *name);
/* Electrons per molecule relative to CO2, H2O and N2 (see above). */
int tdm_species_electrons(const tdm_species *s);
const char *tdm_phase_name(enum tdm_phase p);
const char *tdm_element_symbol(int el);
/* The known name nearest to `name` (for "did you mean"), or NULL. */
const char *tdm_species_suggest(const char *name);

#endif
