/* tandem/results.h: the solved flowsheet as numbers people read.
 *
 * tdm_results holds the stream table (flows per species, temperature, pressure, phase),
 * the unit table (each unit's quantities with their display units), and the plant summary:
 * main product rate, electric energy per tonne, carbon efficiency, CO2 carried to anodes as
 * carbonate, conversions, and element closure for C, H, O and N counted over every flow
 * that crosses the plant boundary (feeds, products, vents, water make-up). */
#ifndef TANDEM_RESULTS_H
#define TANDEM_RESULTS_H

#include <stdbool.h>

#include "tandem/error.h"
#include "tandem/species.h"

typedef struct tdm_flowsheet tdm_flowsheet;

enum tdm_role { TDM_ROLE_NONE, TDM_ROLE_FEED, TDM_ROLE_PRODUCT, TDM_ROLE_BYPRODUCT, TDM_ROLE_VENT };
const char *tdm_role_name(enum tdm_role r);

/* One reported number: SI value, shown in `unit` ("MW", "mA/cm2", "" = dimensionless). */
typedef struct tdm_quant {
    const char *key;   /* machine name: "current" */
    const char *label; /* for people: "current" */
    double value;      /* SI */
    const char *unit;  /* display unit */
} tdm_quant;

enum { TDM_MAX_QUANTS = 32 };

typedef struct tdm_unit_result {
    enum tdm_role role;
    tdm_quant q[TDM_MAX_QUANTS];
    int nq;
    double electric_w;    /* electricity drawn */
    double heat_w;        /* heat supplied to the unit; negative when released */
    double co2_crossover; /* mol/s of CO2 carried to an anode as carbonate */
    double *boundary;     /* mol/s of each flowsheet species entering the plant here
                             (negative: leaving); NULL when nothing crosses here */
    const char *failed;   /* a specification checked after the solve that does not hold */
} tdm_unit_result;

typedef struct tdm_stream_state {
    double T, P;       /* K, Pa */
    double *flow;      /* mol/s per flowsheet species */
    double total;      /* mol/s */
    double mass;       /* kg/s */
    const char *phase; /* "vapour", "liquid", "vapour+liquid", "empty" */
} tdm_stream_state;

typedef struct tdm_closure {
    double in, out; /* mol/s of atoms */
    double rel;     /* |in - out| / max(in, out) */
} tdm_closure;

typedef struct tdm_summary {
    int main_product; /* species id */
    double product_mol_s, product_kg_s;
    double electric_w, heat_w; /* heat_w: net heat demand (> 0) of the units */
    double electric_j_per_kg;  /* per kg of main product */
    double carbon_efficiency;  /* C in main product / C in fresh feed */
    double carbon_in_mol_s;
    double co2_crossover_mol_s;
    double co2_out_mol_s; /* CO2 leaving the plant through products and vents */
    int key_reactant;
    double key_fed_mol_s, key_out_mol_s;
    double overall_conversion;
    tdm_closure closure[TDM_NEL];
    double closure_tolerance;
    bool closed;
} tdm_summary;

typedef struct tdm_results {
    const tdm_flowsheet *fs;
    int nspecies;
    int nstreams, nunits;
    tdm_stream_state *streams;
    tdm_unit_result *units;
    tdm_summary summary;
    struct tdm_arena *arena;
} tdm_results;

/* Builds results from a solution x of the flowsheet's model. */
int tdm_results_make(const tdm_flowsheet *fs, const double *x, tdm_results **out, tdm_error *err);
void tdm_results_free(tdm_results *r);

/* Helpers for unit kinds filling their tdm_unit_result. */
void tdm_result_add(tdm_unit_result *r, const char *key, const char *label, double si,
                    const char *unit);
/* Value of quantity `key` in a unit result, NAN when absent. */
double tdm_result_get(const tdm_unit_result *r, const char *key);
/* Allocates r->boundary (zeroed) in the results' arena. */
double *tdm_result_boundary(tdm_results *res, tdm_unit_result *r);

#endif
