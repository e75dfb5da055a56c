/* tandem/ini.h: INI text as sections of `key = value` lines, each with its line number.
 *
 * inih parses; tandem feeds it through its own line reader, which numbers lines, removes
 * comments (`;` or `#` at the start or after a blank; one after a value is kept with its
 * key, as the value's source) and indentation, accepts CRLF and a
 * UTF-8 BOM, and records section headers so that empty and repeated sections are seen.
 * Errors name the file and line. Flowsheets and cost scenarios are read with it. */
#ifndef TANDEM_INI_H
#define TANDEM_INI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tandem/arena.h"
#include "tandem/error.h"

/* Limits that keep hostile input from exhausting memory; each gives a clear error. The
 * largest file read whole (a flowsheet, a scenario, a cost table) is 64 MiB, enough for a
 * flowsheet of 100,000 units; $TANDEM_MAX_FILE_MB sets another (1 to 4096), and
 * tdm_max_file_bytes() says which is in force. */
enum {
    TDM_DEFAULT_MAX_FILE_BYTES = 64 << 20,
    TDM_MAX_KEYS_PER_SECTION = 1000,
};
size_t tdm_max_file_bytes(void);

typedef struct tdm_kv {
    const char *key, *value;
    const char *comment; /* the comment after the value on its line (its source), or NULL */
    int line;
    bool set; /* changed after it was read (tdm_scenario_set, tdm_flowsheet_set) */
    int lazy; /* > 0: value is out of date; the flowsheet holds a newer number for the key
               * (a number set in place) and writes it when the key is read */
} tdm_kv;

typedef struct tdm_section {
    const char *name;
    int line;
    tdm_kv *kv;
    int nkv, cap;
} tdm_section;

/* A document: sections in file order; strings live in the caller's arena, the section
 * array is malloc'ed (free(doc->secs)). */
typedef struct tdm_ini {
    tdm_arena *arena;
    const char *path;
    tdm_section *secs;
    int nsecs, capsecs;
} tdm_ini;

/* Reads a whole file (at most tdm_max_file_bytes()) into a malloc'ed buffer, NUL-terminated
 * (the NUL not counted in len; the text may hold NULs of its own); returns 0 or -1 with the
 * reason. */
int tdm_read_file(const char *path, char **text, size_t *len, tdm_error *err);
/* Opens a file to read as a stream (any size: a Monte Carlo shard of millions of samples),
 * noted as an input like tdm_read_file's (tandem/io.h); NULL with the reason in err. */
FILE *tdm_open_input(const char *path, tdm_error *err);

/* Reads len bytes of INI text into doc (arena and path set by the caller). Returns 0, or
 * -1 with a file:line error (a repeated section or key, a key outside a section, a line
 * that is neither, more than max_sections sections, binary data). */
int tdm_ini_read(tdm_ini *doc, const char *text, size_t len, int max_sections, tdm_error *err);

const tdm_section *tdm_ini_section(const tdm_ini *doc, const char *name);
const tdm_kv *tdm_ini_kv(const tdm_section *s, const char *key);
/* Appends key = value to a section; -1 when out of memory. */
int tdm_ini_add(tdm_arena *a, tdm_section *s, const char *key, const char *value, int line);
/* Letters, digits, `_`, `-` and `.`, at least one. */
bool tdm_ini_valid_name(const char *s);

#endif
