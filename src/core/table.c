/* CSV tables with line numbers, read with libcsv. */
#include "table.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/ini.h"
#include "text.h"
#include "tandem/error.h"

enum { MAX_FIELDS = 64, MAX_ROWS = 100000 };

struct reading {
    tdm_arena *a;
    tdm_table *t;
    int cap;
    int line;     /* physical line being fed */
    int row_line; /* line where the current row started */
    char *fields[MAX_FIELDS];
    int nf;
    bool too_many;
    bool oom;
};

static void
on_field(void *s, size_t len, void *data)
{
    struct reading *r = data;
    if (r->nf == 0 && r->row_line == 0) r->row_line = r->line;
    if (r->nf == MAX_FIELDS) {
        r->too_many = true;
        return;
    }
    char *f = tdm_arena_alloc(r->a, len + 1);
    if (!f) {
        r->oom = true;
        return;
    }
    memcpy(f, s ? s : "", s ? len : 0);
    f[s ? len : 0] = '\0';
    tdm_text_trim_copy(f, len + 1, f);
    r->fields[r->nf++] = f;
}

static void
on_row(int c, void *data)
{
    (void)c;
    struct reading *r = data;
    int line = r->row_line ? r->row_line : r->line;
    bool blank = r->nf == 0 || (r->nf == 1 && r->fields[0][0] == '\0');
    bool comment = r->nf > 0 && r->fields[0][0] == '#';
    if (!blank && !comment && !r->oom) {
        tdm_table *t = r->t;
        if (t->nrows == r->cap) {
            int cap = r->cap ? 2 * r->cap : 64;
            tdm_row *p = realloc(t->rows, (size_t)cap * sizeof *p);
            if (!p) {
                r->oom = true;
                goto done;
            }
            t->rows = p;
            r->cap = cap;
        }
        tdm_row *row = &t->rows[t->nrows++];
        row->line = line;
        row->n = r->nf;
        row->f = tdm_arena_calloc(r->a, (size_t)(r->nf ? r->nf : 1), sizeof *row->f);
        if (!row->f) r->oom = true;
        for (int i = 0; row->f && i < r->nf; i++)
            row->f[i] = r->fields[i];
    }
done:
    r->nf = 0;
    r->row_line = 0;
}

int
tdm_table_read_string(const char *text, size_t len, const char *path, tdm_arena *a, tdm_table *t,
                      tdm_error *err)
{
    memset(t, 0, sizeof *t);
    t->path = path;
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    struct reading r = {.a = a, .t = t};
    size_t pos = 0;
    if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) pos = 3;
    int rc = 0;
    while (pos < len && rc == 0) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (text + pos)) + 1 : len - pos;
        r.line++;
        if (memchr(text + pos, '\0', n)) {
            rc = tdm_errorf(err, TDM_EINPUT, path, r.line, "binary data (a NUL byte) in the file");
            break;
        }
        /* the line's text without its end (LF or CRLF): UTF-8 without control characters */
        size_t body = n - (nl ? 1 : 0);
        if (body && text[pos + body - 1] == '\r') body--;
        size_t bad = tdm_text_bad_byte(text + pos, body);
        if (bad < body) {
            unsigned char c = (unsigned char)text[pos + bad];
            rc = tdm_errorf_col(err, TDM_EINPUT, path, r.line, (int)bad + 1,
                                c < 0x20 || c == 0x7f
                                    ? "control character 0x%02X; is this a CSV text file?"
                                    : "byte 0x%02X is not UTF-8; save the file as UTF-8",
                                c);
            break;
        }
        if (csv_parse(&p, text + pos, n, on_field, on_row, &r) != n) {
            rc = tdm_errorf(err, TDM_EINPUT, path, r.line,
                            "cannot read the CSV here (%s): a quote inside an unquoted field, or "
                            "text after a closing quote",
                            csv_strerror(csv_error(&p)));
            break;
        }
        if (r.too_many) {
            rc = tdm_errorf(err, TDM_EINPUT, path, r.line, "more than %d columns", MAX_FIELDS);
            break;
        }
        if (t->nrows - 1 > MAX_ROWS) { /* rows below the header */
            rc = tdm_errorf(err, TDM_EINPUT, path, r.line, "more than %d rows", MAX_ROWS);
            break;
        }
        pos += n;
    }
    if (rc == 0 && csv_fini(&p, on_field, on_row, &r) != 0)
        rc = tdm_errorf(err, TDM_EINPUT, path, r.row_line ? r.row_line : r.line,
                        "a quoted field is not closed before the end of the file");
    csv_free(&p);
    if (rc == 0 && r.oom) rc = tdm_errorf(err, TDM_ESYSTEM, path, 0, "out of memory");
    if (rc == 0 && t->nrows == 0)
        rc = tdm_errorf(err, TDM_EINPUT, path, 0, "the file holds no header row");
    for (int i = 1; rc == 0 && i < t->nrows; i++)
        if (t->rows[i].n != t->rows[0].n)
            rc =
                tdm_errorf_col(err, TDM_EINPUT, path, t->rows[i].line,
                               t->rows[i].n < t->rows[0].n ? t->rows[i].n + 1 : t->rows[0].n + 1,
                               "the row has %d columns, the header %d", t->rows[i].n, t->rows[0].n);
    if (rc) {
        free(t->rows);
        t->rows = NULL;
        t->nrows = 0;
    }
    return rc;
}

int
tdm_table_read(const char *path, tdm_arena *a, tdm_table *t, tdm_error *err)
{
    char *text;
    size_t len;
    if (tdm_read_file(path, &text, &len, err)) return -1;
    int rc = tdm_table_read_string(text, len, path, a, t, err);
    free(text);
    return rc;
}

int
tdm_table_column(const tdm_table *t, const char *name)
{
    for (int i = 0; t->nrows && i < t->rows[0].n; i++)
        if (strcmp(t->rows[0].f[i], name) == 0) return i;
    return -1;
}
