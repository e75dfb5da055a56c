/* tandem/doc.h: a report as a document in memory, for a program that calls the library
 * (the Python package, python/): what the report's JSON holds, as maps, lists, numbers
 * with their units, text and tables, built by the same calls that write the JSON
 * (src/report/emit.h), so that its numbers are the report's own doubles, never text read
 * back.
 *
 *     tdm_doc *d;
 *     if (tdm_doc_solve(res, &d, &err)) -> err
 *     for (const tdm_node *n = tdm_doc_root(d)->first...; n; n = view.next)
 *         tdm_node_get(n, &view);   one call a node: its kind, key, value, unit, members
 *     tdm_doc_free(d);
 *
 * A table (the records of a sweep or a cost report's lines) is one node whose members are
 * its rows, each row's members its cells, one a column; tdm_node_column copies a column of
 * numbers into an array at once. An array node holds a block of numbers (a Monte Carlo
 * run's samples), rows x columns, read with tdm_node_get's data. Everything lives as long as
 * the document. */
#ifndef TANDEM_DOC_H
#define TANDEM_DOC_H

#include <stdbool.h>

#include "tandem/error.h"

typedef struct tdm_doc tdm_doc;
typedef struct tdm_node tdm_node;

enum tdm_node_kind {
    TDM_NODE_NULL,   /* JSON's null */
    TDM_NODE_BOOL,   /* number 0 or 1 */
    TDM_NODE_NUMBER, /* number (NAN: none), in unit */
    TDM_NODE_TEXT,   /* text */
    TDM_NODE_MAP,    /* members under keys */
    TDM_NODE_LIST,   /* members in order */
    TDM_NODE_TABLE,  /* rows, each a TDM_NODE_ROW of ncols cells */
    TDM_NODE_ROW,    /* a table's row: its cells, one a column */
    TDM_NODE_ARRAY,  /* rows x ncols numbers in data, row after row */
};

/* A node as a binding reads it, in one call. The strings and pointers live as long as the
 * document. */
typedef struct tdm_node_view {
    int kind;              /* enum tdm_node_kind */
    const char *key;       /* its key in a map (a table's, a cell's column's); NULL in a list */
    const char *label;     /* a figure's words ("electric power"), NULL when none */
    const char *text;      /* TEXT; a NUMBER the report writes as a literal (a seed: all 64 bits
                              of a whole number), that literal */
    const char *unit;      /* NUMBER: its unit, "" for a plain number, NULL for a number the
                              JSON writes bare (a count, a relative closure) */
    double number;         /* NUMBER (NAN: none); BOOL: 0 or 1 */
    long count;            /* MAP, LIST: members; TABLE, ARRAY: rows; ROW: cells */
    int ncols;             /* TABLE, ROW, ARRAY: columns */
    const double *data;    /* ARRAY: count x ncols numbers */
    const tdm_node *first; /* MAP, LIST, TABLE, ROW: the first member; NULL: none */
    const tdm_node *next;  /* the next member of the node's parent; NULL: the last */
    int bare; /* NUMBER: its unit is stated once for many (a cash flow's $), and the JSON
                 writes the number alone */
} tdm_node_view;

const tdm_node *tdm_doc_root(const tdm_doc *d); /* a map */
void tdm_doc_free(tdm_doc *d);
void tdm_node_get(const tdm_node *n, tdm_node_view *v);
/* A member of a map by its key, NULL when none. */
const tdm_node *tdm_node_find(const tdm_node *map, const char *key);
/* A table's or array's column c: its key, and its heading and unit (either may be NULL);
 * NULL when there is no column c. */
const char *tdm_node_column_info(const tdm_node *t, int c, const char **heading, const char **unit);
/* Whether some cells of a table's column c have units of their own, other than the column's
 * (a tornado's parameter ends, each in its parameter's unit): read them cell by cell. */
bool tdm_node_column_own_units(const tdm_node *t, int c);
/* Column c of a table or array as numbers into out (rows of them; text and null as NAN); the
 * count of rows. */
long tdm_node_column(const tdm_node *t, int c, double *out, long max);

/* The documents of the reports (tandem/report.h): the same content as their JSON. */
struct tdm_results;
struct tdm_tea;
struct tdm_opt_problem;
struct tdm_optimum;
struct tdm_study;
struct tdm_sweep;
struct tdm_mc;
struct tdm_mc_summary;
int tdm_doc_solve(const struct tdm_results *res, tdm_doc **out, tdm_error *err);
int tdm_doc_cost(const struct tdm_results *res, const struct tdm_tea *t, tdm_doc **out,
                 tdm_error *err);
int tdm_doc_optimize(const struct tdm_opt_problem *p, const struct tdm_optimum *o,
                     const struct tdm_results *res, tdm_doc **out, tdm_error *err);
int tdm_doc_sweep(const struct tdm_study *st, const struct tdm_sweep *sw, tdm_doc **out,
                  tdm_error *err);
struct tdm_goal;
int tdm_doc_goal(const struct tdm_study *st, const struct tdm_goal *g, tdm_doc **out,
                 tdm_error *err);
struct tdm_param;
struct tdm_sobol;
int tdm_doc_sobol(const struct tdm_study *st, const struct tdm_param *ps,
                  const struct tdm_sobol *so, tdm_doc **out, tdm_error *err);
struct tdm_tornado_row;
int tdm_doc_tornado(const struct tdm_study *st, int out, const struct tdm_tornado_row *rows, int n,
                    double base, tdm_doc **doc, tdm_error *err);
/* The run's summary, and its samples as two arrays under the root: "sample_inputs" (count x np,
 * each column a parameter in its unit, param_units[j] as a file writes it; NULL: in SI, no
 * unit named) and "sample_outputs" (count x nout, display units). */
int tdm_doc_mc(const struct tdm_mc *mc, const struct tdm_mc_summary *s,
               const char *const *param_units, tdm_doc **out, tdm_error *err);

#endif
