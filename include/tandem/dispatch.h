/* tandem/dispatch.h: a cascade run hour by hour on a real power supply (docs/dispatch.md).
 *
 * A flowsheet's storage units cut it into stages; each stage runs at a load of its own in
 * each period of a profile (electricity price, carbon intensity, power available), its
 * cells at that fraction of their design current density, so that their voltage and
 * selectivity follow the load. One linear program over every period chooses the loads,
 * the installed size of each stage and of each storage, for the least levelized cost (or
 * emissions, or cost with a price on carbon), making the same product a year as the
 * flowsheet's plant running flat. */
#ifndef TANDEM_DISPATCH_H
#define TANDEM_DISPATCH_H

#include <stdbool.h>

#include "tandem/error.h"
#include "tandem/simulate.h"
#include "tandem/tea.h"

/* A profile: one row a period, equal periods. */
typedef struct tdm_profile {
    char *path, *source;
    int n;             /* periods */
    double dt;         /* s, the length of each */
    double *price;     /* $/J */
    double *intensity; /* kg CO2e/J; NULL: the profile has none */
    double *available; /* fraction of the supply's capacity; NULL: no limit */
    int *line;         /* each period's line in the file */
} tdm_profile;

/* Reads a profile CSV: columns hour (first; rising by a constant step, the period's
 * length), price (required), intensity, available (0 to 1) and source (required on the first
 * row; an empty one is the row above's); a row `unit,...` after the header gives each other
 * column's unit ($/MWh, kg/MWh). Errors name file:line. */
int tdm_profile_load(const char *path, tdm_profile *p, tdm_error *err);
void tdm_profile_free(tdm_profile *p);

enum tdm_dispatch_objective { TDM_DISPATCH_COST, TDM_DISPATCH_EMISSIONS };

typedef struct tdm_dispatch_opts {
    enum tdm_dispatch_objective objective;
    double carbon_price; /* $/kg CO2e added to the cost (cost objective) */
    double supply_w;     /* the capacity `available` is a fraction of; 0: none given */
    int levels;          /* load levels simulated per stage (2 to 12) */
    bool no_storage;     /* every storage held empty: the loads move together */
    double max_size;     /* the emissions objective: a stage at most this times its design */
    int days;            /* typical days the profile is reduced to; 0: every period */
} tdm_dispatch_opts;
#define TDM_DISPATCH_OPTS_DEFAULT                                                                  \
    ((tdm_dispatch_opts){.objective = TDM_DISPATCH_COST,                                           \
                         .carbon_price = 0,                                                        \
                         .supply_w = 0,                                                            \
                         .levels = 5,                                                              \
                         .no_storage = false,                                                      \
                         .max_size = 3,                                                            \
                         .days = 0})

enum { TDM_DISPATCH_MAX_STAGES = 8, TDM_DISPATCH_MAX_LEVELS = 13 };

/* A stage: the units joined by streams other than through a storage. */
typedef struct tdm_dispatch_stage {
    const char *name;                /* its lead cell's name, or its first unit's */
    int lead;                        /* unit index of its first electrolyzer; -1: none */
    double min_load, max_load, ramp; /* fractions of the design current density; ramp per s */
    bool must_run;                   /* min_load > 0: every installed stack runs in every period */
    int nlevels;
    double level[TDM_DISPATCH_MAX_LEVELS]; /* the loads simulated */
    double design, size; /* lead cell area (m2; or the stage's measure) at design, installed */
    double capital;      /* installed $ at that size */
    double *load;        /* per period: mean load of the installed stacks */
    double mean_load, capacity_factor; /* capacity factor: mean load / max_load */
} tdm_dispatch_stage;

typedef struct tdm_dispatch_store {
    const char *name;
    int unit, from, to;             /* the storage unit; the stages that charge and draw it */
    double capacity;                /* mol */
    double capacity_kg, capacity_h; /* the same in kg and in hours of the design flow */
    double compressor_w;            /* charge compressor, W */
    double capital;                 /* vessel and compressor, installed $ */
    double *level;                  /* mol held at the end of each period */
} tdm_dispatch_store;

/* One way of running the plant: its levelized cost and emissions, and what they are made of. */
typedef struct tdm_dispatch_case {
    bool feasible;
    char why[300];      /* when not */
    double lcop;        /* $/t of main product */
    double capital;     /* $/t: the capital's share (stages and storage, with what goes with it) */
    double electricity; /* $/t */
    double other;       /* $/t: every other operating line, fixed costs included */
    double emissions;   /* kg CO2e per kg; NAN when the profile or scenario has no intensity */
    double energy;      /* electricity bought, kWh per kg */
    double mean_price;  /* $/kWh paid on average */
} tdm_dispatch_case;

typedef struct tdm_dispatch {
    const tdm_profile *full;    /* the profile as read */
    const tdm_profile *profile; /* the LP's periods: the profile's, or its typical days */
    tdm_profile typical;        /* those days, when it was reduced (--days) */
    double *weight;             /* how many of the profile's periods each LP period stands for */
    enum tdm_dispatch_objective objective;
    double carbon_price;
    int n; /* periods */
    int nstages, nstores;
    tdm_dispatch_stage stages[TDM_DISPATCH_MAX_STAGES];
    tdm_dispatch_store stores[TDM_DISPATCH_MAX_STAGES];
    double *power;            /* W bought in each period */
    double product_t;         /* t a year, as the flat plant */
    tdm_dispatch_case best;   /* dispatched */
    tdm_dispatch_case steady; /* the best constant operation, at the profile's mean price */
    tdm_dispatch_case flat;   /* the flowsheet's own plant at its design load */
    int iterations;
    bool converged;
    int lp_rows, lp_cols;
} tdm_dispatch;

/* Solves the dispatch of sim's flowsheet (its design point: the file's values) on profile
 * p, priced in sc. The flowsheet's cells are moved and put back. 0, or -1 with err: bad
 * input (a cell whose performance cannot follow its load, a storage across a recycle) or a
 * profile no plant can meet (TDM_ESOLVE, naming the period). */
int tdm_dispatch_run(tdm_simulation *sim, tdm_scenario *sc, const tdm_profile *p,
                     const tdm_dispatch_opts *o, tdm_dispatch *out, tdm_error *err);
void tdm_dispatch_free(tdm_dispatch *d);

#endif
