/* emit.c: the emitters of machine-readable reports (emit.h): CSV and JSON. */
#include "emit.h"

#include <math.h>
#include <string.h>

#include "writers.h"

/* ---- CSV: one table, a heading row, numbers to 10 digits ---------------------------- */

static void
csv_field_none(tdm_emitter *e, const char *key, const char *text)
{
    (void)e, (void)key, (void)text;
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
        tdm_csv_field(e->f, cols[c].heading);
    }
    fputc('\n', e->f);
}

static void
csv_row(tdm_emitter *e, const tdm_cell *cells)
{
    for (int c = 0; c < e->ncols; c++) {
        if (c) fputc(',', e->f);
        if (cells[c].text)
            tdm_csv_field(e->f, cells[c].text);
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

static const tdm_emitter_ops csv_ops = {csv_field_none, csv_list_none, csv_table,
                                        csv_row,        csv_nothing,   csv_nothing};

/* ---- JSON: the fields, then each table as a list of records, one to a line ---------- */

static void
json_key(tdm_emitter *e, const char *key)
{
    fputs(e->nitems++ ? ",\n  " : "{\n  ", e->f);
    tdm_json_str(e->f, key);
    fputs(": ", e->f);
}

static void
json_field(tdm_emitter *e, const char *key, const char *text)
{
    json_key(e, key);
    tdm_json_str(e->f, text);
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

static void
json_row(tdm_emitter *e, const tdm_cell *cells)
{
    fputs(e->nrows++ ? ",\n    {" : "\n    {", e->f);
    for (int c = 0; c < e->ncols; c++) {
        fputs(c ? ", " : "", e->f);
        const tdm_column *col = &e->cols[c];
        if (cells[c].text) {
            tdm_json_str(e->f, col->key);
            fputs(": ", e->f);
            tdm_json_str(e->f, cells[c].text);
        } else {
            tdm_json_qty(e->f, col->key, cells[c].v, cells[c].unit ? cells[c].unit : col->unit);
        }
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

static const tdm_emitter_ops json_ops = {json_field, json_list,      json_table,
                                         json_row,   json_end_table, json_end};

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
