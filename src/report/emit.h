/* emit.h (private to src/report): a machine-readable report written once, in the manner of
 * Redis's replies (addReply* against RESP2 or RESP3). The report says what it holds; an
 * emitter writes it in its format. A report holds either
 *
 * - fields and tables of records, each table's columns described once (key, heading, unit:
 *   a record layout): CSV writes a table's heading row and its rows (the fields are not
 *   written: a CSV holds one table); JSON the fields, then each table as a list of records,
 *   a number with a unit as {"value": v, "unit": "u"} (sweep, tornado, energy, species); or
 * - a nested document of maps, lists and values, the shape of its JSON (tdm_emit_open,
 *   tdm_emit_value, tdm_emit_close), which CSV writes flat, as RESP2 writes a RESP3 map as
 *   an array: one value a row, `section,item,quantity,unit,value`, the section and the item
 *   (a stream, a unit, a capital line) named by tdm_emit_item, the quantity by the value's
 *   key (solve, compare, cost).
 *
 * A new machine format is one emitter (its ops below and its row in tdm_emitter_open), and
 * every report has it. */
#ifndef TANDEM_EMIT_H
#define TANDEM_EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "tandem/report.h"

/* A column: its key (a JSON key), its heading (a CSV header) and its unit (NULL: text, or a
 * number JSON writes bare, not as {"value", "unit"}; "" a plain number). Columns next to each
 * other whose keys share a prefix before a slash ("elements/C", "elements/H") are one object
 * in JSON ("elements": {"C": .., "H": ..}); names of units and keys hold no slash. */
typedef struct tdm_column {
    const char *key, *heading, *unit;
} tdm_column;

/* A cell of a row or a value of a document: text (NULL: a number), or a number (NAN: none)
 * in `unit` (NULL: the column's; in a document, a plain number, written bare); `raw` text
 * is a JSON literal (true, false, null) that CSV writes as it is (null as nothing), a `raw`
 * number one JSON writes bare whatever its unit. */
typedef struct tdm_cell {
    const char *text;
    double v;
    const char *unit;
    bool raw;
} tdm_cell;

static inline tdm_cell
tdm_text_cell(const char *text)
{
    return (tdm_cell){.text = text, .v = 0, .unit = NULL, .raw = false};
}
static inline tdm_cell
tdm_num_cell(double v)
{
    return (tdm_cell){.text = NULL, .v = v, .unit = NULL, .raw = false};
}
static inline tdm_cell
tdm_qty_cell(double v, const char *unit)
{
    return (tdm_cell){.text = NULL, .v = v, .unit = unit, .raw = false};
}
static inline tdm_cell
tdm_bool_cell(bool b)
{
    return (tdm_cell){.text = b ? "true" : "false", .v = 0, .unit = NULL, .raw = true};
}
/* a number in unit that JSON writes bare, its unit stated once for many (a cash flow's $) */
static inline tdm_cell
tdm_bare_qty_cell(double v, const char *unit)
{
    return (tdm_cell){.text = NULL, .v = v, .unit = unit, .raw = true};
}
/* text, or JSON's null when text is NULL (an empty field in CSV) */
static inline tdm_cell
tdm_text_or_null(const char *text)
{
    return (tdm_cell){.text = text ? text : "null", .v = 0, .unit = NULL, .raw = !text};
}

typedef struct tdm_emitter tdm_emitter;
typedef struct tdm_emitter_ops {
    void (*field)(tdm_emitter *e, const char *key, tdm_cell c);
    void (*list)(tdm_emitter *e, const char *key, const char *const *items, int n);
    void (*table)(tdm_emitter *e, const char *key, const tdm_column *cols, int ncols);
    void (*row)(tdm_emitter *e, const tdm_cell *cells);
    void (*end_table)(tdm_emitter *e);
    void (*end)(tdm_emitter *e);
    /* the nested document */
    void (*open)(tdm_emitter *e, const char *key, unsigned how);
    void (*close)(tdm_emitter *e);
    void (*item)(tdm_emitter *e, const char *section, const char *item);
    void (*value)(tdm_emitter *e, const char *key, const char *label, tdm_cell c);
} tdm_emitter_ops;

enum { TDM_EMIT_DEPTH = 8 };

struct tdm_emitter {
    const tdm_emitter_ops *ops;
    FILE *f;                                 /* NULL: the report goes into a document (doc) */
    struct tdm_doc *doc;                     /* tandem/doc.h */
    struct tdm_node *at[TDM_EMIT_DEPTH + 1]; /* the document's open maps and lists */
    bool failed;                             /* memory ran out: the document is not whole */
    const tdm_column *cols;
    int ncols, nitems; /* the table's columns; the document's items so far */
    long nrows;        /* the table's rows so far */
    /* the nested document: its open maps and lists, innermost last (level 0: the document) */
    int depth;
    struct tdm_emit_level {
        const char *key;
        bool list, prefix, inline_; /* a list; CSV names carry the key; JSON on one line */
        bool broken;                /* JSON breaks its lines */
        int n;                      /* its members so far */
    } level[TDM_EMIT_DEPTH + 1];
    const char *section, *item; /* CSV: what the rows are about; none: no rows */
    int item_depth;             /* the level tdm_emit_item was called at */
};

/* An emitter of format fmt writing to f: 0, or -1 when fmt has none (text, Markdown). */
int tdm_emitter_open(tdm_emitter *e, enum tdm_format fmt, FILE *f);
/* A new document and e an emitter building it (NULL when memory runs out); and the end of a
 * report into it: 0 with *out the document, or -1 (out of memory, or rc the report's
 * failure) with d freed:
 *     tdm_emitter e;
 *     tdm_doc *d = tdm_doc_begin(&e);
 *     return tdm_doc_done(d, d ? machine(&e, ...) : -1, out, err); */
struct tdm_doc *tdm_doc_begin(tdm_emitter *e);
int tdm_doc_done(struct tdm_doc *d, int rc, struct tdm_doc **out, tdm_error *err);
/* An array node under the root: rows x ncols numbers (copied), each column's key and unit. */
int tdm_doc_array(struct tdm_doc *d, const char *key, const double *data, long rows, int ncols,
                  const char *const *keys, const char *const *units);

/* A field of the document: text, or JSON's null when text is NULL; a number; any cell. */
static inline void
tdm_emit_field(tdm_emitter *e, const char *key, const char *text)
{
    e->ops->field(e, key, tdm_text_or_null(text));
}
static inline void
tdm_emit_field_cell(tdm_emitter *e, const char *key, tdm_cell c)
{
    e->ops->field(e, key, c);
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
/* How a map or list opens (tdm_emit_open), or-ed: */
enum {
    TDM_MAP = 0,    /* a map */
    TDM_LIST = 1,   /* a list */
    TDM_PREFIX = 2, /* CSV names the quantities inside `KEY.NAME` (a closure's `closure.C.in`);
                     * else by their own keys (a stream's species flows) */
    TDM_INLINE = 4, /* JSON keeps it on one line, whatever it holds (a record of numbers) */
};
/* Opens a map or a list under key (NULL: a member of a list). At most TDM_EMIT_DEPTH
 * levels. */
static inline void
tdm_emit_open(tdm_emitter *e, const char *key, unsigned how)
{
    e->ops->open(e, key, how);
}
static inline void
tdm_emit_close(tdm_emitter *e)
{
    e->ops->close(e);
}
/* What the following values are about, for CSV's section and item columns, until the map
 * or list it was named in closes (JSON writes nothing: the item's name is a value of its). */
static inline void
tdm_emit_item(tdm_emitter *e, const char *section, const char *item)
{
    e->ops->item(e, section, item);
}
/* A value under key (NULL in a list: CSV names it by the list's key). With a label, a figure
 * of a list, {"key", "label", "value", "unit"}. */
static inline void
tdm_emit_value(tdm_emitter *e, const char *key, const char *label, tdm_cell c)
{
    e->ops->value(e, key, label, c);
}
static inline void
tdm_emit_text(tdm_emitter *e, const char *key, const char *text)
{
    e->ops->value(e, key, NULL, tdm_text_cell(text));
}
static inline void
tdm_emit_qty(tdm_emitter *e, const char *key, double v, const char *unit)
{
    e->ops->value(e, key, NULL, tdm_qty_cell(v, unit));
}
static inline void
tdm_emit_num(tdm_emitter *e, const char *key, double v)
{
    e->ops->value(e, key, NULL, tdm_num_cell(v));
}

/* Ends the document: 0, or -1 when f failed. */
static inline int
tdm_emit_end(tdm_emitter *e)
{
    e->ops->end(e);
    return e->failed || (e->f && ferror(e->f)) ? -1 : 0;
}

#endif
