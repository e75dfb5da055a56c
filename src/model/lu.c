#include "lu.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A growable array of ints. */
struct ivec {
    int *p;
    int n, cap;
};

static bool
ivec_push(struct ivec *v, int x)
{
    if (v->n == v->cap) {
        int cap = v->cap ? 2 * v->cap : 256;
        int *p = realloc(v->p, (size_t)cap * sizeof *p);
        if (!p) return false;
        v->p = p;
        v->cap = cap;
    }
    v->p[v->n++] = x;
    return true;
}

struct tdm_lu {
    int n;                        /* order of the analysed matrix, 0 for none */
    int nent;                     /* entries of the analysed input */
    int *start_in, *cols_in;      /* the analysed input's pattern */
    int *map;                     /* per input entry: its place in v (no two share one) */
    int nv;                       /* places: the input's entries and the fill */
    double *v;                    /* the factors, L below the pivots and U with them */
    int *piv_r, *piv_c, *piv_pos; /* step s pivots on row piv_r[s], column piv_c[s] */
    /* Step s: L entries lbeg[s].. (place, row), U entries ubeg[s].. (place, column),
     * updates tbeg[s].. (v[t] -= v[l] * v[u]). */
    struct ivec lbeg, lpos, lrow, ubeg, upos, ucol, tbeg, tt, tl, tu;
    struct ivec fill; /* the places the elimination made, zeroed before a replay */
    int analyses;
};

tdm_lu *
tdm_lu_new(void)
{
    return calloc(1, sizeof(tdm_lu));
}

static void
forget(tdm_lu *lu)
{
    free(lu->start_in);
    free(lu->cols_in);
    free(lu->map);
    free(lu->v);
    free(lu->piv_r);
    free(lu->piv_c);
    free(lu->piv_pos);
    lu->start_in = lu->cols_in = lu->map = NULL;
    lu->v = NULL;
    lu->piv_r = lu->piv_c = lu->piv_pos = NULL;
    struct ivec *vs[] = {&lu->lbeg, &lu->lpos, &lu->lrow, &lu->ubeg, &lu->upos, &lu->ucol,
                         &lu->tbeg, &lu->tt,   &lu->tl,   &lu->tu,   &lu->fill};
    for (size_t k = 0; k < sizeof vs / sizeof vs[0]; k++)
        vs[k]->n = 0;
    lu->n = lu->nent = lu->nv = 0;
}

void
tdm_lu_free(tdm_lu *lu)
{
    if (!lu) return;
    forget(lu);
    struct ivec *vs[] = {&lu->lbeg, &lu->lpos, &lu->lrow, &lu->ubeg, &lu->upos, &lu->ucol,
                         &lu->tbeg, &lu->tt,   &lu->tl,   &lu->tu,   &lu->fill};
    for (size_t k = 0; k < sizeof vs / sizeof vs[0]; k++)
        free(vs[k]->p);
    free(lu);
}

int
tdm_lu_analyses(const tdm_lu *lu)
{
    return lu->analyses;
}

/* Chooses the pivots on a dense copy and records the operations. Pivot rule: among the
 * (at most 8) active columns with the fewest entries, the entry within a tenth of its
 * column's largest whose row has the fewest entries (smallest Markowitz count). */
static int
analyse(tdm_lu *lu, int n, const int *start, const int *cols, const double *vals)
{
    forget(lu);
    lu->analyses++;
    size_t nn = (size_t)n * (size_t)n;
    double *a = calloc(nn, sizeof *a);
    int *pos = malloc(nn * sizeof *pos);
    int *rc = calloc((size_t)n, sizeof *rc), *cc = calloc((size_t)n, sizeof *cc);
    bool *rdone = calloc((size_t)n, sizeof *rdone), *cdone = calloc((size_t)n, sizeof *cdone);
    int nent = start[n];
    lu->start_in = malloc((size_t)(n + 1) * sizeof(int));
    lu->cols_in = malloc((size_t)(nent ? nent : 1) * sizeof(int));
    lu->map = malloc((size_t)(nent ? nent : 1) * sizeof(int));
    lu->piv_r = malloc((size_t)n * sizeof(int));
    lu->piv_c = malloc((size_t)n * sizeof(int));
    lu->piv_pos = malloc((size_t)n * sizeof(int));
    int rc_out = -1;
    if (!a || !pos || !rc || !cc || !rdone || !cdone || !lu->start_in || !lu->cols_in || !lu->map ||
        !lu->piv_r || !lu->piv_c || !lu->piv_pos)
        goto out;
    for (size_t k = 0; k < nn; k++)
        pos[k] = -1;
    memcpy(lu->start_in, start, (size_t)(n + 1) * sizeof(int));
    if (nent) memcpy(lu->cols_in, cols, (size_t)nent * sizeof(int));
    int nv = 0;
    for (int i = 0; i < n; i++)
        for (int p = start[i]; p < start[i + 1]; p++) {
            size_t at = (size_t)i * (size_t)n + (size_t)cols[p];
            if (cols[p] < 0 || cols[p] >= n || pos[at] >= 0) goto out; /* out of range, repeated */
            pos[at] = nv++;
            rc[i]++;
            cc[cols[p]]++;
            a[at] = vals[p];
            lu->map[p] = pos[at];
        }
    for (int s = 0; s < n; s++) {
        /* the (at most 8) active columns with the fewest entries, fewest first */
        int cand[8], ncand = 0;
        for (int j = 0; j < n; j++) {
            if (cdone[j]) continue;
            if (cc[j] == 0) goto out; /* an empty column: singular */
            if (ncand == 8 && cc[j] >= cc[cand[7]]) continue;
            int at = ncand < 8 ? ncand++ : 7;
            while (at > 0 && cc[cand[at - 1]] > cc[j]) {
                cand[at] = cand[at - 1];
                at--;
            }
            cand[at] = j;
        }
        int best_r = -1, best_c = -1;
        long best_cost = -1;
        double best_mag = 0;
        for (int q = 0; q < ncand && best_cost != 0; q++) {
            int j = cand[q];
            double colmax = 0;
            for (int i = 0; i < n; i++)
                if (!rdone[i] && pos[(size_t)i * n + j] >= 0)
                    colmax = fmax(colmax, fabs(a[(size_t)i * n + j]));
            if (colmax == 0) continue;
            for (int i = 0; i < n; i++) {
                size_t at = (size_t)i * n + j;
                if (rdone[i] || pos[at] < 0) continue;
                double mag = fabs(a[at]);
                if (mag < 0.1 * colmax) continue;
                long cost = (long)(rc[i] - 1) * (long)(cc[j] - 1);
                if (best_cost < 0 || cost < best_cost ||
                    (cost == best_cost && mag / colmax > best_mag)) {
                    best_cost = cost;
                    best_mag = mag / colmax;
                    best_r = i;
                    best_c = j;
                }
            }
        }
        if (best_r < 0) goto out; /* every candidate column is numerically empty */
        int r = best_r, c = best_c;
        size_t rrow = (size_t)r * n;
        lu->piv_r[s] = r;
        lu->piv_c[s] = c;
        lu->piv_pos[s] = pos[rrow + c];
        double piv = a[rrow + c];
        rdone[r] = cdone[c] = true;
        if (!ivec_push(&lu->lbeg, lu->lpos.n) || !ivec_push(&lu->ubeg, lu->upos.n) ||
            !ivec_push(&lu->tbeg, lu->tt.n))
            goto out;
        for (int j = 0; j < n; j++)
            if (!cdone[j] && pos[rrow + j] >= 0) {
                if (!ivec_push(&lu->upos, pos[rrow + j]) || !ivec_push(&lu->ucol, j)) goto out;
                cc[j]--;
            }
        int u0 = lu->ubeg.p[s], u1 = lu->upos.n;
        for (int i = 0; i < n; i++) {
            size_t irow = (size_t)i * n;
            if (rdone[i] || pos[irow + c] < 0) continue;
            double l = a[irow + c] / piv;
            a[irow + c] = l;
            rc[i]--;
            if (!ivec_push(&lu->lpos, pos[irow + c]) || !ivec_push(&lu->lrow, i)) goto out;
            for (int k = u0; k < u1; k++) {
                int j = lu->ucol.p[k];
                size_t at = irow + j;
                if (pos[at] < 0) { /* fill */
                    if (!ivec_push(&lu->fill, nv)) goto out;
                    pos[at] = nv++;
                    rc[i]++;
                    cc[j]++;
                }
                a[at] -= l * a[rrow + j];
                if (!ivec_push(&lu->tt, pos[at]) || !ivec_push(&lu->tl, pos[irow + c]) ||
                    !ivec_push(&lu->tu, lu->upos.p[k]))
                    goto out;
            }
        }
    }
    if (!ivec_push(&lu->lbeg, lu->lpos.n) || !ivec_push(&lu->ubeg, lu->upos.n) ||
        !ivec_push(&lu->tbeg, lu->tt.n))
        goto out;
    lu->v = malloc((size_t)(nv ? nv : 1) * sizeof(double));
    if (!lu->v) goto out;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            if (pos[(size_t)i * n + j] >= 0) lu->v[pos[(size_t)i * n + j]] = a[(size_t)i * n + j];
    lu->n = n;
    lu->nent = nent;
    lu->nv = nv;
    rc_out = 0;
out:
    free(a);
    free(pos);
    free(rc);
    free(cc);
    free(rdone);
    free(cdone);
    if (rc_out) forget(lu);
    return rc_out;
}

/* The recorded operations on new numbers. Fails (-1) when a pivot falls below a
 * hundredth of its column, where the analysis would have chosen another. */
static int
replay(tdm_lu *lu, const double *vals)
{
    double *v = lu->v;
    for (int k = 0; k < lu->fill.n; k++)
        v[lu->fill.p[k]] = 0;
    for (int p = 0; p < lu->nent; p++)
        v[lu->map[p]] = vals[p];
    const int *lpos = lu->lpos.p, *tt = lu->tt.p, *tl = lu->tl.p, *tu = lu->tu.p;
    for (int s = 0; s < lu->n; s++) {
        double piv = v[lu->piv_pos[s]];
        int l0 = lu->lbeg.p[s], l1 = lu->lbeg.p[s + 1];
        double colmax = fabs(piv);
        for (int k = l0; k < l1; k++)
            if (fabs(v[lpos[k]]) > colmax) colmax = fabs(v[lpos[k]]);
        if (!(fabs(piv) >= 0.01 * colmax) || piv == 0 || !isfinite(piv)) return -1;
        double inv = 1.0 / piv;
        for (int k = l0; k < l1; k++)
            v[lpos[k]] *= inv;
        for (int k = lu->tbeg.p[s], e = lu->tbeg.p[s + 1]; k < e; k++)
            v[tt[k]] -= v[tl[k]] * v[tu[k]];
    }
    return 0;
}

int
tdm_lu_factor(tdm_lu *lu, int n, const int *start, const int *cols, const double *vals)
{
    if (n <= 0 || n > TDM_LU_MAX_N) return -1;
    bool same = lu->n == n && lu->nent == start[n] &&
                memcmp(lu->start_in, start, (size_t)(n + 1) * sizeof(int)) == 0 &&
                memcmp(lu->cols_in, cols, (size_t)start[n] * sizeof(int)) == 0;
    if (same && replay(lu, vals) == 0) return 0;
    return analyse(lu, n, start, cols, vals);
}

void
tdm_lu_solve(const tdm_lu *lu, double *b, double *x)
{
    const double *v = lu->v;
    const int *lpos = lu->lpos.p, *lrow = lu->lrow.p, *upos = lu->upos.p, *ucol = lu->ucol.p;
    for (int s = 0; s < lu->n; s++) {
        double y = b[lu->piv_r[s]];
        if (y == 0) continue;
        for (int k = lu->lbeg.p[s], e = lu->lbeg.p[s + 1]; k < e; k++)
            b[lrow[k]] -= v[lpos[k]] * y;
    }
    for (int s = lu->n - 1; s >= 0; s--) {
        double sum = b[lu->piv_r[s]];
        for (int k = lu->ubeg.p[s], e = lu->ubeg.p[s + 1]; k < e; k++)
            sum -= v[upos[k]] * x[ucol[k]];
        x[lu->piv_c[s]] = sum / v[lu->piv_pos[s]];
    }
}

double
tdm_lu_weakest_pivot(const tdm_lu *lu, const int *start, const int *cols, const double *vals,
                     int *row)
{
    double weakest = HUGE_VAL;
    *row = -1;
    for (int s = 0; s < lu->n; s++) {
        int r = lu->piv_r[s], c = lu->piv_c[s];
        double a = 0, rowmax = 0;
        for (int p = start[r]; p < start[r + 1]; p++) {
            rowmax = fmax(rowmax, fabs(vals[p]));
            if (cols[p] == c) a = fabs(vals[p]);
        }
        double ref = a > 0 ? a : rowmax;
        double rel = ref > 0 ? fabs(lu->v[lu->piv_pos[s]]) / ref : 0;
        if (rel < weakest) {
            weakest = rel;
            *row = r;
        }
    }
    return weakest;
}
