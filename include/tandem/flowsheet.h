/* tandem/flowsheet.h: a flowsheet read from an INI file.
 *
 *     tdm_flowsheet *fs;
 *     if (tdm_flowsheet_load("flowsheets/soec_mea.ini", &fs, &err)) -> print err.msg, exit 2
 *     tdm_model *m;
 *     tdm_flowsheet_build(fs, &m, &err);      declares every unit's rows into one model
 *     ...solve (tandem/simulate.h)...
 *     tdm_flowsheet_set(fs, m, "cell2", "current_density", "250 mA/cm2", &err);
 *     ...solve again, warm...
 *     tdm_model_free(m); tdm_flowsheet_free(fs);
 *
 * Loading parses the file (inih), makes each section a unit of its kind, joins units by
 * stream names (each stream has exactly one source and one sink) and lets each unit kind
 * read and check its own keys. Every problem found is an error naming file:line. */
#ifndef TANDEM_FLOWSHEET_H
#define TANDEM_FLOWSHEET_H

#include "tandem/arena.h"
#include "tandem/error.h"
#include "tandem/ini.h"
#include "tandem/model.h"

typedef struct tdm_flowsheet tdm_flowsheet;
typedef struct tdm_unit tdm_unit;

/* Limits that keep hostile input from exhausting memory; each gives a clear error (see
 * also tandem/ini.h). */
enum {
    TDM_MAX_UNITS = 100000,
};

int tdm_flowsheet_load(const char *path, tdm_flowsheet **fs, tdm_error *err);
/* Same from text in memory; `path` is only used in messages. */
int tdm_flowsheet_load_string(const char *text, size_t len, const char *path, tdm_flowsheet **fs,
                              tdm_error *err);
void tdm_flowsheet_free(tdm_flowsheet *fs);

const char *tdm_flowsheet_path(const tdm_flowsheet *fs);
const char *tdm_flowsheet_title(const tdm_flowsheet *fs);
const char *tdm_flowsheet_description(const tdm_flowsheet *fs);
/* The cost scenario the flowsheet names ([flowsheet] scenario = PATH, relative to the
 * flowsheet's file), or NULL; *line gets its line. */
const char *tdm_flowsheet_scenario(const tdm_flowsheet *fs, int *line);
/* The flowsheet's arena: strings that live as long as it does. */
tdm_arena *tdm_flowsheet_arena(const tdm_flowsheet *fs);
/* A copy of text that lives as long as the flowsheet, kept once: the same text gives the
 * same pointer, so a section read again and again (a study) does not grow the arena.
 * NULL when memory runs out. */
const char *tdm_flowsheet_intern(tdm_flowsheet *fs, const char *text);
/* The [optimize] section (tandem/optimize.h reads it), or NULL. */
const tdm_section *tdm_flowsheet_optimize_section(const tdm_flowsheet *fs);
/* The [uncertainty] section (tandem/study.h reads it), or NULL. */
const tdm_section *tdm_flowsheet_uncertainty_section(const tdm_flowsheet *fs);
/* [consumables]: ITEM = amount used per amount of the main product (kg/t); NULL: none */
const tdm_section *tdm_flowsheet_consumables_section(const tdm_flowsheet *fs);
/* Species id (tandem/species.h) of the main product and of the plant's key reactant. */
int tdm_flowsheet_main_product(const tdm_flowsheet *fs);
int tdm_flowsheet_key_reactant(const tdm_flowsheet *fs);

int tdm_flowsheet_nunits(const tdm_flowsheet *fs);
const tdm_unit *tdm_flowsheet_unit(const tdm_flowsheet *fs, int i);
int tdm_flowsheet_find_unit(const tdm_flowsheet *fs, const char *name);
/* "UNIT.KEY" (a --set, a study's parameter, an [optimize] key after its prefix): the unit
 * is the longest unit name followed by a dot and a key, since a name may hold dots itself
 * (`stage.1.current_density`); its index, *key pointing into s, or -1. */
int tdm_flowsheet_unit_key(const tdm_flowsheet *fs, const char *s, const char **key);

int tdm_flowsheet_nstreams(const tdm_flowsheet *fs);
const char *tdm_flowsheet_stream_name(const tdm_flowsheet *fs, int s);
int tdm_flowsheet_stream_source(const tdm_flowsheet *fs, int s); /* unit index */
int tdm_flowsheet_stream_sink(const tdm_flowsheet *fs, int s);
/* First model column of stream s: species k (0..nspecies-1) is column col0 + k. */
int tdm_flowsheet_stream_col(const tdm_flowsheet *fs, int s);

/* The species the flowsheet uses, in column order. Species ids count the built-in table
 * first, then the flowsheet's own [species.NAME] sections. */
int tdm_flowsheet_nspecies(const tdm_flowsheet *fs);
int tdm_flowsheet_species(const tdm_flowsheet *fs, int k); /* species id */
const struct tdm_species *tdm_flowsheet_species_at(const tdm_flowsheet *fs, int k);
const struct tdm_species *tdm_flowsheet_species_info(const tdm_flowsheet *fs, int id);
int tdm_flowsheet_find_species(const tdm_flowsheet *fs, const char *name); /* -1 if none */

/* Declare the whole model: stream columns, then every unit's rows. */
int tdm_flowsheet_build(tdm_flowsheet *fs, tdm_model **model, tdm_error *err);

/* Change one key of one unit ("cell2", "current_density", "250 mA/cm2"), re-read the unit
 * and rewrite its coefficients in the model in place (model may be NULL). Changed values
 * are kept in two buffers per key used in turn (a million changes do not grow memory): a
 * pointer to a key's value stays valid until the key is changed twice more; copy it to
 * keep it longer. */
int tdm_flowsheet_set(tdm_flowsheet *fs, tdm_model *model, const char *unit, const char *key,
                      const char *value, tdm_error *err);
/* The same for a number: si in SI; shown, the unit its text is written in ("V", "mA/cm2",
 * "C"; "" or NULL for none), and suffix, text kept after the number (NULL for none). A kind
 * that can change the key in place does so without re-reading its section: its rows are
 * rewritten once, by tdm_flowsheet_flush (which tdm_simulate calls first), however many of
 * its keys change before the next solve, and the key's text is written only when something
 * reads it (tdm_unit_kv), so a study changing numbers at every sample formats none. */
int tdm_flowsheet_set_number(tdm_flowsheet *fs, tdm_model *model, const char *unit, const char *key,
                             double si, const char *shown, const char *suffix, tdm_error *err);
/* A key the unit's section gives, found once, for a study that sets it at every sample:
 * the same checks as tdm_flowsheet_set, made once; tdm_flowsheet_set_ref then works as
 * tdm_flowsheet_set_number without looking anything up. */
typedef struct tdm_key_ref {
    int unit; /* index of the unit */
    int kv;   /* index of the key in its section */
} tdm_key_ref;
/* Each unit's refine hook at the solution x: *changed is set when a unit's numbers moved,
 * and those units' rows are rewritten at the next tdm_flowsheet_flush. */
int tdm_flowsheet_refine(tdm_flowsheet *fs, const double *x, bool *changed, tdm_error *err);
/* Each unit's restart hook: what refine moved starts again from where a reading of the file
 * starts it (the units that moved are rewritten at the next flush). A study calls it before
 * each point, so that the point's answer does not depend on the path to it (the fixed point
 * refine converges to is met to a tolerance, from wherever it starts). */
int tdm_flowsheet_restart(tdm_flowsheet *fs, tdm_error *err);
/* Whether a study may vary unit.key: NULL, or what would stay fixed while the key moves and
 * the keys that would make it follow (tdm_unit_kind.stays), for the study's message. */
const char *tdm_flowsheet_stays(const tdm_flowsheet *fs, const char *unit, const char *key);
int tdm_flowsheet_key_ref(const tdm_flowsheet *fs, const char *unit, const char *key,
                          tdm_key_ref *ref, tdm_error *err);
int tdm_flowsheet_set_ref(tdm_flowsheet *fs, tdm_model *model, tdm_key_ref ref, double si,
                          const char *shown, const char *suffix, tdm_error *err);
int tdm_flowsheet_flush(tdm_flowsheet *fs, tdm_model *model, tdm_error *err);

#endif
