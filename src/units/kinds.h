/* kinds.h (private to src/units): the unit kinds and helpers they share. */
#ifndef TANDEM_KINDS_H
#define TANDEM_KINDS_H

#include "tandem/unit.h"

extern const tdm_unit_kind tdm_kind_feed;
extern const tdm_unit_kind tdm_kind_product;
extern const tdm_unit_kind tdm_kind_mixer;
extern const tdm_unit_kind tdm_kind_splitter;
extern const tdm_unit_kind tdm_kind_separator;
extern const tdm_unit_kind tdm_kind_electrolyzer;
extern const tdm_unit_kind tdm_kind_heater;
extern const tdm_unit_kind tdm_kind_cooler;
extern const tdm_unit_kind tdm_kind_compressor;
extern const tdm_unit_kind tdm_kind_pump;
extern const tdm_unit_kind tdm_kind_reactor;
extern const tdm_unit_kind tdm_kind_bioreactor;
extern const tdm_unit_kind tdm_kind_storage;

/* Reads `temperature` and `pressure` (defaults given in K and Pa). */
int tdm_kind_read_state(const tdm_unit *u, double def_T, double def_P, double *T, double *P,
                        tdm_error *err);
/* Reads a list of fractions over n outlets ("0.9, rest", or one number when n = 2) into f;
 * they must lie in [0, 1] and sum to 1 (one `rest` takes what is left). */
int tdm_kind_read_fractions(const tdm_unit *u, const tdm_kv *kv, int n, double *f, tdm_error *err);
/* Reads a positive (or, with zero_ok, non-negative) flow given as mass (t/day, kg/h) or
 * molar (mol/s) flow, in SI; *mass tells which. Returns 1 present, 0 absent, -1 error. */
int tdm_kind_read_flow(const tdm_unit *u, const char *key, bool zero_ok, double *v, bool *mass,
                       tdm_error *err);
/* The declare hook of a unit with one inlet (port 0) and one outlet (port 1) that every
 * species passes through unchanged: heater, cooler, compressor, pump. */
int tdm_kind_declare_pass(const tdm_unit *u, tdm_model *m, tdm_error *err);
/* Sum over species of flow * molar mass, kg/s. */
double tdm_kind_mass_flow(const tdm_unit *u, const double *x, int stream);

/* A reaction written as text: "C2H4 + CO + 2 H2 -> C3H7OH". */
enum { TDM_RXN_MAX = 16 };
typedef struct tdm_reaction {
    int n;
    int species[TDM_RXN_MAX]; /* species ids */
    double nu[TDM_RXN_MAX];   /* stoichiometric coefficients, negative for reactants */
} tdm_reaction;

/* Reads kv's value as a reaction, registering its species with the flowsheet, and checks
 * that C, H, O, N, B and charge balance; errors name the line and the imbalance. */
int tdm_kind_read_reaction(tdm_unit *u, const tdm_kv *kv, tdm_reaction *r, tdm_error *err);
double tdm_reaction_nu(const tdm_reaction *r, int species);

/* Isentropic compression of the flows (mol/s per flowsheet species) from (T1, P1) to P2 at
 * efficiency eta (ideal gas): outlet temperature and work (W). */
void tdm_kind_compress(const tdm_unit *u, const double *flow, double T1, double P1, double P2,
                       double eta, double *T2s, double *T2, double *W);

#endif
