/* tandem/optimize.h: how should this cascade run? The flowsheet's own linear model with
 * some specifications released and a linear objective, solved on GLPK.
 *
 * The flowsheet's [optimize] section (or the command line) names
 *   objective = min_energy | min_electricity | max_product | min_cost
 *   vary.UNIT.KEY = LO .. HI [unit]      a specification released between bounds
 *   max.METRIC = value [unit]            extra constraints; min.METRIC likewise
 *   explain.UNIT.KEY = STEP [unit]       what a step in a parameter is worth
 * with METRIC one of electricity, heat, energy (W), product (main product, kg/s),
 * feed.SPECIES and output.SPECIES (kg/s across the plant boundary), and
 * purity.STREAM.SPECIES (mole fraction, min only).
 *
 * With every specification fixed the flowsheet is a square linear system, so the released
 * keys are the only freedom: each setting is one simulated point. Each iteration simulates
 * at the current values and once more per key a little further on, which measures how the
 * flows and the plant figures (electricity, each heat duty, main product, flows across the
 * boundary, annualized cost) move with each key: exactly for a key that enters the
 * balances as a right-hand side (a rate, a current), to first order for one that multiplies
 * a flow (a split fraction, a conversion), which then moves within a trust region. The LP
 * over the keys and the heat supplied keeps every moving flow within its bounds and every
 * limit; objectives per tonne (energy, cost) are ratios, solved by Dinkelbach's method
 * (minimize N - lambda D with lambda the current ratio). When everything enters linearly,
 * the second iteration confirms the first. The answer is always a simulated point: the
 * results of the optimum are the flowsheet's own. */
#ifndef TANDEM_OPTIMIZE_H
#define TANDEM_OPTIMIZE_H

#include <stdbool.h>

#include "tandem/error.h"
#include "tandem/ini.h"
#include "tandem/simulate.h"

struct tdm_scenario;

/* TDM_OBJ_MIN_ENERGY, ...: one per row of tandem/objectives.def */
enum tdm_objective {
#define TDM_OBJECTIVE(id, ...) TDM_OBJ_##id,
#include "tandem/objectives.def"
#undef TDM_OBJECTIVE
};

enum tdm_metric {
    TDM_MET_ELECTRICITY, /* W */
    TDM_MET_HEAT,        /* heat supplied, W */
    TDM_MET_ENERGY,      /* electricity + heat supplied, W */
    TDM_MET_PRODUCT,     /* main product, kg/s */
    TDM_MET_FEED,        /* a species entering the plant, kg/s */
    TDM_MET_OUTPUT,      /* a species leaving the plant, kg/s */
    TDM_MET_PURITY,      /* mole fraction of a species in a stream */
    TDM_MET_EMISSIONS,   /* CO2e emitted, cradle to gate (docs/carbon.md): kg/s, or kg per
                          * kg of main product when per_product */
};

enum {
    TDM_OPT_MAX_VARS = 32,
    TDM_OPT_MAX_LIMITS = 32,
    TDM_OPT_MAX_EXPLAIN = 16,
    TDM_OPT_MAX_MARGINALS = 64,
    TDM_OPT_MAX_OPTIONAL = 6,
    TDM_OPT_MAX_LAYOUTS = 64
};

/* A released specification. Values are SI; `unit` is how the user wrote the bounds. */
typedef struct tdm_opt_var {
    const char *unit_name, *key, *unit;
    int line;
    double lo, hi, start, value;
    bool coefficient;    /* enters its rows as a coefficient: linearized, trust region */
    int at_bound;        /* at the optimum: -1 lower, +1 upper, 0 between */
    double marginal;     /* d objective / d value, objective display units per `unit` */
    const char *held_by; /* between its bounds: the flow bound that holds it, or NULL */
} tdm_opt_var;

typedef struct tdm_opt_limit {
    const char *key; /* as written: "max.electricity" */
    int line;
    enum tdm_metric metric;
    bool upper;
    int species, stream; /* species (flowsheet column order), stream (purity); -1: none */
    bool per_product;    /* a bound per kg of the main product (max.emissions in t/t) */
    double bound;        /* SI */
    const char *unit;    /* display unit of the bound */
    double value;        /* at the optimum, SI */
    bool binding;
    double shadow; /* d objective / d bound, objective display units per `unit` */
} tdm_opt_limit;

/* A fixed specification's worth: d objective / d value (display units). */
typedef struct tdm_opt_marginal {
    const char *unit_name, *key, *unit;
    int line;
    double value, per_unit; /* value in `unit`; per_unit: objective units per `unit` */
} tdm_opt_marginal;

/* explain.UNIT.KEY: the objective re-optimized after a step in the parameter. */
typedef struct tdm_opt_explain {
    const char *unit_name, *key, *step;
    int line;
    const char *before, *after; /* the key's value as written, before and after the step */
    double objective;           /* re-optimized, display units; NAN when it failed */
    const char *failed;         /* why, when it failed */
} tdm_opt_explain;

typedef struct tdm_opt_problem {
    const char *path; /* the flowsheet's, for messages */
    enum tdm_objective objective;
    int objective_line;
    tdm_opt_var var[TDM_OPT_MAX_VARS];
    int nvars;
    tdm_opt_limit limit[TDM_OPT_MAX_LIMITS];
    int nlimits;
    tdm_opt_explain explain[TDM_OPT_MAX_EXPLAIN];
    int nexplain;
    int max_iterations;
} tdm_opt_problem;

/* One layout: which optional units are on (bit i: optional unit i), and its optimum. */
typedef struct tdm_opt_layout {
    unsigned on;
    unsigned used;      /* the units that take a flow at its optimum (on, but maybe idle) */
    double objective;   /* display units; NAN when it failed */
    const char *failed; /* why, when it failed */
    double electricity; /* at its optimum, J per kg of main product: all, and electrolyzers' */
    double electrolyzers;
} tdm_opt_layout;

typedef struct tdm_optimum {
    enum tdm_objective objective;
    const char *objective_unit; /* "GJ/t", "MW", "t/day", "$/t" */
    double start, value;        /* objective at the file's settings and at the optimum */
    int iterations;
    bool converged;
    tdm_opt_marginal marginal[TDM_OPT_MAX_MARGINALS];
    int nmarginals;
    /* Layout choice: units marked `optional = yes` are switched on or off by binaries
     * (glp_intopt, with each unit's fixed charge when the objective is cost); then every
     * layout is optimized on its own and the best kept. */
    const char *optional[TDM_OPT_MAX_OPTIONAL];
    int noptional;
    tdm_opt_layout layout[TDM_OPT_MAX_LAYOUTS];
    int nlayouts, chosen; /* chosen: index into layout */
    unsigned milp_on;     /* the layout the MILP picked */
    /* The runner-up (the best layout whose units in use differ; -1 when none) and what would
     * make it win: for min_cost the electricity price at which the two cost the same ($/kWh,
     * the scenario's now; NAN when no price does), for the energy objectives the cut in the
     * runner-up's cell voltages that closes the gap (fraction; NAN when none can). */
    int runner_up;
    double price_now, price_even;
    double voltage_cut;
} tdm_optimum;

/* Reads the [optimize] section of a flowsheet (sec may be NULL: the defaults) and then the
 * extra `key = value` lines (from the command line, line 0), checking every name against
 * the flowsheet. The problem keeps pointers into fs and the lines. */
int tdm_opt_read(tdm_opt_problem *p, const tdm_flowsheet *fs, const tdm_section *sec,
                 const tdm_kv *extra, int nextra, tdm_error *err);

/* Optimizes: on success the simulation holds the optimum (its model, flows and results)
 * and the flowsheet the chosen values; p->var and p->limit carry their answers. sc: the
 * cost scenario, needed for min_cost (NULL otherwise). An infeasible problem fails with
 * TDM_ESOLVE naming the limit or bound at fault; an unbounded one names what runs away. */
int tdm_optimize(tdm_simulation *sim, tdm_opt_problem *p, const struct tdm_scenario *sc,
                 tdm_optimum *out, tdm_error *err);

/* A Pareto front of the objective per tonne (energy, electricity or cost) against the main
 * product rate, by the epsilon-constraint method: the least objective at a product rate of
 * at least eps, for eps from the rate at the least objective up to the most product the
 * released keys and limits allow. */
enum { TDM_PARETO_MAX = 101 };

typedef struct tdm_pareto_point {
    double product;                 /* t/day */
    double emissions;               /* t CO2e per t of main product (a front against them) */
    double objective;               /* the objective's display unit */
    double value[TDM_OPT_MAX_VARS]; /* the released keys, SI */
    const char *failed;             /* why, when this point has no answer */
} tdm_pareto_point;

typedef struct tdm_pareto {
    enum tdm_objective objective;
    const char *objective_unit;
    int n;
    tdm_pareto_point pt[TDM_PARETO_MAX];
    const char *single;     /* why the front is one point (the product rate cannot move), or NULL */
    bool against_emissions; /* the front of tdm_pareto_emissions */
} tdm_pareto;

/* n points (2 to TDM_PARETO_MAX) between the two ends; p's objective must be per tonne
 * (max_product is one end of every front). The simulation is left at the last point. */
int tdm_pareto_front(tdm_simulation *sim, const tdm_opt_problem *p, const struct tdm_scenario *sc,
                     int n, tdm_pareto *out, tdm_error *err);
/* The same against the emissions per tonne (docs/carbon.md): the least objective (min_cost,
 * ...) at emissions of at most eps, for eps from the emissions at the least objective down
 * to the least emissions the released keys and limits allow; points listed from the least
 * objective's end. Needs the scenario's carbon intensities. */
int tdm_pareto_emissions(tdm_simulation *sim, const tdm_opt_problem *p,
                         const struct tdm_scenario *sc, int n, tdm_pareto *out, tdm_error *err);

/* What an objective is made of and how it is shown: one row of src/optimize/objectives.c
 * each. The LP minimizes sign x figure (+ the heat supplied) per tonne of the main product,
 * or the figure itself when it is no ratio. */
enum tdm_objective_figure {
    TDM_OBJF_ELECTRICITY,
    TDM_OBJF_PRODUCT,
    TDM_OBJF_COST,
    TDM_OBJF_EMISSIONS
};
typedef struct tdm_objective_info {
    enum tdm_objective id;
    const char *key;  /* "min_energy": the [optimize] section's word */
    const char *name; /* "energy per tonne of main product" */
    const char *unit; /* "GJ/t": the display unit */
    enum tdm_objective_figure figure;
    bool with_heat;           /* the heat supplied is added to the figure (energy) */
    bool maximize;            /* the figure grows (the product rate) */
    bool per_tonne;           /* per tonne of the main product, not a rate */
    bool needs_cost;          /* priced with a cost scenario */
    double si_per_shown;      /* SI per display unit: 1e6 J/kg per GJ/t; a rate's kg/s per t/day */
    const char *plant_figure; /* the figure of tandem/figures.h it is: "total_energy" */
} tdm_objective_info;

const tdm_objective_info *tdm_objective_get(enum tdm_objective o);
const tdm_objective_info *tdm_objective_find(const char *key); /* NULL: no such objective */
const tdm_objective_info *tdm_objective_at(int i);             /* NULL past the last */

/* The objective's name ("energy per tonne of C2H4"). */
const char *tdm_objective_name(enum tdm_objective o);

#endif
