/* doc.c: a report as a document in memory (tandem/doc.h), the emitter that builds it
 * (emit.h), and the reading of its nodes. Every node and string lives in the document's
 * arena; members are kept as a linked list (a table's rows too), so nothing is ever grown
 * in place, and a row's cells are one block. */
#include "tandem/doc.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "tandem/arena.h"

struct tdm_node {
    tdm_node_view v;
    tdm_node *last;         /* the last member, where the next is linked */
    const tdm_column *cols; /* TABLE, ARRAY: ncols of them, in the arena */
    bool *own_units;        /* TABLE: a column some of whose cells have units of their own */
};

struct tdm_doc {
    tdm_arena *arena;
    tdm_node root;
};

static void doc_start(tdm_emitter *e, tdm_doc *d);

tdm_doc *
tdm_doc_begin(tdm_emitter *e)
{
    tdm_doc *d = calloc(1, sizeof *d);
    if (!d || !(d->arena = tdm_arena_new())) {
        free(d);
        return NULL;
    }
    d->root.v.kind = TDM_NODE_MAP;
    doc_start(e, d);
    return d;
}

void
tdm_doc_free(tdm_doc *d)
{
    if (!d) return;
    tdm_arena_free(d->arena);
    free(d);
}

const tdm_node *
tdm_doc_root(const tdm_doc *d)
{
    return &d->root;
}

int
tdm_doc_done(tdm_doc *d, int rc, tdm_doc **out, tdm_error *err)
{
    *out = NULL;
    if (rc == 0) {
        *out = d;
        return 0;
    }
    tdm_doc_free(d);
    return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory while making the report");
}

/* ---- building ------------------------------------------------------------------------ */

static const char *
dup(tdm_emitter *e, const char *s)
{
    if (!s) return NULL;
    char *c = tdm_arena_strdup(e->doc->arena, s);
    if (!c) e->failed = true;
    return c;
}

static void
link_node(tdm_node *parent, tdm_node *n)
{
    if (parent->last)
        parent->last->v.next = n;
    else
        parent->v.first = n;
    parent->last = n;
    parent->v.count++;
}

/* A new member of the innermost open map or list (or of the table being written). */
static tdm_node *
add(tdm_emitter *e, tdm_node *parent, int kind, const char *key)
{
    tdm_node *n = tdm_arena_alloc(e->doc->arena, sizeof *n);
    if (!n) {
        e->failed = true;
        return NULL;
    }
    n->v.kind = kind;
    n->v.key = dup(e, key);
    link_node(parent, n);
    return n;
}

/* A cell's content into node n (its kind, number or text, unit): col_unit is the column's. */
static void
fill(tdm_emitter *e, tdm_node *n, tdm_cell c, const char *col_unit)
{
    if (c.text && c.raw) {
        /* a JSON literal: null, true, false, or a whole number written exactly (a seed) */
        if (!strcmp(c.text, "null")) {
            n->v.kind = TDM_NODE_NULL;
        } else if (!strcmp(c.text, "true") || !strcmp(c.text, "false")) {
            n->v.kind = TDM_NODE_BOOL;
            n->v.number = !strcmp(c.text, "true");
        } else {
            n->v.kind = TDM_NODE_NUMBER;
            n->v.number = strtod(c.text, NULL);
            n->v.text = dup(e, c.text);
        }
    } else if (c.text) {
        n->v.kind = TDM_NODE_TEXT;
        n->v.text = dup(e, c.text);
    } else {
        n->v.kind = TDM_NODE_NUMBER;
        n->v.number = c.v;
        /* no unit: JSON writes the number alone; nor with a unit stated once (raw) */
        n->v.unit = dup(e, c.unit ? c.unit : col_unit);
        n->v.bare = c.raw && n->v.unit;
    }
}

static tdm_node *
top(tdm_emitter *e)
{
    return e->at[e->depth] ? e->at[e->depth] : &e->doc->root;
}

static void
doc_field(tdm_emitter *e, const char *key, tdm_cell c)
{
    tdm_node *n = add(e, &e->doc->root, TDM_NODE_NULL, key);
    if (n) fill(e, n, c, NULL);
}

static void
doc_list(tdm_emitter *e, const char *key, const char *const *items, int k)
{
    tdm_node *l = add(e, &e->doc->root, TDM_NODE_LIST, key);
    for (int i = 0; l && i < k; i++) {
        tdm_node *n = add(e, l, TDM_NODE_TEXT, NULL);
        if (n) n->v.text = dup(e, items[i]);
    }
}

static void
doc_table(tdm_emitter *e, const char *key, const tdm_column *cols, int ncols)
{
    tdm_node *t = add(e, &e->doc->root, TDM_NODE_TABLE, key);
    tdm_column *c = t ? tdm_arena_calloc(e->doc->arena, (size_t)ncols + 1, sizeof *c) : NULL;
    e->at[0] = NULL;
    if (!c) {
        e->failed = true;
        return;
    }
    for (int i = 0; i < ncols; i++)
        c[i] = (tdm_column){dup(e, cols[i].key), dup(e, cols[i].heading), dup(e, cols[i].unit)};
    t->cols = c;
    t->v.ncols = ncols;
    if (!(t->own_units = tdm_arena_calloc(e->doc->arena, (size_t)ncols + 1, sizeof(bool)))) {
        e->failed = true;
        return;
    }
    e->at[0] = t; /* the table being written, until end_table */
    e->cols = cols;
    e->ncols = ncols;
}

static void
doc_row(tdm_emitter *e, const tdm_cell *cells)
{
    tdm_node *t = e->at[0];
    if (!t) return; /* the table could not be made: failed is set */
    tdm_node *r = add(e, t, TDM_NODE_ROW, NULL);
    tdm_node *c = r ? tdm_arena_calloc(e->doc->arena, (size_t)t->v.ncols, sizeof *c) : NULL;
    if (!c) {
        e->failed = true;
        return;
    }
    r->v.ncols = t->v.ncols;
    for (int i = 0; i < t->v.ncols; i++) {
        c[i].v.key = t->cols[i].key;
        fill(e, &c[i], cells[i], t->cols[i].unit);
        if (!cells[i].text && cells[i].unit &&
            (!t->cols[i].unit || strcmp(cells[i].unit, t->cols[i].unit)))
            t->own_units[i] = true;
        if (i) c[i - 1].v.next = &c[i];
    }
    r->v.first = c;
    r->last = &c[t->v.ncols - 1];
    r->v.count = t->v.ncols;
}

static void
doc_end_table(tdm_emitter *e)
{
    e->at[0] = NULL;
}

static void
doc_end(tdm_emitter *e)
{
    (void)e;
}

static void
doc_open(tdm_emitter *e, const char *key, unsigned how)
{
    if (e->depth == TDM_EMIT_DEPTH) {
        e->failed = true; /* a report deeper than the emitters allow: a bug of the report */
        return;
    }
    tdm_node *n = add(e, top(e), how & TDM_LIST ? TDM_NODE_LIST : TDM_NODE_MAP, key);
    e->at[++e->depth] = n;
}

static void
doc_close(tdm_emitter *e)
{
    if (e->depth > 0) e->at[e->depth--] = NULL;
}

static void
doc_item(tdm_emitter *e, const char *section, const char *item)
{
    (void)e, (void)section, (void)item;
}

static void
doc_value(tdm_emitter *e, const char *key, const char *label, tdm_cell c)
{
    tdm_node *parent = top(e);
    bool in_list = parent->v.kind == TDM_NODE_LIST;
    /* a figure keeps its key in a list too: {"key", "label", "value", "unit"} */
    tdm_node *n = add(e, parent, TDM_NODE_NULL, in_list && !label ? NULL : key);
    if (!n) return;
    fill(e, n, c, NULL);
    n->v.label = dup(e, label);
    /* a figure's unit is always written, "" for a plain number */
    if (label && n->v.kind == TDM_NODE_NUMBER && !n->v.unit) n->v.unit = "";
}

static const tdm_emitter_ops doc_ops = {doc_field, doc_list, doc_table, doc_row,  doc_end_table,
                                        doc_end,   doc_open, doc_close, doc_item, doc_value};

static void
doc_start(tdm_emitter *e, tdm_doc *d)
{
    *e = (tdm_emitter){.ops = &doc_ops, .f = NULL, .doc = d};
}

int
tdm_doc_array(tdm_doc *d, const char *key, const double *data, long rows, int ncols,
              const char *const *keys, const char *const *units)
{
    tdm_emitter e;
    doc_start(&e, d);
    tdm_node *n = add(&e, &d->root, TDM_NODE_ARRAY, key);
    size_t cells = (size_t)rows * (size_t)ncols;
    double *copy = n ? tdm_arena_alloc_raw(d->arena, (cells + 1) * sizeof *copy) : NULL;
    tdm_column *c = copy ? tdm_arena_calloc(d->arena, (size_t)ncols + 1, sizeof *c) : NULL;
    if (!c) return -1;
    if (cells) memcpy(copy, data, cells * sizeof *copy);
    for (int i = 0; i < ncols; i++)
        c[i] = (tdm_column){dup(&e, keys[i]), NULL, dup(&e, units ? units[i] : NULL)};
    n->cols = c;
    n->v.data = copy;
    n->v.ncols = ncols;
    n->v.count = rows; /* the rows, not members: an array has none linked */
    return e.failed ? -1 : 0;
}

/* ---- reading ------------------------------------------------------------------------- */

void
tdm_node_get(const tdm_node *n, tdm_node_view *v)
{
    *v = n->v;
}

const tdm_node *
tdm_node_find(const tdm_node *map, const char *key)
{
    if (map->v.kind != TDM_NODE_MAP) return NULL;
    for (const tdm_node *n = map->v.first; n; n = n->v.next)
        if (n->v.key && !strcmp(n->v.key, key)) return n;
    return NULL;
}

const char *
tdm_node_column_info(const tdm_node *t, int c, const char **heading, const char **unit)
{
    if ((t->v.kind != TDM_NODE_TABLE && t->v.kind != TDM_NODE_ARRAY) || c < 0 || c >= t->v.ncols)
        return NULL;
    if (heading) *heading = t->cols[c].heading;
    if (unit) *unit = t->cols[c].unit;
    return t->cols[c].key;
}

bool
tdm_node_column_own_units(const tdm_node *t, int c)
{
    return t->v.kind == TDM_NODE_TABLE && c >= 0 && c < t->v.ncols && t->own_units &&
           t->own_units[c];
}

long
tdm_node_column(const tdm_node *t, int c, double *out, long max)
{
    if (c < 0 || c >= t->v.ncols) return 0;
    long i = 0;
    if (t->v.kind == TDM_NODE_ARRAY) {
        for (; i < t->v.count && i < max; i++)
            out[i] = t->v.data[i * t->v.ncols + c];
    } else if (t->v.kind == TDM_NODE_TABLE) {
        for (const tdm_node *r = t->v.first; r && i < max; r = r->v.next, i++) {
            const tdm_node *cell = &r->v.first[c];
            out[i] = cell->v.kind == TDM_NODE_NUMBER ? cell->v.number : NAN;
        }
    }
    return i;
}
