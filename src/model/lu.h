/* lu.h: a sparse LU factorization that is analysed once and replayed.
 *
 * Sweeps and Monte Carlo solve the same square basis again and again with new numbers in
 * the same places. The first factorization chooses the pivots (Markowitz counts with
 * threshold partial pivoting) and records every operation it performs as positions in one
 * array of values; the next factorization of a matrix with the same entries in the same
 * order only replays those operations on the new numbers, with no search and no
 * allocation. A replayed pivot that has become small against its column is caught and the
 * factorization is analysed again with the new numbers. */
#ifndef TANDEM_MODEL_LU_H
#define TANDEM_MODEL_LU_H

#include <stdbool.h>

typedef struct tdm_lu tdm_lu;

/* Largest order the analysis takes: it works on a dense n-by-n copy once. */
#define TDM_LU_MAX_N 1000

tdm_lu *tdm_lu_new(void);
void tdm_lu_free(tdm_lu *lu);

/* Factorizes the n-by-n matrix given by rows: row i holds the entries
 * cols[start[i] .. start[i+1]-1] (column indexes 0..n-1, no repeats) with their values.
 * Entries with the value 0 count as places that may hold a number. Returns 0, or -1 when
 * the matrix is singular, too large, or memory runs out. */
int tdm_lu_factor(tdm_lu *lu, int n, const int *start, const int *cols, const double *vals);

/* Solves A x = b for the last factorized matrix: b is indexed by row and is overwritten;
 * x (indexed by column) receives the answer. */
void tdm_lu_solve(const tdm_lu *lu, double *b, double *x);

/* How often the last factorizations analysed (chose pivots) rather than replayed. */
int tdm_lu_analyses(const tdm_lu *lu);

/* The weakest pivot of the last factorization (of the matrix given again as to
 * tdm_lu_factor): the smallest |U_ss| / |A_rc| over the steps s, (r, c) the place pivoted
 * on (the row's largest entry where A_rc was not an entry), r written to *row. Near zero,
 * elimination cancelled the pivot: row r is close to a combination of the rows pivoted
 * before it, and the matrix is near singular there. */
double tdm_lu_weakest_pivot(const tdm_lu *lu, const int *start, const int *cols, const double *vals,
                            int *row);

#endif
