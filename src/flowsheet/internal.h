/* internal.h (private to src/flowsheet): the flowsheet's own data. */
#ifndef TANDEM_FLOWSHEET_INTERNAL_H
#define TANDEM_FLOWSHEET_INTERNAL_H

#include "tandem/unit.h"

#include "strmap.h"

enum { TDM_MAX_CUSTOM_SPECIES = 64 };

struct fs_stream {
    const char *name;
    int src, dst; /* unit index, -1 none yet */
    int src_line, dst_line;
    int col0; /* first model column, -1 before build */
};

struct tdm_flowsheet {
    tdm_arena *arena;
    const char *path;
    tdm_section *secs;
    int nsecs, capsecs;
    const tdm_section *fsec; /* [flowsheet], may be NULL */
    const tdm_section *osec; /* [optimize], may be NULL */
    const tdm_section *usec; /* [uncertainty], may be NULL */
    const tdm_section *csec; /* [consumables], may be NULL */
    const char *title, *description;
    const char *scenario; /* [flowsheet] scenario = PATH, or NULL */
    int scenario_line;
    int main_product, key_reactant;
    tdm_unit *units;
    int nunits;
    struct fs_stream *streams;
    int nstreams, capstreams;
    tdm_species custom[TDM_MAX_CUSTOM_SPECIES]; /* from [species.NAME] sections */
    int ncustom;
    int species[TDM_MAX_SPECIES]; /* column order -> species id */
    int nspecies;
    int local[TDM_MAX_SPECIES]; /* species id -> column order, -1 */
    bool built;
    tdm_strmap stream_names, unit_names; /* name -> index */
    tdm_valbufs set_values;              /* values changed by tdm_flowsheet_set */
    tdm_strmap interned;                 /* text -> index in texts (tdm_flowsheet_intern) */
    const char **texts;
    int ntexts, captexts;
    bool *pending;   /* per unit: numbers changed in place, rows not yet rewritten */
    tdm_lazies lazy; /* numbers set in place, text not yet written (tdm_flowsheet_set_number) */
};

#endif
