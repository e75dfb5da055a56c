/* emit.h (private to src/report): a machine-readable report written once, in the manner of
 * Redis's replies (addReply* against RESP2 or RESP3). The report says what it holds, a
 * document of fields and tables of records, each table's columns described once (key,
 * heading, unit: a record layout); an emitter writes it in its format. CSV: a table's
 * heading row and its rows (the fields are not written: a CSV holds one table); JSON: the
 * fields, then each table as a list of records, a number with a unit as
 * {"value": v, "unit": "u"}. A new machine format is one emitter (its ops below and its row
 * in tdm_emitter_open), and every report written this way has it. */
#ifndef TANDEM_EMIT_H
#define TANDEM_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "tandem/report.h"

/* A column: its key (a JSON key), its heading (a CSV header) and its unit (NULL: text; ""
 * a plain number). */
typedef struct tdm_column {
    const char *key, *heading, *unit;
} tdm_column;

/* A cell of a row: text (NULL: a number), or a number (NAN: none) in `unit` (NULL: the
 * column's). */
typedef struct tdm_cell {
    const char *text;
    double v;
    const char *unit;
} tdm_cell;

static inline tdm_cell
tdm_text_cell(const char *text)
{
    return (tdm_cell){.text = text, .v = 0, .unit = NULL};
}
static inline tdm_cell
tdm_num_cell(double v)
{
    return (tdm_cell){.text = NULL, .v = v, .unit = NULL};
}
static inline tdm_cell
tdm_qty_cell(double v, const char *unit)
{
    return (tdm_cell){.text = NULL, .v = v, .unit = unit};
}

typedef struct tdm_emitter tdm_emitter;
typedef struct tdm_emitter_ops {
    void (*field)(tdm_emitter *e, const char *key, const char *text);
    void (*list)(tdm_emitter *e, const char *key, const char *const *items, int n);
    void (*table)(tdm_emitter *e, const char *key, const tdm_column *cols, int ncols);
    void (*row)(tdm_emitter *e, const tdm_cell *cells);
    void (*end_table)(tdm_emitter *e);
    void (*end)(tdm_emitter *e);
} tdm_emitter_ops;

struct tdm_emitter {
    const tdm_emitter_ops *ops;
    FILE *f;
    const tdm_column *cols;
    int ncols, nitems; /* the table's columns; the document's items so far */
    long nrows;        /* the table's rows so far */
};

/* An emitter of format fmt writing to f: 0, or -1 when fmt has none (text, Markdown). */
int tdm_emitter_open(tdm_emitter *e, enum tdm_format fmt, FILE *f);

static inline void
tdm_emit_field(tdm_emitter *e, const char *key, const char *text)
{
    e->ops->field(e, key, text);
}
static inline void
tdm_emit_list(tdm_emitter *e, const char *key, const char *const *items, int n)
{
    e->ops->list(e, key, items, n);
}
static inline void
tdm_emit_table(tdm_emitter *e, const char *key, const tdm_column *cols, int ncols)
{
    e->ops->table(e, key, cols, ncols);
}
static inline void
tdm_emit_row(tdm_emitter *e, const tdm_cell *cells)
{
    e->ops->row(e, cells);
}
static inline void
tdm_emit_end_table(tdm_emitter *e)
{
    e->ops->end_table(e);
}
/* Ends the document: 0, or -1 when f failed. */
static inline int
tdm_emit_end(tdm_emitter *e)
{
    e->ops->end(e);
    return ferror(e->f) ? -1 : 0;
}

#endif
