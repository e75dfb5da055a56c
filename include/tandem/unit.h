/* tandem/unit.h: what a unit kind is, and the helpers it uses.
 *
 * A unit kind is one file in src/units/ that fills one tdm_unit_kind and one line in
 * src/units/registry.c. It knows its physics and nothing about files:
 *   parse     reads its keys from its section (helpers below give file:line errors) into
 *             its own data struct, and registers the species it needs;
 *   declare   adds its columns and linear rows to the model; called again in update mode
 *             after a parameter change, it must declare the same rows in the same order;
 *   results   turns the solution into the numbers of the unit table;
 *   states    sets the temperature and pressure of its outlets (NULL: pass-through);
 *   energy    splits its heat duty, which the results module takes from the unit's
 *             enthalpy balance, into parts with temperatures (NULL: one duty);
 *   size      tells the cost module how big the solved unit is (area, power, flow, volume)
 *             and which equipment items price it by default (NULL: nothing to price).
 * Ports (inlets and outlets) are read by the flowsheet from the keys the kind lists. */
#ifndef TANDEM_UNIT_H
#define TANDEM_UNIT_H

#include <stdbool.h>
#include <stddef.h>

#include "tandem/arena.h"
#include "tandem/error.h"
#include "tandem/flowsheet.h"
#include "tandem/ini.h"
#include "tandem/model.h"
#include "tandem/quantity.h"
#include "tandem/results.h"
#include "tandem/species.h"

enum tdm_port_dir { TDM_PORT_IN, TDM_PORT_OUT };

typedef struct tdm_port_spec {
    const char *key; /* "in", "out", "cathode_out" */
    enum tdm_port_dir dir;
    int min, max; /* how many streams the key may list */
    const char *doc;
} tdm_port_spec;

typedef struct tdm_key_spec {
    const char *key; /* "current_density"; "fe.*" matches fe.<species> */
    const char *doc;
} tdm_key_spec;

typedef struct tdm_port {
    int *streams;
    int n, line;
} tdm_port;

typedef struct tdm_unit_kind tdm_unit_kind;

/* What an equipment cost curve can be scaled by. */
enum tdm_basis {
    TDM_BASIS_AREA,        /* m2: electrolyzer active area */
    TDM_BASIS_POWER,       /* W: electric or shaft power */
    TDM_BASIS_GAS_FLOW,    /* m3/s of gas treated (normal, or at given densities) */
    TDM_BASIS_LIQUID_FLOW, /* m3/s of liquid treated (at 1000 kg/m3) */
    TDM_BASIS_MASS_FLOW,   /* kg/s treated */
    TDM_BASIS_DUTY,        /* W of heat exchanged */
    TDM_BASIS_VOLUME,      /* m3 of vessel */
    TDM_BASIS_VESSEL_MASS, /* kg of vessel shell */
    TDM_BASIS_CO2_FLOW,    /* kg/s of CO2 recovered */
    TDM_NBASIS
};
const char *tdm_basis_name(enum tdm_basis b); /* "area", "power", ... */
int tdm_basis_find(const char *name);         /* -1 when unknown */

enum { TDM_MAX_ITEMS = 4 };

typedef struct tdm_unit_size {
    double size[TDM_NBASIS];          /* SI; NAN where the unit has no such size */
    const char *items[TDM_MAX_ITEMS]; /* default equipment items */
    int nitems;
    /* An all-in cost per amount treated, capital and energy included (a published
     * correlation in $ per t recovered): amount in kg/s at price $/kg; 0: none. */
    double service_kg_s, service_price;
    const char *service_label, *service_source;
    /* The processing steps an operator tends, for the labour rule of Turton et al.
     * (docs/economics.md): steps on fluids (reactors, cells, columns, compressors, exchangers;
     * not pumps, drums or tanks) and steps that handle particulate solids. 0 unless set. */
    int steps, solid_steps;
} tdm_unit_size;

struct tdm_unit {
    int index;
    const char *name;
    const tdm_unit_kind *kind;
    const tdm_section *sec;
    tdm_flowsheet *fs;
    tdm_port *ports; /* parallel to kind->ports */
    void *data;      /* kind->data_size bytes, zeroed before each parse */
    int col0;        /* the first model column the unit declares (results read its own) */
    /* What parse found doubtful but legal (a default the file did not choose): a fixed text,
     * and its line (0: the section's); cleared before each parse. tdm_simulate reports it
     * as "FILE:LINE: warning: [unit] TEXT". */
    const char *warning;
    int warning_line;
};

struct tdm_unit_kind {
    const char *name;
    const char *summary;
    /* Its presentation, so that no code outside the kind's file names the kind: its
     * equations in symbols (`tandem explain`); its node in a diagram (Graphviz shape and
     * fill; NULL: a white box); the cost line of the electricity units of the kind use
     * ("electricity: pumps"); electrochemical: a cell, whose electricity a layout's report
     * counts apart (the voltage it would need to win). */
    const char *legend;
    const char *shape, *fill;
    const char *electricity_label;
    bool electrochemical;
    const tdm_port_spec *ports; /* ends with {NULL} */
    const tdm_key_spec *keys;   /* ends with {NULL}; "kind" and ports are implied */
    /* The keys that set the unit's operating point, which a study varies when told nothing
     * else (`tandem serve`'s sliders, a cost report's sensitivity); ends with NULL, or NULL
     * for none. */
    const char *const *main_keys;
    size_t data_size;
    int (*parse)(tdm_unit *u, tdm_error *err);
    int (*declare)(const tdm_unit *u, tdm_model *m, tdm_error *err);
    void (*results)(const tdm_unit *u, const double *x, tdm_results *res, tdm_unit_result *r);
    void (*states)(const tdm_unit *u, tdm_results *res);
    /* Splits the unit's heat duty q_total = H_out - H_in - electricity (computed by the
     * results module from the streams) into duties with temperatures, and may add figures
     * that need it. NULL: one duty at the hottest outlet (or inlet) temperature. */
    void (*energy)(const tdm_unit *u, tdm_results *res, tdm_unit_result *r, double q_total);
    /* Fills the unit's sizes (all NAN on entry) and default equipment items. */
    void (*size)(const tdm_unit *u, const tdm_results *res, const tdm_unit_result *r,
                 tdm_unit_size *s);
    /* Changes one numeric key to si (SI) in place, without re-reading the section, whose
     * text the flowsheet has already changed: 0 done, 1 not handled here (the flowsheet
     * re-reads the section), -1 refused with the same message parse would give. NULL:
     * always re-read. Sweeps and Monte Carlo use it. */
    int (*set)(tdm_unit *u, const char *key, double si, tdm_error *err);
    /* After a solve: numbers of the unit that depend on the solved streams (a cell's
     * limiting current on its inlet's composition) taken from x; *changed when any moved,
     * and the unit's rows are then rewritten and the flowsheet solved again
     * (tdm_flowsheet_refine, in tdm_simulate). NULL: nothing to refine. */
    int (*refine)(tdm_unit *u, const double *x, bool *changed, tdm_error *err);
    /* Puts what refine moves back where a reading of the section starts it, so that a
     * study's point depends on the numbers set, not on the points solved before it
     * (tdm_flowsheet_restart); *changed when any moved. NULL: refine keeps nothing. */
    int (*restart)(tdm_unit *u, bool *changed, tdm_error *err);
    /* Whether a study may vary `key`: NULL when everything that physically depends on it
     * follows it; else what would stay fixed and which keys would make it follow (a
     * cell's voltage and selectivity when its current density moves). Studies and the
     * optimizer refuse such a key (tdm_flowsheet_stays). NULL: every key may vary. */
    const char *(*stays)(const tdm_unit *u, const char *key);
};

/* The registry (src/units/registry.c). */
int tdm_unit_kind_count(void);
const tdm_unit_kind *tdm_unit_kind_get(int i);
const tdm_unit_kind *tdm_unit_kind_find(const char *name);

/* ---- helpers for parse ---- */
const char *tdm_unit_file(const tdm_unit *u);
tdm_arena *tdm_unit_arena(const tdm_unit *u);
/* Reads the CSV table a key of the unit names (a performance map, a polarization curve):
 * its path is relative to the flowsheet's file, and a file that cannot be read is the key's
 * line's fault ("cannot read WHAT: why"). *path is the path read (in the flowsheet's
 * arena), which messages about the table's own rows name; t's rows are malloc'ed
 * (free(t->rows)). 0, or -1 with err. */
struct tdm_table;
int tdm_unit_read_table(const tdm_unit *u, const tdm_kv *kv, const char *what, struct tdm_table *t,
                        const char **path, tdm_error *err);
/* "file:line: [name] message", class TDM_EINPUT; returns -1. line 0 = the section line. */
int tdm_unit_error(const tdm_unit *u, int line, tdm_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
const tdm_kv *tdm_unit_kv(const tdm_unit *u, const char *key);
/* Reads a quantity of kind k within [min, max] (SI). Returns 1 when present, 0 when absent
 * (out untouched), -1 on error (wrong unit, out of range), with the accepted units named. */
int tdm_unit_quantity(const tdm_unit *u, const char *key, tdm_qkind k, double min, double max,
                      double *out, tdm_error *err);
/* As above but absent is an error. */
int tdm_unit_require(const tdm_unit *u, const char *key, tdm_qkind k, double min, double max,
                     double *out, tdm_error *err);
/* Reads one of the words in choices (NULL-terminated); returns the index, -1 on error; when
 * absent returns def. */
int tdm_unit_choice(const tdm_unit *u, const char *key, const char *const *choices, int def,
                    tdm_error *err);
/* Species ids run from 0 to TDM_MAX_SPECIES - 1 (the built-in ones and a flowsheet's own),
 * so a kind may keep a table indexed by species id. */
enum { TDM_MAX_SPECIES = 128 };
/* A species name in a key suffix or value: registers it with the flowsheet and returns its
 * species id, or -1 with an error naming line and a near match. */
int tdm_unit_species(tdm_unit *u, const char *name, int line, tdm_error *err);
/* Registers a species id the unit needs (H2O, O2, ...). */
int tdm_unit_use_species(tdm_unit *u, int species, tdm_error *err);

/* ---- helpers for declare and results ---- */
int tdm_unit_nspecies(const tdm_unit *u);
int tdm_unit_species_id(const tdm_unit *u, int k);                /* column order -> species id */
const tdm_species *tdm_unit_species_at(const tdm_unit *u, int k); /* column order */
const tdm_species *tdm_unit_species_info(const tdm_unit *u, int id);
int tdm_unit_species_index(const tdm_unit *u, int id); /* species id -> column order, -1 */
/* Streams of port p (index in kind->ports) */
int tdm_unit_port_n(const tdm_unit *u, int p);
int tdm_unit_port_stream(const tdm_unit *u, int p, int i);
/* Column of species k in stream s. */
int tdm_unit_col(const tdm_unit *u, int stream, int k);
const char *tdm_unit_stream_name(const tdm_unit *u, int stream);

#endif
