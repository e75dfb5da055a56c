/* tandem/model.h: the flowsheet as one sparse linear model, solved by GLPK.
 *
 * Units declare columns (variables) and rows (linear equations) into one model. A row is
 * one of:
 *   TDM_ROW_BALANCE    a physical balance or unit equation (always holds);
 *   TDM_ROW_SPEC       a user specification from the file (a rate, a flow, a current);
 *   TDM_ROW_CANDIDATE  a specification the unit could take but was not given: not part
 *                      of the solve, used by the degree-of-freedom analysis to tell the
 *                      user which key would fix a missing degree of freedom.
 * Simulation is the square system of balances and specs with every flow >= 0; GLPK's
 * simplex finds its point, and a negative-flow answer comes back as infeasible, which
 * tdm_model_solve() turns into the unit and balance that cannot hold.
 *
 * The model is built once and kept. Each row and column belongs to a unit; to change a
 * unit's parameters, call tdm_model_update_begin(m, unit), re-run that unit's declare
 * (which then overwrites its own coefficients in place, in the same order), and
 * tdm_model_update_end(); the next tdm_model_solve() starts warm from the last basis.
 *
 * Models on different threads are independent (GLPK keeps its environment per thread); a
 * thread that solved calls tdm_thread_end() before it ends, to free that environment. */
#ifndef TANDEM_MODEL_H
#define TANDEM_MODEL_H

#include <stdbool.h>

#include "tandem/error.h"

typedef struct tdm_model tdm_model;

enum tdm_row_kind { TDM_ROW_BALANCE, TDM_ROW_SPEC, TDM_ROW_CANDIDATE };

typedef struct tdm_solve_opts {
    bool presolve; /* GLPK presolver on the first solve (default off: keeps the basis) */
    int iteration_limit;
} tdm_solve_opts;

void tdm_solve_opts_init(tdm_solve_opts *o);

tdm_model *tdm_model_new(void);
void tdm_model_free(tdm_model *m);
/* Frees what the linear solver keeps for the calling thread. */
void tdm_thread_end(void);

/* Rows and columns declared after this belong to unit `owner` (-1 = the flowsheet). */
void tdm_model_begin_owner(tdm_model *m, int owner);

/* A column with bounds (use -HUGE_VAL / HUGE_VAL for none) and a label for messages;
 * returns its index (0-based) or -1 when memory runs out. */
int tdm_model_add_col(tdm_model *m, double lb, double ub, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A row "sum(coef * x) = rhs". key: the file key a spec or candidate stands for ("rate"),
 * line: its line in the file (0 if none); hint: what to change when it cannot hold
 * (may be NULL). Returns the row index or -1 when memory runs out. */
int tdm_model_add_row(tdm_model *m, enum tdm_row_kind kind, double rhs, const char *key, int line,
                      const char *hint, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Adds coef to the coefficient of col in row (repeated calls accumulate). */
int tdm_model_coef(tdm_model *m, int row, int col, double coef);
/* Whether an allocation failed while the model was declared: a unit kind need not check each
 * tdm_model_coef; tdm_flowsheet_build, tdm_model_update_end and tdm_model_solve refuse an
 * incomplete model with TDM_ESYSTEM. */
bool tdm_model_out_of_memory(const tdm_model *m);

int tdm_model_update_begin(tdm_model *m, int owner, tdm_error *err);
int tdm_model_update_end(tdm_model *m, tdm_error *err);
/* True between the two: rows and columns keep the labels, keys and hints of their first
 * declaration, so a declare may skip making them (a study updates a million times). */
bool tdm_model_updating(const tdm_model *m);
/* How many solves ran GLPK's simplex; the others were answered on the kept basis. */
int tdm_model_simplex_runs(const tdm_model *m);
/* After a solve at x: the row of the final basis closest to depending on the others, as
 * the smallest pivot of its LU factorization against the entry it started from (returned;
 * the row into *row; -1 and HUGE_VAL when there is no basis to factorize). Near zero the
 * model is near singular there: small changes of that row's numbers move the answer a
 * lot, and double precision loses as many digits. */
double tdm_model_weakest_row(tdm_model *m, const double *x, int *row);

int tdm_model_ncols(const tdm_model *m);
int tdm_model_nrows(const tdm_model *m);
enum tdm_row_kind tdm_model_row_kind(const tdm_model *m, int row);
int tdm_model_row_owner(const tdm_model *m, int row);
int tdm_model_row_line(const tdm_model *m, int row);
const char *tdm_model_row_label(const tdm_model *m, int row);
/* The ratio of a row's largest coefficient to its smallest (1 for a row of one): a row
 * spanning more than some 1e9 loses digits in the solve. */
double tdm_model_row_spread(const tdm_model *m, int row);
const char *tdm_model_row_key(const tdm_model *m, int row);
const char *tdm_model_row_hint(const tdm_model *m, int row);
double tdm_model_row_rhs(const tdm_model *m, int row);
const char *tdm_model_col_label(const tdm_model *m, int col);
int tdm_model_col_owner(const tdm_model *m, int col);
/* The unit whose balances define the column (default: its owner); used to name the
 * balance that cannot hold when the column would have to go negative. */
void tdm_model_set_col_home(tdm_model *m, int col, int home);
double tdm_model_col_lb(const tdm_model *m, int col);
double tdm_model_col_ub(const tdm_model *m, int col);
/* The row's entries (valid until the model changes). */
int tdm_model_row_entries(const tdm_model *m, int row, const int **cols, const double **vals);

/* Degrees of freedom: rank of balances + specs against the number of columns. */
typedef struct tdm_dof {
    int ncols, nbalance, nspec, rank;
    int dof;        /* ncols - rank: > 0 under-specified */
    int *redundant; /* rows (balances, then specs) that depend on the rows before */
    int nredundant;
    bool *by_balances; /* per redundant row: the balances alone already fix it */
    int *fixes;        /* candidate rows that would each remove one free degree */
    int nfixes;
    bool exact;          /* false when the model was too large for the dense rank test */
    int structural_rank; /* the rank for generic numbers (a matching of rows to columns) */
} tdm_dof;

int tdm_model_dof(const tdm_model *m, tdm_dof *dof, tdm_error *err);
void tdm_dof_free(tdm_dof *dof);

/* Solve. On success x[] (ncols values) is filled. An infeasible model fails with
 * TDM_ESOLVE and a message naming the row that cannot hold (its label, line and hint);
 * `file` is put in front of line numbers. */
int tdm_model_solve(tdm_model *m, const tdm_solve_opts *opts, double *x, const char *file,
                    tdm_error *err);

/* Solve again in exact rational arithmetic (GLPK's glp_exact), from the basis the last solve
 * ended on: for an answer that double precision got wrong (balances that do not close) or
 * called impossible when the numbers span many orders of magnitude. Returns 0 with x[]
 * filled, -1 with err set, or 1 when the model is too large to try (over 2,000 rows). */
int tdm_model_solve_exact(tdm_model *m, double *x, const char *file, tdm_error *err);

#endif
