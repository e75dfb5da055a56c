/* tandem/tea.h: techno-economics of a solved flowsheet.
 *
 * Cost data come from CSV files read with libcsv: equipment cost curves, prices and a cost
 * index (CEPCI by year). A scenario (an INI file in costs/) names them and holds the
 * financial assumptions. tdm_tea_evaluate() prices every unit from its solved size (the
 * `size` hook of its kind), adds indirect costs, operating costs and revenues, and builds
 * the cash-flow table: levelized cost of the main product, NPV, IRR and payback at the
 * market price. Every cost line keeps its basis, size, scaling and source. */
#ifndef TANDEM_TEA_H
#define TANDEM_TEA_H

#include <stdbool.h>

#include "tandem/data.h"
#include "tandem/error.h"
#include "tandem/finance.h"
#include "tandem/ini.h"
#include "tandem/quantity.h"
#include "tandem/results.h"
#include "tandem/unit.h"

/* Equipment cost curve: C = fixed + base_cost (S / base_size)^exponent, in `year` dollars,
 * purchased (installation turns it into installed cost). */
typedef struct tdm_equipment {
    const char *item, *category; /* category "stack" is replaced every stack life */
    enum tdm_basis basis;
    const char *size_unit;                        /* display unit of base_size, as written */
    double si_per_shown;                          /* SI units in one size_unit */
    double fixed, base_size, base_cost, exponent; /* $, SI, $, - */
    int year;
    double installation; /* installed / purchased */
    double lifetime;     /* years; 0: the plant life */
    double maintenance;  /* fraction of installed cost per year; NAN: the scenario's */
    /* the cost per unit size moves with the plant's rate of its main product as well:
     * x (rate / base_rate)^rate_exponent (equipment.csv's optional columns); 0: not */
    double base_rate, rate_exponent; /* kg/s, - */
    const char *source;
    const char *file;
    int line;
} tdm_equipment;

typedef struct tdm_price {
    const char *item; /* a species name, or electricity, fuel, heat..., cooling... */
    double value;     /* SI: $ per J, $ per kg */
    tdm_dim dim;
    const char *unit; /* as written, e.g. $/kWh */
    double shown;     /* the number as written */
    double per_unit;  /* SI in one `unit` (0: not worked out yet; a study's sets keep it) */
    int year;
    const char *source;
    const char *file;
    int line;
    /* the grade the price is for: the least mole fraction of the item in a stream sold at
     * it (prices.csv's optional `purity` column); 0: any. A by-product below it earns its
     * lower heating value at the `fuel` price instead. */
    double purity;
    /* for a heating utility (an item named heat...), the hottest duty it serves; for a
     * cooling utility (cooling...), the coldest heat it takes away (prices.csv's optional
     * `temperature` column), K; NAN: none given (tdm_tea picks a utility by it) */
    double temperature;
} tdm_price;

/* The carbon intensity of an item (carbon.csv, or the scenario's [carbon]): kg CO2e per unit
 * of it, cradle to gate, GWP100. item: electricity, a heating (heat...) or cooling
 * (cooling...) utility, fuel (what a by-product burnt as fuel displaces, per J of its lower
 * heating value), or a species (bought as a feed, displaced by a by-product sold, and, for
 * the main product, the route it is compared with). A row may carry energy of its own that
 * the scenario's intensities then price: a capture route's electricity and heat per kg of
 * CO2, a refrigerant's electricity per J removed. ITEM.OPTION rows are choices the
 * scenario's [carbon] picks by name (`electricity = wind_onshore`). */
typedef struct tdm_intensity {
    const char *item;
    double value; /* SI: kg per J (electricity, utilities, fuel) or kg per kg (species) */
    tdm_dim dim;
    const char *unit;        /* as written, e.g. g/kWh */
    double shown;            /* the number as written */
    double per_unit;         /* SI in one `unit` (0: not worked out yet) */
    double electricity;      /* J of electricity per unit of the item (J/J, J/kg) */
    double heat;             /* J of heat per unit of the item, at heat_temperature */
    double heat_temperature; /* K; NAN without heat */
    int year;
    const char *source;
    const char *file;
    int line;
} tdm_intensity;

typedef struct tdm_index_year {
    int year;
    double index;
} tdm_index_year;

typedef struct tdm_costdb {
    tdm_equipment *eq;
    int neq;
    tdm_price *prices;
    int nprices;
    tdm_index_year *index;
    int nindex;
    const char *index_source;
    tdm_intensity *carbon; /* NULL: the scenario has no carbon data */
    int ncarbon;
} tdm_costdb;

typedef struct tdm_scenario {
    tdm_arena *arena;
    tdm_ini doc;
    const char *path, *title;
    int year;
    enum tdm_convention convention;
    double discount, tax, capacity_factor, working_capital, maintenance, insurance;
    double labour;        /* $/s, a fixed figure */
    double operator_wage; /* $/s per operator: labour by Turton's rule; 0: none */
    double additional;
    int life, construction, macrs, depreciation_years;
    double construction_share[10]; /* `construction = 40 %, 60 %`: capital spent by year; all 0
                                    * for `construction = N yr`, spent evenly */
    double stack_life;             /* years; 0: each item's own lifetime */
    int nindirect;
    const char *indirect_name[8];
    double indirect[8];   /* fractions of the installed direct cost */
    const char *files[4]; /* equipment, prices, index, carbon (NULL: none) */
    tdm_costdb db;
    const char *db_read[4];         /* the files db was read from: re-read only when they change */
    int db_extra;                   /* room kept in db.prices for the scenario's own [prices] */
    int carbon_extra;               /* and in db.carbon for its [carbon] */
    bool co2_uptake;                /* the CO2 fed counts as taken up (-1 kg per kg) */
    struct tdm_valbufs *set_values; /* values changed by tdm_scenario_set */
    struct tdm_lazies *lazy;        /* prices set as numbers, text not yet written (set_number) */
} tdm_scenario;

/* Reads a scenario and the CSV files it names (paths relative to the scenario). */
int tdm_scenario_load(const char *path, tdm_scenario **out, tdm_error *err);
/* The same from text in memory (any bytes, len of them); path names it in messages and
 * is where the CSV files it names are looked for. */
int tdm_scenario_load_string(const char *text, size_t len, const char *path, tdm_scenario **out,
                             tdm_error *err);
void tdm_scenario_free(tdm_scenario *s);
/* The scenario a flowsheet is priced with when none is given: the file its [flowsheet]
 * `scenario` key names (relative to the flowsheet's folder), else costs/base2023.ini in the
 * first data directory that holds it (tandem/data.h). Fills buf with its path; an error names
 * the key's line, or every place searched. */
int tdm_scenario_locate(const struct tdm_flowsheet *fs, char *buf, size_t n, tdm_error *err);
/* The same over the given places instead of tandem's own (tests, tools with their own). */
int tdm_scenario_locate_in(const struct tdm_flowsheet *fs, const tdm_data_place *places,
                           int nplaces, char *buf, size_t n, tdm_error *err);
/* Changes one key (`discount_rate`, or `prices.CO2` for a price) and re-reads the
 * scenario; the same checks as the file. */
int tdm_scenario_set(tdm_scenario *s, const char *key, const char *value, tdm_error *err);
/* The same for a number: si in SI, shown the unit its text is written in ("$/kWh"), suffix
 * text kept after it (or NULL). A price the scenario's [prices] already gives in that unit
 * is changed in place, its text written only when the scenario is read again; anything
 * else is set as text. */
int tdm_scenario_set_number(tdm_scenario *s, const char *key, double si, const char *shown,
                            const char *suffix, tdm_error *err);
const tdm_price *tdm_scenario_price(const tdm_scenario *s, const char *item);
/* The carbon intensity in force for an item (the scenario's [carbon] choice, else the row of
 * that name); NULL when none. */
const tdm_intensity *tdm_scenario_intensity(const tdm_scenario *s, const char *item);
/* The source a scenario's comment names: its leading tags (`[D] 350 days a year`) replaced
 * by their citations in the scenario's [sources] section (`D = da Cunha and Resasco, ...`);
 * the comment as written when it opens with no known tag. Lives as long as the scenario. */
const char *tdm_scenario_cite(const tdm_scenario *s, const char *comment);
const tdm_equipment *tdm_scenario_equipment(const tdm_scenario *s, const char *item);
/* CEPCI of a year; NAN when the table lacks it. */
double tdm_scenario_index(const tdm_scenario *s, int year);

/* The installed cost of an item at a size (SI, its basis) in the scenario's year, for a plant
 * making product_kg_s of its main product (an item whose cost moves with the rate): the
 * cost curve of tdm_tea_evaluate, 0 at size 0. Its lifetime in years (a stack's is the
 * scenario's stack life when given; 0: the plant's). */
double tdm_equipment_installed(const tdm_scenario *sc, const tdm_equipment *e, double size,
                               double product_kg_s);
double tdm_equipment_lifetime(const tdm_scenario *sc, const tdm_equipment *e);

/* One priced piece of equipment. */
typedef struct tdm_capex_line {
    const char *unit, *item, *category, *basis, *size_unit, *source;
    double size;      /* in size_unit */
    double base_size; /* in size_unit */
    double fixed, base_cost, exponent, installation;
    int year;
    double escalation;           /* index(scenario year) / index(item year) */
    double rate_factor;          /* (rate / base_rate)^rate_exponent; 1 for most items */
    double purchased, installed; /* scenario-year $ */
    double lifetime, maintenance;
} tdm_capex_line;

/* One operating cost (or revenue, negative cost) per year. */
typedef struct tdm_opex_line {
    const char *name, *group; /* group: utilities, feeds, by-products, fixed */
    double amount;            /* per year, in amount_unit */
    const char *amount_unit;
    double price; /* in price_unit */
    const char *price_unit, *source;
    double cost; /* $/yr; negative for revenue */
} tdm_opex_line;

enum { TDM_MAX_COST_LINES = 256 };

/* What a plant's emissions come from (docs/carbon.md). */
enum tdm_co2_cause {
    TDM_CO2_ELECTRICITY, /* electricity the units use */
    TDM_CO2_HEAT,        /* heating and cooling utilities */
    TDM_CO2_FEEDS,       /* species bought (but the CO2), consumables */
    TDM_CO2_SUPPLY,      /* capturing the CO2 fed (its energy) */
    TDM_CO2_VENTED,      /* carbon leaving in vents, as CO2 */
    TDM_CO2_CARBONATE,   /* CO2 leaving with a cell's anode gas: carbonate crossover */
    TDM_CO2_BYPRODUCTS,  /* by-products: what they displace (a credit), fuel burnt */
    TDM_CO2_UPTAKE,      /* the CO2 fed, taken from the air or a stack (-1 kg per kg) */
    TDM_CO2_NCAUSES
};
const char *tdm_co2_cause_name(enum tdm_co2_cause c);

/* One emission of the plant per year, parallel to the cost lines where it has one. */
typedef struct tdm_co2_line {
    const char *name;
    enum tdm_co2_cause cause;
    double amount; /* per year, in amount_unit */
    const char *amount_unit;
    double intensity; /* kg CO2e per amount_unit; NAN: not assessed (no intensity) */
    const char *source;
    double co2e;        /* kg CO2e/yr (0 when not assessed) */
    double electricity; /* kWh/yr of electricity behind co2e (for the break-even grid) */
} tdm_co2_line;

/* The plant's carbon account, per kg of its main product unless said (docs/carbon.md). */
typedef struct tdm_carbon {
    bool assessed;                 /* the scenario has carbon data */
    double cause[TDM_CO2_NCAUSES]; /* kg CO2e/yr */
    double total;                  /* kg CO2e/yr */
    double per_kg;                 /* cradle to gate, kg CO2e per kg */
    double fed;                    /* kg CO2 fed per kg */
    double fixed;                  /* kg CO2 bound in a kg of the main product */
    double net_utilized;           /* fed less every emission but the uptake, kg/kg */
    double electricity;            /* kWh behind the emissions per kg */
    double grid;                   /* the electricity's intensity, kg CO2e/kWh */
    double reference;              /* the route the product is made by today; NAN */
    const char *reference_source;
    double avoided;             /* reference - per_kg */
    double abatement;           /* $ per t CO2e avoided; NAN when none avoided */
    double breakeven_grid;      /* kg CO2e/kWh at which per_kg = reference; NAN */
    int nmissing, missing_more; /* lines with no intensity */
    const char *missing[16];
} tdm_carbon;

/* A tdm_tea starts zeroed (calloc, or `= {0}`), and is evaluated again and again: it keeps
 * what repeats from one evaluation to the next (the discount factors).
 * Field order matters to tdm_tea_evaluate, which clears the figures from `direct` up to
 * `rows` in one go and the tables only by their counts. */
typedef struct tdm_tea {
    const tdm_scenario *sc;
    tdm_capex_line capex[TDM_MAX_COST_LINES];
    int ncapex;
    tdm_opex_line opex[TDM_MAX_COST_LINES];
    int nopex;
    const char *unpriced[TDM_MAX_COST_LINES]; /* units with sizes but no equipment item */
    int nunpriced, unpriced_more;             /* listed; and those past the list's end */
    double direct, indirect, fixed_capital, working_capital, total_capital;
    double indirect_part[8];
    double hours;             /* operating hours per year */
    int steps, solid_steps;   /* processing steps tended, on fluids and on solids (Turton) */
    double operators;         /* operators employed, by Turton's rule; 0 without a wage */
    double production_t;      /* main product, t/yr */
    double opex_total;        /* $/yr, revenues from by-products excluded */
    double byproduct_revenue; /* $/yr */
    double market_price;      /* $/t of main product; NAN when not priced */
    const char *market_source;
    /* the grade the market price is for (its `purity`; 0: any) and the main product's mole
     * fraction where it leaves the plant (NAN: no product outlet holds it) */
    double market_purity, product_purity;
    double lcop;              /* $/t */
    double npv, irr, payback; /* at the market price */
    tdm_cash_case cash;
    tdm_cash_year rows[TDM_MAX_YEARS + 10];
    int nrows;
    /* Levelized cost by component, $/t: capital (annuity), each operating line, and
     * "taxes and timing" (the rest: taxes, depreciation, construction, working capital). */
    double lcop_capital, lcop_replacement, lcop_rest;
    /* The carbon account: a line per emission, and its sums */
    tdm_co2_line co2[TDM_MAX_COST_LINES];
    int nco2;
    tdm_carbon carbon;
    tdm_discounts discounts; /* the cash case's memory of discount factors */
} tdm_tea;

int tdm_tea_evaluate(const tdm_results *res, const tdm_scenario *sc, tdm_tea *out, tdm_error *err);

/* One assumption a priced plant rests on, for a report. */
typedef struct tdm_assumption {
    const char *group;  /* finance, operation, indirect costs, stacks, cost data, prices */
    const char *name;   /* "discount rate", an indirect cost's or a price's name */
    char value[96];     /* as the file writes it: "10 %", "0.0815 $/kWh (2023 $)" */
    const char *source; /* its citation (tdm_scenario_cite); NULL when none is given */
    char origin[300];   /* where it came from: "FILE:LINE", "--set scenario.KEY", "default" */
    bool set;           /* changed on the command line (tdm_scenario_set) */
} tdm_assumption;
enum { TDM_MAX_ASSUMPTIONS = 128 };
/* The assumptions of t (evaluated for res): every value of the scenario in force, those the
 * file gives and the defaults it leaves, the operating hours, the indirect costs by name,
 * the stacks' lifetimes, and every price the plant pays or earns, its product's market price
 * included. Fills at most max; returns how many. */
int tdm_tea_assumptions(const tdm_tea *t, const tdm_results *res, tdm_assumption *out, int max);
/* Options of an evaluation: cost curves taken, below `small` times their base size, as the
 * straight line from zero to that size (no jump at zero and a finite slope there, for the
 * optimizer, which differentiates the cost); without the capital of unit `skip` when
 * skip >= 0 (what that unit costs the plant); `quick`: the levelized cost and NPV only,
 * without the IRR, the payback and the cash-flow table (sweeps and Monte Carlo).
 * `lines_only`: the capital lines (and `direct`), the operating lines and the emission
 * lines of the units `units` selects (indexed by unit; NULL: all), nothing else: no fixed
 * costs, no cash flow, no sums, and no main product needed (dispatch prices each part of
 * a plant apart, docs/dispatch.md). */
typedef struct tdm_tea_opts {
    double small;
    int skip;
    bool quick;
    bool lines_only;
    const bool *units;
} tdm_tea_opts;
#define TDM_TEA_OPTS_DEFAULT                                                                       \
    ((tdm_tea_opts){.small = 0, .skip = -1, .quick = false, .lines_only = false, .units = NULL})
int tdm_tea_evaluate_opts(const tdm_results *res, const tdm_scenario *sc, const tdm_tea_opts *o,
                          tdm_tea *out, tdm_error *err);

/* The inputs a levelized cost leaves out: operating lines with no price (a feed the prices
 * lack, heat no utility reaches), their names joined in buf ("C6H7N, H3BO3"); returns how
 * many. A cost with any is a lower bound, and the reports say so. */
int tdm_tea_unpriced_inputs(const tdm_tea *t, char *buf, size_t n);

#endif
