/* read.h (private to the library): typed readers of one key of an INI section, in the
 * manner of Lua's lauxlib (luaL_checknumber): each says what it found, and one mistake has
 * one message wherever it is made, "file:line: [section] `key = value` ...". A flowsheet's
 * units and [species.NAME] sections and a cost scenario's [scenario] read their quantities
 * through it. */
#ifndef TANDEM_READ_H
#define TANDEM_READ_H

#include "tandem/error.h"
#include "tandem/ini.h"
#include "tandem/quantity.h"

/* The section read: the file it is in, its name as messages show it, its keys. */
typedef struct tdm_reader {
    const char *path, *name;
    const tdm_section *sec;
} tdm_reader;

/* Key `key` as a quantity of kind k within [min, max] (SI) into *out: 1 present, 0 absent,
 * -1 with err filled: an empty value, text that is no quantity, a quantity of another kind
 * (or none: a bare number for a kind with a unit), or one out of range, which is shown in
 * the unit the file wrote (a fraction written 90 where 90 % was meant is named). */
int tdm_read_quantity(const tdm_reader *r, const char *key, tdm_qkind k, double min, double max,
                      double *out, tdm_error *err);

/* Refuses kv as a key the section does not take, with the one message of every reader
 * (tdm_text_unknown_key: the near key, else those accepted; " for WHAT" when what is not
 * NULL): -1. */
int tdm_read_unknown_key(const tdm_reader *r, const tdm_kv *kv, const char *what,
                         const char *const *known, int n, tdm_error *err);

#endif
