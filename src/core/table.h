/* table.h (private to the library): a CSV file as rows of text fields with line numbers. */
#ifndef TANDEM_CORE_TABLE_H
#define TANDEM_CORE_TABLE_H

#include "tandem/arena.h"
#include "tandem/error.h"

typedef struct tdm_row {
    int line; /* where the row starts */
    int n;
    char **f; /* fields, trimmed, in the arena */
} tdm_row;

typedef struct tdm_table {
    const char *path;
    tdm_row *rows; /* rows[0] is the header; blank rows and rows whose first field starts
                      with '#' are dropped */
    int nrows;
} tdm_table;

/* Reads a CSV file with libcsv (strict quoting: a stray quote is an error at its line).
 * Every row must have as many fields as the header; a row that does not is an error naming
 * file:line:column. Strings live in the arena; the row array is malloc'ed (free rows). */
int tdm_table_read(const char *path, tdm_arena *a, tdm_table *t, tdm_error *err);
int tdm_table_read_string(const char *text, size_t len, const char *path, tdm_arena *a,
                          tdm_table *t, tdm_error *err);
/* Column of a header name, -1 when absent. */
int tdm_table_column(const tdm_table *t, const char *name);

#endif
