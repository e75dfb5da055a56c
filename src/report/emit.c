/* emit.c: the emitters of machine-readable reports (emit.h): CSV and JSON. */
#include "emit.h"

#include <math.h>
#include <string.h>

#include "contract.h"
#include "writers.h"

/* JSON's null as a cell: CSV writes nothing for it */
static bool
is_null(tdm_cell c)
{
    return c.raw && c.text && !strcmp(c.text, "null");
}

/* ---- CSV: one table, a heading row, numbers to 10 digits ---------------------------- */

static void csv_text(FILE *f, const char *s);

static void
csv_field_none(tdm_emitter *e, const char *key, tdm_cell c)
{
    (void)e, (void)key, (void)c;
}

static void
csv_list_none(tdm_emitter *e, const char *key, const char *const *items, int n)
{
    (void)e, (void)key, (void)items, (void)n;
}

static void
csv_table(tdm_emitter *e, const char *key, const tdm_column *cols, int ncols)
{
    (void)key;
    e->cols = cols;
    e->ncols = ncols;
    for (int c = 0; c < ncols; c++) {
        if (c) fputc(',', e->f);
        csv_text(e->f, cols[c].heading);
    }
    fputc('\n', e->f);
}

static void
csv_row(tdm_emitter *e, const tdm_cell *cells)
{
    for (int c = 0; c < e->ncols; c++) {
        if (c) fputc(',', e->f);
        if (is_null(cells[c]))
            continue;
        else if (cells[c].text)
            csv_text(e->f, cells[c].text);
        else if (isfinite(cells[c].v))
            fprintf(e->f, "%.10g", cells[c].v);
    }
    fputc('\n', e->f);
}

static void
csv_nothing(tdm_emitter *e)
{
    (void)e;
}

/* The nested document, flat: one value a row, section,item,quantity,unit,value, under a
 * heading written before the first map, list or item. */

static void
csv_heading(tdm_emitter *e)
{
    if (!e->nitems++) fputs("section,item,quantity,unit,value\n", e->f);
}

/* A text of the document: quoted where RFC 4180 needs it, and one a spreadsheet would take
 * for a formula (=, +, -, @, a tab or a carriage return first) quoted and prefixed with ',
 * as OWASP advises against CSV injection: names and sources come from users' files. */
static void
csv_text(FILE *f, const char *s)
{
    if (s[0] && strchr("=+-@\t\r", s[0]))
        tdm_csv_text(f, s);
    else
        tdm_csv_field(f, s);
}

static void
csv_open(tdm_emitter *e, const char *key, unsigned how)
{
    csv_heading(e);
    TDM_CONTRACT(e->depth < TDM_EMIT_DEPTH);
    if (e->depth == TDM_EMIT_DEPTH) return;
    e->level[++e->depth] =
        (struct tdm_emit_level){.key = key, .list = how & TDM_LIST, .prefix = how & TDM_PREFIX};
}

static void
csv_close(tdm_emitter *e)
{
    if (e->depth > 0) e->depth--;
    if (e->section && e->depth < e->item_depth) e->section = e->item = NULL;
}

static void
csv_item(tdm_emitter *e, const char *section, const char *item)
{
    csv_heading(e);
    e->section = section;
    e->item = item;
    e->item_depth = e->depth;
}

static void
csv_value(tdm_emitter *e, const char *key, const char *label, tdm_cell c)
{
    (void)label;
    if (!e->section) return;
    /* the quantity: the prefixes of the levels inside the item's, then the key (or, in a
     * list, the list's own key) */
    char name[256] = "";
    size_t at = 0;
    int last = key ? e->depth : e->depth - 1;
    for (int d = e->item_depth + 1; d <= last && at < sizeof name; d++)
        if (e->level[d].prefix && e->level[d].key)
            at += (size_t)snprintf(name + at, sizeof name - at, "%s.", e->level[d].key);
    const char *own = key ? key : e->level[e->depth].key;
    if (at < sizeof name) snprintf(name + at, sizeof name - at, "%s", own ? own : "");
    csv_text(e->f, e->section);
    fputc(',', e->f);
    csv_text(e->f, e->item ? e->item : "");
    fputc(',', e->f);
    csv_text(e->f, name);
    fputc(',', e->f);
    if (c.text) {
        fputc(',', e->f);
        if (!is_null(c)) csv_text(e->f, c.text);
    } else {
        tdm_csv_field(e->f, c.unit ? c.unit : "");
        fputc(',', e->f);
        if (isfinite(c.v)) fprintf(e->f, "%.10g", c.v);
    }
    fputc('\n', e->f);
}

static void
csv_end(tdm_emitter *e)
{
    (void)e;
}

static const tdm_emitter_ops csv_ops = {csv_field_none, csv_list_none, csv_table, csv_row,
                                        csv_nothing,    csv_end,       csv_open,  csv_close,
                                        csv_item,       csv_value};

/* ---- JSON: the fields, then each table as a list of records, one to a line ---------- */

static void
json_key(tdm_emitter *e, const char *key)
{
    fputs(e->nitems++ ? ",\n  " : "{\n  ", e->f);
    tdm_json_str(e->f, key);
    fputs(": ", e->f);
}

static void json_cell(tdm_emitter *e, tdm_cell c);

static void
json_field(tdm_emitter *e, const char *key, tdm_cell c)
{
    json_key(e, key);
    json_cell(e, c);
}

static void
json_list(tdm_emitter *e, const char *key, const char *const *items, int n)
{
    json_key(e, key);
    fputc('[', e->f);
    for (int i = 0; i < n; i++) {
        fputs(i ? ", " : "", e->f);
        tdm_json_str(e->f, items[i]);
    }
    fputc(']', e->f);
}

static void
json_table(tdm_emitter *e, const char *key, const tdm_column *cols, int ncols)
{
    json_key(e, key);
    fputc('[', e->f);
    e->cols = cols;
    e->ncols = ncols;
    e->nrows = 0;
}

/* The part of a column's key before its slash ("elements" of "elements/C"), its length; 0
 * without one. */
static size_t
group_len(const char *key)
{
    const char *dot = strchr(key, '/');
    return dot ? (size_t)(dot - key) : 0;
}

static void
json_row(tdm_emitter *e, const tdm_cell *cells)
{
    fputs(e->nrows++ ? ",\n    {" : "\n    {", e->f);
    for (int c = 0; c < e->ncols; c++) {
        const tdm_column *col = &e->cols[c];
        const char *key = col->key;
        size_t g = group_len(key);
        bool in_group = g && c > 0 && group_len(e->cols[c - 1].key) == g &&
                        !strncmp(e->cols[c - 1].key, key, g);
        bool ends_group = g && !(c + 1 < e->ncols && group_len(e->cols[c + 1].key) == g &&
                                 !strncmp(e->cols[c + 1].key, key, g));
        if (g && !in_group) {
            fputs(c ? ", \"" : "\"", e->f);
            fwrite(key, 1, g, e->f);
            fputs("\": {", e->f);
        } else {
            fputs(c ? ", " : "", e->f);
        }
        if (g) key += g + 1;
        if (cells[c].text) {
            tdm_json_str(e->f, key);
            fputs(": ", e->f);
            if (cells[c].raw)
                fputs(cells[c].text, e->f);
            else
                tdm_json_str(e->f, cells[c].text);
        } else if (!col->unit && !cells[c].unit) {
            tdm_json_str(e->f, key);
            fputs(": ", e->f);
            tdm_json_num(e->f, cells[c].v);
        } else {
            tdm_json_qty(e->f, key, cells[c].v, cells[c].unit ? cells[c].unit : col->unit);
        }
        if (ends_group) fputc('}', e->f);
    }
    fputc('}', e->f);
}

static void
json_end_table(tdm_emitter *e)
{
    fputc(']', e->f);
}

static void
json_end(tdm_emitter *e)
{
    fputs(e->nitems ? "\n}\n" : "{}\n", e->f);
}

/* The nested document: a map breaks its lines down to the third level (the document, a
 * record of a list, a record's map of species), deeper ones stay on one; a list breaks its
 * lines when it holds maps, lists or figures, and stays on one when it holds values; one
 * opened TDM_INLINE stays on one line with all it holds. */

static void
json_indent(tdm_emitter *e, int depth)
{
    fputc('\n', e->f);
    for (int i = 0; i < depth; i++)
        fputs("  ", e->f);
}

/* Before a member of the innermost level: its separator and, in a map, its key. container:
 * the member is a map, a list or a figure. */
static void
json_member(tdm_emitter *e, const char *key, bool container)
{
    struct tdm_emit_level *l = &e->level[e->depth];
    if (l->n == 0) l->broken = !l->inline_ && (l->list ? container : e->depth <= 3);
    if (l->n++) fputc(',', e->f);
    if (l->broken)
        json_indent(e, e->depth + 1);
    else if (l->n > 1)
        fputc(' ', e->f);
    if (!l->list && key) {
        tdm_json_str(e->f, key);
        fputs(": ", e->f);
    }
}

/* The document's own brace, before its first member (a report of fields and tables opens it
 * in json_key instead). */
static void
json_begin(tdm_emitter *e)
{
    if (e->depth == 0 && e->level[0].n == 0 && !e->nitems) fputc('{', e->f);
}

static void
json_open(tdm_emitter *e, const char *key, unsigned how)
{
    TDM_CONTRACT(e->depth < TDM_EMIT_DEPTH);
    json_begin(e);
    json_member(e, key, true);
    fputc(how & TDM_LIST ? '[' : '{', e->f);
    bool inline_ = (how & TDM_INLINE) || e->level[e->depth].inline_;
    if (e->depth < TDM_EMIT_DEPTH)
        e->level[++e->depth] = (struct tdm_emit_level){
            .key = key, .list = how & TDM_LIST, .prefix = how & TDM_PREFIX, .inline_ = inline_};
}

static void
json_close(tdm_emitter *e)
{
    struct tdm_emit_level *l = &e->level[e->depth];
    if (l->broken) json_indent(e, e->depth);
    fputc(l->list ? ']' : '}', e->f);
    if (e->depth > 0) e->depth--;
}

static void
json_item(tdm_emitter *e, const char *section, const char *item)
{
    (void)e, (void)section, (void)item;
}

static void
json_cell(tdm_emitter *e, tdm_cell c)
{
    if (c.raw && c.text)
        fputs(c.text, e->f);
    else if (c.raw)
        tdm_json_num(e->f, c.v); /* a number whose unit the document states once */
    else if (c.text)
        tdm_json_str(e->f, c.text);
    else if (c.unit)
        tdm_json_qty(e->f, NULL, c.v, c.unit);
    else
        tdm_json_num(e->f, c.v);
}

static void
json_value(tdm_emitter *e, const char *key, const char *label, tdm_cell c)
{
    json_begin(e);
    json_member(e, key, label != NULL);
    if (!label) {
        json_cell(e, c);
        return;
    }
    fputs("{\"key\": ", e->f);
    tdm_json_str(e->f, key);
    fputs(", \"label\": ", e->f);
    tdm_json_str(e->f, label);
    fputs(", \"value\": ", e->f);
    if (c.text)
        json_cell(e, c);
    else
        tdm_json_num(e->f, c.v);
    fputs(", \"unit\": ", e->f);
    tdm_json_str(e->f, c.unit);
    fputc('}', e->f);
}

static void
json_end_doc(tdm_emitter *e)
{
    if (e->level[0].n) {
        fputs("\n}\n", e->f);
        return;
    }
    json_end(e);
}

static const tdm_emitter_ops json_ops = {json_field,     json_list,    json_table, json_row,
                                         json_end_table, json_end_doc, json_open,  json_close,
                                         json_item,      json_value};

int
tdm_emitter_open(tdm_emitter *e, enum tdm_format fmt, FILE *f)
{
    *e = (tdm_emitter){.f = f};
    switch (fmt) {
    case TDM_FMT_CSV:
        e->ops = &csv_ops;
        return 0;
    case TDM_FMT_JSON:
        e->ops = &json_ops;
        return 0;
    case TDM_FMT_TEXT:
    case TDM_FMT_MARKDOWN:
        break;
    }
    return -1;
}
