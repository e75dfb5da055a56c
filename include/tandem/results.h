/* tandem/results.h: the solved flowsheet as numbers people read.
 *
 * tdm_results holds the stream table (flows per species, temperature, pressure, phase,
 * enthalpy), the unit table (each unit's quantities with their display units, its
 * electricity and its heat duties with their temperatures), and the plant summary: main
 * product rate, energy per tonne, the Gibbs minimum and second-law efficiency, carbon
 * efficiency, CO2 carried to anodes as carbonate, conversions, and the closure of the
 * element balances (C, H, O, N, B) and of the energy balance, counted over every flow that
 * crosses the plant boundary (feeds, products, vents, water make-up, utilities). */
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

/* A heat duty: q_w > 0 heat supplied to the unit, < 0 heat it rejects, at temperature t_k
 * (the temperature the heat must be delivered at, or is available at). */
typedef struct tdm_duty {
    double q_w, t_k;
    double t_supply, t_target; /* the stream's temperatures across the duty (equal to t_k
                                  for heat taken or given at one temperature) */
    const char *label;
} tdm_duty;

enum { TDM_MAX_QUANTS = 40, TDM_MAX_DUTIES = 4 };

typedef struct tdm_unit_result {
    enum tdm_role role;
    int nq;
    double electric_w;      /* electricity (or shaft work) drawn */
    int nduty;              /* set by the energy balance; a kind may split it */
    double h_in_w, h_out_w; /* enthalpy flows in and out, W (formation-referenced) */
    double co2_crossover;   /* mol/s of CO2 carried to an anode as carbonate */
    double *boundary;       /* mol/s of each flowsheet species entering the plant here
                               (negative: leaving); NULL when nothing crosses here */
    double boundary_t;      /* temperature of those flows, K (default 298.15) */
    const char *failed;     /* a specification checked after the solve that does not hold */
    /* The tables last: they are filled up to nduty and nq, and results start by clearing
     * only what comes before them (a Monte Carlo run makes results at every sample). */
    tdm_duty duty[TDM_MAX_DUTIES];
    tdm_quant q[TDM_MAX_QUANTS];
} tdm_unit_result;

typedef struct tdm_stream_state {
    double T, P;       /* K, Pa */
    double *flow;      /* mol/s per flowsheet species */
    double total;      /* mol/s */
    double mass;       /* kg/s */
    double h;          /* enthalpy flow, W, formation-referenced */
    const char *phase; /* "vapour", "liquid", "vapour+liquid", "empty" */
} tdm_stream_state;

typedef struct tdm_closure {
    double in, out; /* mol/s of atoms, or W for energy */
    double rel;     /* |in - out| / max(in, out) */
} tdm_closure;

typedef struct tdm_summary {
    int main_product; /* species id */
    double product_mol_s, product_kg_s;
    double electric_w;
    double heat_in_w;         /* heat supplied to units */
    double heat_out_w;        /* heat rejected by units (cooling duty) */
    double heat_exergy_w;     /* sum of q (1 - T0/T) over heat supplied */
    double heat_in_band_w[3]; /* heat supplied at <= 100 C, 100-400 C, > 400 C */
    double electric_j_per_kg; /* per kg of main product */
    double energy_j_per_kg;   /* electricity + heat supplied, per kg of main product */
    double gibbs_min_w;       /* Gibbs energy of the overall reaction, boundary flows */
    double reaction_h_w;      /* its enthalpy, boundary flows at 25 C in reference phases */
    double second_law_eff;    /* gibbs_min / (electricity + heat exergy) */
    double carbon_efficiency; /* C in main product / C in fresh feed */
    double carbon_in_mol_s;
    double co2_crossover_mol_s;
    double co2_out_mol_s; /* CO2 leaving the plant through products and vents */
    int key_reactant;
    double key_fed_mol_s, key_out_mol_s;
    double overall_conversion;
    tdm_closure closure[TDM_NEL];
    tdm_closure energy; /* in: electricity + heat supplied + enthalpy in;
                           out: heat rejected + enthalpy out */
    double closure_tolerance;
    bool closed; /* every element and the energy close */
} tdm_summary;

enum { TDM_MAX_WARNINGS = 8 };

typedef struct tdm_results {
    const tdm_flowsheet *fs;
    int nspecies;
    int nstreams, nunits;
    tdm_stream_state *streams;
    tdm_unit_result *units;
    tdm_summary summary;
    struct tdm_arena *arena;
    /* what the model's build found doubtful ("file:line: warning: ..."), set by
     * tdm_simulate; the reports print them */
    const char *warnings[TDM_MAX_WARNINGS];
    int nwarnings;
    /* the last molar enthalpies worked out, four temperatures per species: a study's
     * results pass asks for the same few stream temperatures at every sample (kept from
     * one remake to the next; exact, a hit is the very number worked out before) */
    struct tdm_h_memo *h_memo;
} tdm_results;

/* One line of a plant's energy flow: energy in (electricity or heat, by kind of unit) or
 * where it goes (the reaction enthalpy the products carry, heat rejected by kind of unit,
 * sensible heat of the streams leaving). */
typedef struct tdm_energy_line {
    char label[64];
    double w; /* W */
    bool in;
} tdm_energy_line;

enum { TDM_MAX_ENERGY_LINES = 48 };

/* Fills up to max lines (those not zero) and returns their count; the lines in and the
 * lines out add up to the same, as the energy balance closes. */
int tdm_energy_flow(const tdm_results *res, tdm_energy_line *lines, int max);

/* 0 when the results close every element balance and the energy balance to the summary's
 * tolerance; else -1 with an error naming the balance, its two sides, and for an element
 * the unit whose own balance of it is worst. tdm_simulate calls it after every solve. */
int tdm_results_check_closure(const tdm_results *res, tdm_error *err);
/* Builds results from a solution x of the flowsheet's model. */
int tdm_results_make(const tdm_flowsheet *fs, const double *x, tdm_results **out, tdm_error *err);
/* The same into *res, which holds earlier results of the same flowsheet or NULL: their
 * memory is used again (a study re-solving at every sample allocates nothing). On failure
 * *res is freed and NULL. */
int tdm_results_remake(const tdm_flowsheet *fs, const double *x, tdm_results **res, tdm_error *err);
void tdm_results_free(tdm_results *r);

/* Helpers for unit kinds filling their tdm_unit_result. */
void tdm_result_add(tdm_unit_result *r, const char *key, const char *label, double si,
                    const char *unit);
/* Value of quantity `key` in a unit result, NAN when absent. */
double tdm_result_get(const tdm_unit_result *r, const char *key);
/* Allocates r->boundary (zeroed) in the results' arena. */
double *tdm_result_boundary(tdm_results *res, tdm_unit_result *r);
/* Adds a heat duty to a unit result (kinds call this from their `energy` hook): at one
 * temperature, or over a stream's temperature change from t_supply to t_target (t_k is then
 * the hotter end for heating, the supply for cooling). */
void tdm_result_duty(tdm_unit_result *r, double q_w, double t_k, const char *label);
void tdm_result_duty_range(tdm_unit_result *r, double q_w, double t_supply, double t_target,
                           const char *label);
/* Enthalpy flow (W) of the given species flows (mol/s, flowsheet order) at T. */
double tdm_results_enthalpy(const tdm_results *res, const double *flow, double T);
/* Total heat supplied to / rejected by a unit (sum of its duties). */
double tdm_result_heat(const tdm_unit_result *r);

#endif
