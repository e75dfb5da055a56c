#include "tandem/model.h"

#include <glpk.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "contract.h"
#include "lu.h"
#include "tandem/arena.h"

struct row {
    enum tdm_row_kind kind;
    int owner, line, glp; /* glp: GLPK row number (1-based), 0 for candidates */
    double rhs;
    const char *label, *key, *hint;
    int *cols;
    double *vals;
    int n, cap;
    bool dirty;   /* changed since GLPK last saw it */
    bool touched; /* changed since the basis matrix was last assembled (on m->touched) */
};

struct col {
    double lb, ub;
    int owner, home; /* owner: who declares it; home: the unit whose balances define it */
    const char *label;
    bool dirty;
};

struct tdm_model {
    tdm_arena *arena;
    int simplex_runs; /* solves that ran GLPK's simplex rather than the kept basis */
    bool factored;    /* the last resolve_on_basis factorized its basis matrix */
    struct row *rows;
    int nrows, caprows;
    struct col *cols;
    int ncols, capcols;
    int owner;
    glp_prob *lp;
    /* update mode: the owner's rows and columns are revisited in declaration order */
    bool updating;
    const int *upd_rows;
    int upd_nrows, upd_row_next;
    const int *upd_cols;
    int upd_ncols, upd_col_next;
    /* each owner's rows and columns, in order: owner o's are by_owner_rows[rstart[o + 1]
     * .. rstart[o + 2] - 1] (owner -1 is the flowsheet); made at the first update for the
     * model's size then */
    int *by_owner_rows, *by_owner_cols, *rstart, *cstart;
    int nowners, indexed_rows, indexed_cols;
    bool upd_failed;
    /* an allocation failed while rows, columns or coefficients were declared: the model is
     * incomplete (the units need not check each call; building and solving refuse it) */
    bool nomem;
    bool lp_stale; /* rows or bounds changed since GLPK last saw them */
    /* The basis of the last simplex answer, for re-solves without the simplex. Basis
     * place k holds variable head[k]: GLPK row g's activity when head[k] = g < nglp,
     * column j when head[k] = nglp + j. */
    bool solved;             /* the basis is kept and fits the model */
    int nglp;                /* GLPK rows (balances and specs) */
    int built_rows;          /* model rows when GLPK's problem was built */
    int *grow;               /* GLPK row g (0-based) -> model row */
    int *head, *cpos, *rpos; /* basis: place -> variable; column -> place; row -> place */
    signed char *cstat;      /* GLPK status of each column */
    tdm_lu *lu;
    int *bstart, *bcols, bcap; /* the basis matrix by rows, for the factorization */
    double *bvals, *rhs, *rhs0, *xb;
    /* The basis matrix above is assembled from the rows once for a kept basis; after that
     * only the rows changed since (listed in touched, which holds model rows) are written
     * again, as long as no non-basic column's bounds moved (touched_cols) and each row
     * keeps its count of basic entries. bnorm holds each row's sum of |entries| and babs
     * its |right-hand side|, for the checks. */
    bool assembled, touched_cols;
    int *touched, ntouched, touched_cap;
    int *nonbasic, nnonbasic; /* the non-basic columns, whose values are written each time */
    double *bnorm, *babs;
};

void
tdm_solve_opts_init(tdm_solve_opts *o)
{
    o->presolve = false;
    o->iteration_limit = 0;
}

tdm_model *
tdm_model_new(void)
{
    tdm_model *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->arena = tdm_arena_new();
    if (!m->arena) {
        free(m);
        return NULL;
    }
    m->owner = -1;
    return m;
}

static void drop_basis(tdm_model *m);

void
tdm_thread_end(void)
{
    glp_free_env();
}

void
tdm_model_free(tdm_model *m)
{
    if (!m) return;
    for (int i = 0; i < m->nrows; i++) {
        free(m->rows[i].cols);
        free(m->rows[i].vals);
    }
    free(m->rows);
    free(m->cols);
    free(m->by_owner_rows);
    free(m->by_owner_cols);
    free(m->rstart);
    free(m->cstart);
    free(m->grow);
    drop_basis(m);
    free(m->bcols);
    free(m->bvals);
    free(m->touched);
    if (m->lp) glp_delete_prob(m->lp);
    tdm_arena_free(m->arena);
    free(m);
}

void
tdm_model_begin_owner(tdm_model *m, int owner)
{
    m->owner = owner;
}

static const char *
vlabel(tdm_model *m, const char *fmt, va_list ap)
{
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    return tdm_arena_strdup(m->arena, buf);
}

/* Notes that row i changed after the basis matrix was assembled (see resolve_on_basis). */
static void
touch_row(tdm_model *m, int i)
{
    struct row *r = &m->rows[i];
    if (r->touched || !m->assembled) return;
    if (m->ntouched == m->touched_cap) {
        int cap = m->touched_cap ? 2 * m->touched_cap : 16;
        int *t = realloc(m->touched, sizeof(int) * (size_t)cap);
        if (!t) {
            m->assembled = false; /* assembled whole at the next re-solve */
            return;
        }
        m->touched = t;
        m->touched_cap = cap;
    }
    m->touched[m->ntouched++] = i;
    r->touched = true;
}

int
tdm_model_add_col(tdm_model *m, double lb, double ub, const char *fmt, ...)
{
    if (m->updating) {
        if (m->upd_col_next >= m->upd_ncols) {
            m->upd_failed = true;
            return -1;
        }
        int j = m->upd_cols[m->upd_col_next++];
        struct col *c = &m->cols[j];
        if (c->lb != lb || c->ub != ub) {
            c->lb = lb;
            c->ub = ub;
            c->dirty = true;
            if (m->assembled && m->cpos && m->cpos[j] < 0) m->touched_cols = true;
        }
        return j;
    }
    if (m->ncols == m->capcols) {
        int cap = m->capcols ? 2 * m->capcols : 64;
        struct col *p = realloc(m->cols, (size_t)cap * sizeof *p);
        if (!p) return m->nomem = true, -1;
        m->cols = p;
        m->capcols = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    const char *label = vlabel(m, fmt, ap);
    va_end(ap);
    if (!label) return m->nomem = true, -1;
    m->cols[m->ncols] =
        (struct col){.lb = lb, .ub = ub, .owner = m->owner, .home = m->owner, .label = label};
    return m->ncols++;
}

int
tdm_model_add_row(tdm_model *m, enum tdm_row_kind kind, double rhs, const char *key, int line,
                  const char *hint, const char *fmt, ...)
{
    if (m->updating) {
        if (m->upd_row_next >= m->upd_nrows) {
            m->upd_failed = true;
            return -1;
        }
        int i = m->upd_rows[m->upd_row_next++];
        struct row *r = &m->rows[i];
        if (r->kind != kind) {
            m->upd_failed = true;
            return -1;
        }
        r->rhs = rhs;
        r->n = 0;
        r->dirty = true;
        touch_row(m, i);
        return i;
    }
    if (m->nrows == m->caprows) {
        int cap = m->caprows ? 2 * m->caprows : 64;
        struct row *p = realloc(m->rows, (size_t)cap * sizeof *p);
        if (!p) return m->nomem = true, -1;
        m->rows = p;
        m->caprows = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    const char *label = vlabel(m, fmt, ap);
    va_end(ap);
    const char *k = key ? tdm_arena_strdup(m->arena, key) : NULL;
    const char *h = hint ? tdm_arena_strdup(m->arena, hint) : NULL;
    if (!label || (key && !k) || (hint && !h)) return m->nomem = true, -1;
    m->rows[m->nrows] = (struct row){.kind = kind,
                                     .owner = m->owner,
                                     .line = line,
                                     .rhs = rhs,
                                     .label = label,
                                     .key = k,
                                     .hint = h};
    return m->nrows++;
}

int
tdm_model_coef(tdm_model *m, int row, int col, double coef)
{
    if (row < 0 || row >= m->nrows || col < 0 || col >= m->ncols) return -1;
    struct row *r = &m->rows[row];
    touch_row(m, row);
    for (int k = 0; k < r->n; k++)
        if (r->cols[k] == col) {
            r->vals[k] += coef;
            return 0;
        }
    if (r->n == r->cap) {
        int cap = r->cap ? 2 * r->cap : 4;
        int *c = realloc(r->cols, (size_t)cap * sizeof *c);
        if (!c) return m->nomem = true, -1;
        r->cols = c;
        double *v = realloc(r->vals, (size_t)cap * sizeof *v);
        if (!v) return m->nomem = true, -1;
        r->vals = v;
        r->cap = cap;
    }
    r->cols[r->n] = col;
    r->vals[r->n] = coef;
    r->n++;
    return 0;
}

/* Groups the rows and columns by owner (a counting sort, keeping their order). */
static int
index_owners(tdm_model *m)
{
    int maxo = -1;
    for (int i = 0; i < m->nrows; i++)
        if (m->rows[i].owner > maxo) maxo = m->rows[i].owner;
    for (int j = 0; j < m->ncols; j++)
        if (m->cols[j].owner > maxo) maxo = m->cols[j].owner;
    int no = maxo + 2; /* owners -1 .. maxo */
    free(m->by_owner_rows);
    free(m->by_owner_cols);
    free(m->rstart);
    free(m->cstart);
    m->by_owner_rows = malloc(sizeof(int) * (size_t)(m->nrows + 1));
    m->by_owner_cols = malloc(sizeof(int) * (size_t)(m->ncols + 1));
    m->rstart = calloc((size_t)no + 1, sizeof(int));
    m->cstart = calloc((size_t)no + 1, sizeof(int));
    m->indexed_rows = m->indexed_cols = -1;
    if (!m->by_owner_rows || !m->by_owner_cols || !m->rstart || !m->cstart) return -1;
    for (int i = 0; i < m->nrows; i++)
        m->rstart[m->rows[i].owner + 2]++;
    for (int j = 0; j < m->ncols; j++)
        m->cstart[m->cols[j].owner + 2]++;
    for (int o = 1; o <= no; o++) {
        m->rstart[o] += m->rstart[o - 1];
        m->cstart[o] += m->cstart[o - 1];
    }
    /* rstart[o + 1] is now where owner o's rows begin; fill moves it to where they end */
    for (int i = 0; i < m->nrows; i++)
        m->by_owner_rows[m->rstart[m->rows[i].owner + 1]++] = i;
    for (int j = 0; j < m->ncols; j++)
        m->by_owner_cols[m->cstart[m->cols[j].owner + 1]++] = j;
    for (int o = no; o > 0; o--) {
        m->rstart[o] = m->rstart[o - 1];
        m->cstart[o] = m->cstart[o - 1];
    }
    m->rstart[0] = m->cstart[0] = 0;
    m->nowners = no;
    m->indexed_rows = m->nrows;
    m->indexed_cols = m->ncols;
    return 0;
}

double
tdm_model_row_spread(const tdm_model *m, int row)
{
    if (row < 0 || row >= m->nrows) return 1;
    const struct row *r = &m->rows[row];
    double lo = HUGE_VAL, hi = 0;
    for (int k = 0; k < r->n; k++) {
        double a = fabs(r->vals[k]);
        if (a == 0) continue;
        if (a < lo) lo = a;
        if (a > hi) hi = a;
    }
    return hi > 0 ? hi / lo : 1;
}

int
tdm_model_simplex_runs(const tdm_model *m)
{
    return m->simplex_runs;
}

bool
tdm_model_updating(const tdm_model *m)
{
    return m->updating;
}

int
tdm_model_update_begin(tdm_model *m, int owner, tdm_error *err)
{
    TDM_CONTRACT(!m->updating);
    if ((m->indexed_rows != m->nrows || m->indexed_cols != m->ncols) && index_owners(m))
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    int o = owner + 1;
    if (o >= 0 && o < m->nowners) {
        m->upd_rows = m->by_owner_rows + m->rstart[o];
        m->upd_nrows = m->rstart[o + 1] - m->rstart[o];
        m->upd_cols = m->by_owner_cols + m->cstart[o];
        m->upd_ncols = m->cstart[o + 1] - m->cstart[o];
    } else {
        m->upd_nrows = m->upd_ncols = 0;
    }
    m->upd_row_next = m->upd_col_next = 0;
    m->upd_failed = false;
    m->updating = true;
    m->owner = owner;
    return 0;
}

static void
push_row(tdm_model *m, struct row *r, int *ind, double *val)
{
    int n = 0;
    for (int k = 0; k < r->n; k++)
        if (r->vals[k] != 0.0) {
            ind[n + 1] = r->cols[k] + 1;
            val[n + 1] = r->vals[k];
            n++;
        }
    glp_set_mat_row(m->lp, r->glp, n, ind, val);
    glp_set_row_bnds(m->lp, r->glp, GLP_FX, r->rhs, r->rhs);
}

static void
push_col_bnds(glp_prob *lp, int j, const struct col *c)
{
    bool lo = isfinite(c->lb), up = isfinite(c->ub);
    int type = lo && up ? (c->lb == c->ub ? GLP_FX : GLP_DB) : lo ? GLP_LO : up ? GLP_UP : GLP_FR;
    glp_set_col_bnds(lp, j + 1, type, lo ? c->lb : 0.0, up ? c->ub : 0.0);
}

int
tdm_model_update_end(tdm_model *m, tdm_error *err)
{
    m->updating = false;
    if (m->nomem) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    if (m->upd_failed || m->upd_row_next != m->upd_nrows || m->upd_col_next != m->upd_ncols)
        return tdm_errorf(err, TDM_ESOLVE, NULL, 0,
                          "the change alters the structure of the model (rows or columns added "
                          "or removed); reload the flowsheet instead of updating it");
    /* GLPK is told at the next simplex (sync_lp); re-solves on the kept basis read the
     * rows themselves. */
    m->lp_stale = true;
    return 0;
}

/* Hands GLPK the rows and bounds changed since it last saw them. */
static int
sync_lp(tdm_model *m)
{
    if (!m->lp_stale) return 0;
    int *ind = malloc(sizeof(int) * (size_t)(m->ncols + 1));
    double *val = malloc(sizeof(double) * (size_t)(m->ncols + 1));
    if (!ind || !val) {
        free(ind);
        free(val);
        return -1;
    }
    for (int i = 0; i < m->nrows; i++) {
        struct row *r = &m->rows[i];
        if (r->dirty && r->glp) push_row(m, r, ind, val);
        r->dirty = false;
    }
    for (int j = 0; j < m->ncols; j++) {
        struct col *c = &m->cols[j];
        if (c->dirty) push_col_bnds(m->lp, j, c);
        c->dirty = false;
    }
    free(ind);
    free(val);
    m->lp_stale = false;
    return 0;
}

bool
tdm_model_out_of_memory(const tdm_model *m)
{
    return m->nomem;
}

int
tdm_model_ncols(const tdm_model *m)
{
    return m->ncols;
}
int
tdm_model_nrows(const tdm_model *m)
{
    return m->nrows;
}
enum tdm_row_kind
tdm_model_row_kind(const tdm_model *m, int i)
{
    return m->rows[i].kind;
}
int
tdm_model_row_owner(const tdm_model *m, int i)
{
    return m->rows[i].owner;
}
int
tdm_model_row_line(const tdm_model *m, int i)
{
    return m->rows[i].line;
}
const char *
tdm_model_row_label(const tdm_model *m, int i)
{
    return m->rows[i].label;
}
const char *
tdm_model_row_key(const tdm_model *m, int i)
{
    return m->rows[i].key;
}
const char *
tdm_model_row_hint(const tdm_model *m, int i)
{
    return m->rows[i].hint;
}
double
tdm_model_row_rhs(const tdm_model *m, int i)
{
    return m->rows[i].rhs;
}
const char *
tdm_model_col_label(const tdm_model *m, int j)
{
    return m->cols[j].label;
}
int
tdm_model_col_owner(const tdm_model *m, int j)
{
    return m->cols[j].owner;
}
void
tdm_model_set_col_home(tdm_model *m, int j, int home)
{
    m->cols[j].home = home;
}
double
tdm_model_col_lb(const tdm_model *m, int j)
{
    return m->cols[j].lb;
}

double
tdm_model_col_ub(const tdm_model *m, int j)
{
    return m->cols[j].ub;
}

int
tdm_model_row_entries(const tdm_model *m, int i, const int **cols, const double **vals)
{
    *cols = m->rows[i].cols;
    *vals = m->rows[i].vals;
    return m->rows[i].n;
}

/* ---- degrees of freedom ------------------------------------------------------------ */

enum { DOF_DENSE_MAX_COLS = 2000 };

struct basis {
    int n, r;
    double *b; /* r rows of n, normalised so that b[k][piv[k]] = 1 */
    int *piv;
    double *colscale;
};

/* Reduces a row against the basis; returns true when it is independent, and then adds it
 * to the basis if `commit`. */
static bool
basis_try_add(struct basis *B, const struct row *row, double *v, bool commit)
{
    memset(v, 0, sizeof(double) * (size_t)B->n);
    double amax = 0;
    for (int k = 0; k < row->n; k++) {
        v[row->cols[k]] += row->vals[k] * B->colscale[row->cols[k]];
    }
    for (int j = 0; j < B->n; j++)
        amax = fmax(amax, fabs(v[j]));
    if (amax == 0) return false;
    for (int j = 0; j < B->n; j++)
        v[j] /= amax;
    for (int k = 0; k < B->r; k++) {
        double f = v[B->piv[k]];
        if (f == 0) continue;
        const double *b = B->b + (size_t)k * (size_t)B->n;
        for (int j = 0; j < B->n; j++)
            v[j] -= f * b[j];
        v[B->piv[k]] = 0;
    }
    int p = -1;
    double best = 1e-9;
    for (int j = 0; j < B->n; j++)
        if (fabs(v[j]) > best) {
            best = fabs(v[j]);
            p = j;
        }
    if (p < 0) return false;
    if (!commit) return true;
    double *dst = B->b + (size_t)B->r * (size_t)B->n;
    double f = v[p];
    for (int j = 0; j < B->n; j++)
        dst[j] = v[j] / f;
    dst[p] = 1.0;
    B->piv[B->r++] = p;
    return true;
}

/* The structural rank of the balances and specifications: the largest matching of rows to
 * columns through their nonzero coefficients (augmenting paths, kept on an explicit stack).
 * It is what the rank would be for generic numbers: a numerical rank below it means numbers
 * so ill-conditioned that elimination cannot tell them from dependent ones, not a flowsheet
 * that is over- or under-specified. -1 when memory runs out. */
static int
structural_rank(const tdm_model *m)
{
    int nr = m->nrows, nc = m->ncols;
    int *match_col = malloc(sizeof(int) * (size_t)(nc + 1)); /* column -> row */
    int *seen = malloc(sizeof(int) * (size_t)(nc + 1));      /* stamp of the search */
    int *stack_r = malloc(sizeof(int) * (size_t)(nr + 1));   /* rows on the path */
    int *stack_k = malloc(sizeof(int) * (size_t)(nr + 1));   /* next entry to try */
    int *via = malloc(sizeof(int) * (size_t)(nr + 1));       /* the column that led there */
    int rank = -1;
    if (match_col && seen && stack_r && stack_k && via) {
        rank = 0;
        for (int j = 0; j < nc; j++)
            match_col[j] = -1, seen[j] = -1;
        for (int r0 = 0; r0 < nr; r0++) {
            if (m->rows[r0].kind == TDM_ROW_CANDIDATE) continue;
            int top = 0;
            stack_r[0] = r0;
            stack_k[0] = 0;
            via[0] = -1;
            bool found = false;
            while (top >= 0 && !found) {
                const struct row *row = &m->rows[stack_r[top]];
                if (stack_k[top] >= row->n) {
                    top--;
                    continue;
                }
                int k = stack_k[top]++;
                int j = row->cols[k];
                if (row->vals[k] == 0 || seen[j] == r0) continue;
                seen[j] = r0;
                if (match_col[j] < 0) {
                    /* augment along the path: each row takes the column that led past it */
                    for (int t = top; t >= 0; t--) {
                        int prev = match_col[j];
                        match_col[j] = stack_r[t];
                        j = via[t];
                        (void)prev;
                    }
                    found = true;
                } else if (top + 1 < nr) {
                    top++;
                    stack_r[top] = match_col[j];
                    stack_k[top] = 0;
                    via[top] = j;
                }
            }
            rank += found;
        }
    }
    free(match_col);
    free(seen);
    free(stack_r);
    free(stack_k);
    free(via);
    return rank;
}

int
tdm_model_dof(const tdm_model *m, tdm_dof *dof, tdm_error *err)
{
    memset(dof, 0, sizeof *dof);
    dof->ncols = m->ncols;
    int nstruct = 0;
    for (int i = 0; i < m->nrows; i++) {
        if (m->rows[i].kind == TDM_ROW_BALANCE) dof->nbalance++;
        if (m->rows[i].kind == TDM_ROW_SPEC) dof->nspec++;
    }
    nstruct = dof->nbalance + dof->nspec;
    dof->redundant = malloc(sizeof(int) * (size_t)(m->nrows + 1));
    dof->fixes = malloc(sizeof(int) * (size_t)(m->nrows + 1));
    if (!dof->redundant || !dof->fixes) {
        tdm_dof_free(dof);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    if (m->ncols > DOF_DENSE_MAX_COLS) {
        /* Too large for the dense test: count equations only. */
        dof->exact = false;
        dof->rank = nstruct < m->ncols ? nstruct : m->ncols;
        dof->dof = m->ncols - nstruct;
        return 0;
    }
    dof->exact = true;
    struct basis B = {.n = m->ncols};
    size_t cells = (size_t)(m->ncols > 0 ? m->ncols : 1);
    B.b = malloc(sizeof(double) * cells * cells);
    B.piv = malloc(sizeof(int) * cells);
    B.colscale = calloc(cells, sizeof(double));
    double *v = malloc(sizeof(double) * cells);
    if (!B.b || !B.piv || !B.colscale || !v) {
        free(B.b);
        free(B.piv);
        free(B.colscale);
        free(v);
        tdm_dof_free(dof);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    /* Columns scaled to unit maximum so that electron flows and mol flows weigh alike. */
    for (int i = 0; i < m->nrows; i++)
        for (int k = 0; k < m->rows[i].n; k++) {
            int j = m->rows[i].cols[k];
            B.colscale[j] = fmax(B.colscale[j], fabs(m->rows[i].vals[k]));
        }
    for (int j = 0; j < m->ncols; j++)
        B.colscale[j] = B.colscale[j] > 0 ? 1 / B.colscale[j] : 1;
    /* Balances first, then specs: a dependent spec is the one to remove. */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < m->nrows; i++) {
            enum tdm_row_kind want = pass == 0 ? TDM_ROW_BALANCE : TDM_ROW_SPEC;
            if (m->rows[i].kind != want) continue;
            if (B.r >= m->ncols || !basis_try_add(&B, &m->rows[i], v, true))
                dof->redundant[dof->nredundant++] = i;
        }
    dof->rank = B.r;
    dof->dof = m->ncols - B.r;
    dof->structural_rank = structural_rank(m);
    /* A redundant spec either repeats what other specs fix, or asks for something the
     * balances alone determine: tell them apart against a basis of the balances only. */
    dof->by_balances = calloc((size_t)dof->nredundant + 1, sizeof(bool));
    if (!dof->by_balances) {
        free(B.b);
        free(B.piv);
        free(B.colscale);
        free(v);
        tdm_dof_free(dof);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    if (dof->nredundant) {
        B.r = 0;
        for (int i = 0; i < m->nrows; i++)
            if (m->rows[i].kind == TDM_ROW_BALANCE && B.r < m->ncols)
                basis_try_add(&B, &m->rows[i], v, true);
        for (int k = 0; k < dof->nredundant; k++)
            dof->by_balances[k] = !basis_try_add(&B, &m->rows[dof->redundant[k]], v, false);
        /* back to the full basis for the candidate test below */
        B.r = 0;
        for (int pass = 0; pass < 2; pass++)
            for (int i = 0; i < m->nrows; i++) {
                enum tdm_row_kind want = pass == 0 ? TDM_ROW_BALANCE : TDM_ROW_SPEC;
                if (m->rows[i].kind == want && B.r < m->ncols)
                    basis_try_add(&B, &m->rows[i], v, true);
            }
    }
    /* Candidate specs that would each take up one remaining degree of freedom. */
    for (int i = 0; i < m->nrows && B.r < m->ncols; i++) {
        if (m->rows[i].kind != TDM_ROW_CANDIDATE) continue;
        if (basis_try_add(&B, &m->rows[i], v, false)) dof->fixes[dof->nfixes++] = i;
    }
    free(B.b);
    free(B.piv);
    free(B.colscale);
    free(v);
    return 0;
}

void
tdm_dof_free(tdm_dof *dof)
{
    free(dof->redundant);
    free(dof->fixes);
    free(dof->by_balances);
    dof->redundant = dof->fixes = NULL;
    dof->by_balances = NULL;
}

/* ---- solve ---------------------------------------------------------------------------- */

static int
build_lp(tdm_model *m, tdm_error *err)
{
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    int nlp = 0;
    for (int i = 0; i < m->nrows; i++)
        if (m->rows[i].kind != TDM_ROW_CANDIDATE) nlp++;
    if (nlp) glp_add_rows(lp, nlp);
    if (m->ncols) glp_add_cols(lp, m->ncols);
    int *ind = malloc(sizeof(int) * (size_t)(m->ncols + 1));
    double *val = malloc(sizeof(double) * (size_t)(m->ncols + 1));
    if (!ind || !val) {
        free(ind);
        free(val);
        glp_delete_prob(lp);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    free(m->grow);
    m->grow = malloc(sizeof(int) * (size_t)(nlp ? nlp : 1));
    if (!m->grow) {
        free(ind);
        free(val);
        glp_delete_prob(lp);
        return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    }
    m->lp = lp;
    m->nglp = nlp;
    m->built_rows = m->nrows;
    int g = 0;
    for (int i = 0; i < m->nrows; i++) {
        struct row *r = &m->rows[i];
        r->glp = r->kind == TDM_ROW_CANDIDATE ? 0 : ++g;
        if (r->glp) m->grow[g - 1] = i;
        if (r->glp) push_row(m, r, ind, val);
        r->dirty = false;
    }
    for (int j = 0; j < m->ncols; j++) {
        push_col_bnds(lp, j, &m->cols[j]);
        m->cols[j].dirty = false;
    }
    free(ind);
    free(val);
    /* Scaling and the initial basis report on GLPK's terminal; silence it for these calls
     * and put back what the caller had. */
    int term = glp_term_out(GLP_OFF);
    glp_scale_prob(lp, GLP_SF_AUTO);
    glp_adv_basis(lp, 0);
    glp_term_out(term);
    return 0;
}

/* Exact rational arithmetic is for models of up to this many GLPK rows: its time grows fast
 * with size. */
#define EXACT_MAX_ROWS 2000

static int
run_simplex(tdm_model *m, const tdm_solve_opts *opts, bool presolve)
{
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    parm.presolve = presolve ? GLP_ON : GLP_OFF;
    if (opts && opts->iteration_limit > 0) parm.it_lim = opts->iteration_limit;
    int rc = glp_simplex(m->lp, &parm);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        /* The kept basis does not suit the changed model: start again from a fresh one. */
        int term = glp_term_out(GLP_OFF);
        glp_adv_basis(m->lp, 0);
        glp_term_out(term);
        rc = glp_simplex(m->lp, &parm);
    }
    if ((rc == GLP_EFAIL || rc == GLP_ESING || rc == GLP_ECOND) &&
        glp_get_num_rows(m->lp) <= EXACT_MAX_ROWS) {
        /* Near singular for double precision (a recycle that almost nothing leaves): the
         * simplex in exact rational arithmetic, slow but sure, from a fresh basis (for
         * models of up to 2,000 rows: its time grows fast with size). */
        int term = glp_term_out(GLP_OFF);
        glp_adv_basis(m->lp, 0);
        rc = glp_exact(m->lp, &parm);
        glp_term_out(term);
    }
    return rc;
}

/* The model has no non-negative solution. Solve it again with every bound released; the
 * most negative value (relative to the flows around it) points at the balance that
 * cannot hold. */
static int
explain_infeasible(tdm_model *m, const char *file, tdm_error *err)
{
    double *near = malloc(sizeof *near * (size_t)(m->ncols + 1));
    if (!near) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    for (int j = 0; j < m->ncols; j++)
        glp_set_col_bnds(m->lp, j + 1, GLP_FR, 0, 0);
    int term = glp_term_out(GLP_OFF);
    glp_adv_basis(m->lp, 0);
    glp_term_out(term);
    int rc = run_simplex(m, NULL, false);
    int status = glp_get_status(m->lp);
    int worst = -1;
    double worst_v = 0;
    if (rc == 0 && (status == GLP_OPT || status == GLP_FEAS)) {
        /* A value counts as below its bound by more than rounding when it is so beside the
         * terms of its own rows: each column's scale is the largest term |a x| of the
         * smallest row it is in. One scale for the whole model, its largest value, let a
         * plant's power in watts (3e8) hide a CO2 flow 0.02 mol/s below zero, and the
         * contradiction was then blamed on the arithmetic. */
        for (int j = 0; j < m->ncols; j++)
            near[j] = HUGE_VAL;
        for (int i = 0; i < m->nrows; i++) {
            const struct row *r = &m->rows[i];
            if (r->kind == TDM_ROW_CANDIDATE) continue;
            double big = 0;
            for (int k = 0; k < r->n; k++)
                big = fmax(big, fabs(r->vals[k] * glp_get_col_prim(m->lp, r->cols[k] + 1)));
            for (int k = 0; k < r->n; k++)
                if (r->vals[k] != 0) near[r->cols[k]] = fmin(near[r->cols[k]], big);
        }
        for (int j = 0; j < m->ncols; j++) {
            double v = glp_get_col_prim(m->lp, j + 1);
            double scale = isfinite(near[j]) ? near[j] : fabs(v);
            if (isfinite(m->cols[j].lb) && v < m->cols[j].lb - 1e-9 * scale &&
                v - m->cols[j].lb < worst_v) {
                worst_v = v - m->cols[j].lb;
                worst = j;
            }
        }
    }
    free(near);
    for (int j = 0; j < m->ncols; j++)
        push_col_bnds(m->lp, j, &m->cols[j]);
    term = glp_term_out(GLP_OFF);
    glp_adv_basis(m->lp, 0);
    glp_term_out(term);
    if (worst < 0) {
        tdm_errorf(err, TDM_ESOLVE, file, 0,
                   "the balances and specifications contradict each other (no solution even "
                   "with negative flows allowed); run `tandem check` on the file");
        if (err) err->reason = TDM_R_CONTRADICTION;
        return -1;
    }
    /* The row that defines the offending column: the owner's first balance containing it. */
    int defrow = -1;
    for (int pass = 0; pass < 2 && defrow < 0; pass++)
        for (int i = 0; i < m->nrows && defrow < 0; i++) {
            const struct row *r = &m->rows[i];
            if (r->kind == TDM_ROW_CANDIDATE) continue;
            if (pass == 0 && (r->owner != m->cols[worst].home || r->kind != TDM_ROW_BALANCE))
                continue;
            for (int k = 0; k < r->n; k++)
                if (r->cols[k] == worst && r->vals[k] != 0) {
                    defrow = i;
                    break;
                }
        }
    double v = worst_v + m->cols[worst].lb;
    if (defrow < 0)
        return tdm_errorf(err, TDM_ESOLVE, file, 0,
                          "no solution with non-negative flows: %s would be %.6g",
                          m->cols[worst].label, v);
    const struct row *r = &m->rows[defrow];
    return tdm_errorf(err, TDM_ESOLVE, file, r->line,
                      "%s cannot hold with non-negative flows: %s would be %.6g%s%s", r->label,
                      m->cols[worst].label, v, r->hint ? "; " : "", r->hint ? r->hint : "");
}

/* Frees the kept basis and its work arrays. */
static void
drop_basis(tdm_model *m)
{
    free(m->head);
    free(m->rpos);
    free(m->cpos);
    free(m->cstat);
    free(m->bstart);
    free(m->rhs);
    free(m->rhs0);
    free(m->xb);
    free(m->bnorm);
    free(m->babs);
    free(m->nonbasic);
    m->nonbasic = NULL;
    tdm_lu_free(m->lu);
    m->head = m->rpos = m->cpos = m->bstart = NULL;
    m->cstat = NULL;
    m->rhs = m->rhs0 = m->xb = m->bnorm = m->babs = NULL;
    m->assembled = false;
    m->lu = NULL;
    m->solved = false;
}

/* Keeps the basis GLPK's simplex ended on (after a successful solve). */
static int
keep_basis(tdm_model *m)
{
    glp_prob *lp = m->lp;
    int nr = glp_get_num_rows(lp), nc = m->ncols;
    m->solved = false;
    m->assembled = false;
    if (nr == 0 || nr != m->nglp || (!glp_bf_exists(lp) && glp_factorize(lp) != 0)) return -1;
    if (!m->head) {
        m->head = malloc(sizeof(int) * (size_t)nr);
        m->rpos = malloc(sizeof(int) * (size_t)nr);
        m->cpos = malloc(sizeof(int) * (size_t)(nc ? nc : 1));
        m->cstat = malloc((size_t)(nc ? nc : 1));
        m->bstart = malloc(sizeof(int) * (size_t)(nr + 1));
        m->rhs = malloc(sizeof(double) * (size_t)nr);
        m->rhs0 = malloc(sizeof(double) * (size_t)nr);
        m->xb = malloc(sizeof(double) * (size_t)nr);
        m->bnorm = malloc(sizeof(double) * (size_t)nr);
        m->babs = malloc(sizeof(double) * (size_t)nr);
        m->nonbasic = malloc(sizeof(int) * (size_t)(nc ? nc : 1));
        m->lu = tdm_lu_new();
        if (!m->head || !m->rpos || !m->cpos || !m->cstat || !m->bstart || !m->rhs || !m->rhs0 ||
            !m->xb || !m->bnorm || !m->babs || !m->nonbasic || !m->lu) {
            /* all or none, so that the next solve tries again from nothing */
            drop_basis(m);
            return -1;
        }
    }
    for (int g = 0; g < nr; g++)
        m->rpos[g] = -1;
    for (int j = 0; j < nc; j++) {
        m->cpos[j] = -1;
        m->cstat[j] = (signed char)glp_get_col_stat(lp, j + 1);
    }
    for (int k = 0; k < nr; k++) {
        int v = glp_get_bhead(lp, k + 1);
        m->head[k] = v - 1;
        if (v <= nr)
            m->rpos[v - 1] = k;
        else
            m->cpos[v - nr - 1] = k;
    }
    m->solved = true;
    return 0;
}

int
tdm_model_solve_exact(tdm_model *m, double *x, const char *file, tdm_error *err)
{
    TDM_CONTRACT(m->lp);
    if (!m->lp)
        return tdm_errorf(err, TDM_EAPI, file, 0, "solve the model before an exact re-solve");
    if (glp_get_num_rows(m->lp) > EXACT_MAX_ROWS) return 1;
    if (sync_lp(m)) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    int term = glp_term_out(GLP_OFF);
    int rc = glp_exact(m->lp, &parm);
    if (rc == GLP_EBADB || rc == GLP_ESING) { /* no usable basis: start from a fresh one */
        glp_adv_basis(m->lp, 0);
        rc = glp_exact(m->lp, &parm);
    }
    glp_term_out(term);
    m->simplex_runs++;
    m->solved = false;
    int status = glp_get_status(m->lp);
    if (rc == 0 && (status == GLP_NOFEAS || status == GLP_INFEAS)) {
        tdm_errorf(err, TDM_ESOLVE, file, 0,
                   "the balances and specifications contradict each other, in exact "
                   "arithmetic too; run `tandem check` on the file");
        if (err) err->reason = TDM_R_CONTRADICTION;
        return -1;
    }
    if (rc != 0 || !(status == GLP_OPT || status == GLP_FEAS))
        return tdm_errorf(err, TDM_ESOLVE, file, 0,
                          "the exact solver failed (GLPK code %d, status %d)", rc, status);
    for (int j = 0; j < m->ncols; j++)
        x[j] = glp_get_col_prim(m->lp, j + 1);
    keep_basis(m);
    return 0;
}

/* A non-basic column's value: the bound it sits at. Fails when that bound has gone. */
static bool
nonbasic_value(const tdm_model *m, int j, double *v)
{
    const struct col *c = &m->cols[j];
    switch (m->cstat[j]) {
    case GLP_NL:
        *v = c->lb;
        break;
    case GLP_NU:
        *v = c->ub;
        break;
    case GLP_NF:
        *v = 0;
        return true;
    case GLP_NS:
        if (c->lb != c->ub) return false;
        *v = c->lb;
        break;
    default:
        return false;
    }
    return isfinite(*v);
}

/* Writes GLPK row g of the basis matrix at bvals[at...] (its basic entries, its slack's
 * first when basic) and its right-hand side (the non-basic columns' part moved over);
 * returns where the next row starts. */
static int
assemble_row(tdm_model *m, int g, int at, const double *x)
{
    const struct row *r = &m->rows[m->grow[g]];
    double b = 0, norm = 0;
    if (m->rpos[g] >= 0) {
        m->bcols[at] = m->rpos[g];
        m->bvals[at++] = 1.0;
        norm = 1.0;
    } else {
        b = -r->rhs;
    }
    for (int k = 0; k < r->n; k++) {
        int j = r->cols[k], p = m->cpos[j];
        if (p >= 0) {
            m->bcols[at] = p;
            m->bvals[at++] = -r->vals[k];
            norm += fabs(r->vals[k]);
        } else {
            b += r->vals[k] * x[j];
        }
    }
    m->rhs0[g] = b;
    m->bnorm[g] = norm;
    m->babs[g] = fabs(r->rhs);
    return at;
}

/* The rows' count of basic entries (with a basic slack's), as assemble_row writes them. */
static int
basic_entries(const tdm_model *m, int g)
{
    const struct row *r = &m->rows[m->grow[g]];
    int n = m->rpos[g] >= 0;
    for (int k = 0; k < r->n; k++)
        n += m->cpos[r->cols[k]] >= 0;
    return n;
}

/* The basis matrix and right-hand side for the kept basis: whole the first time, then only
 * the rows changed since (the other rows' numbers are what they were). */
static int
assemble(tdm_model *m, double *x)
{
    int nr = m->nglp;
    if (m->assembled && !m->touched_cols) {
        /* x is the caller's: its non-basic values are written again, as a whole assembly
         * writes them */
        for (int t = 0; t < m->nnonbasic; t++)
            if (!nonbasic_value(m, m->nonbasic[t], &x[m->nonbasic[t]])) return -1;
        bool ok = true;
        for (int t = 0; t < m->ntouched && ok; t++) {
            int g = m->rows[m->touched[t]].glp - 1;
            if (g < 0) continue; /* a candidate row: not in the basis matrix */
            if (basic_entries(m, g) != m->bstart[g + 1] - m->bstart[g])
                ok = false;
            else
                assemble_row(m, g, m->bstart[g], x);
        }
        for (int t = 0; t < m->ntouched; t++)
            m->rows[m->touched[t]].touched = false;
        m->ntouched = 0;
        if (ok) return 0;
    }
    for (int t = 0; t < m->ntouched; t++)
        m->rows[m->touched[t]].touched = false;
    m->ntouched = 0;
    m->touched_cols = false;
    m->assembled = false;
    int need = nr;
    for (int g = 0; g < nr; g++)
        need += m->rows[m->grow[g]].n;
    if (need > m->bcap) {
        int *c = realloc(m->bcols, sizeof(int) * (size_t)need);
        if (!c) return -1;
        m->bcols = c;
        double *v = realloc(m->bvals, sizeof(double) * (size_t)need);
        if (!v) return -1;
        m->bvals = v;
        m->bcap = need;
    }
    m->nnonbasic = 0;
    for (int j = 0; j < m->ncols; j++) {
        if (m->cpos[j] >= 0) continue;
        if (!nonbasic_value(m, j, &x[j])) return -1;
        m->nonbasic[m->nnonbasic++] = j;
    }
    int nnz = 0;
    for (int g = 0; g < nr; g++) {
        m->bstart[g] = nnz;
        nnz = assemble_row(m, g, nnz, x);
    }
    m->bstart[nr] = nnz;
    m->assembled = true;
    return 0;
}

/* A re-solve on the kept basis, without the simplex: after a change of coefficients the
 * basis is usually still the answer, so factorize it and solve B z_B = -N z_N directly,
 * where z = (row activities, columns) and (I | -A) z = 0; non-basic row activities sit at
 * their right-hand sides (every row is an equation) and non-basic columns at their
 * bounds. The basis matrix is built from the model's own rows, so GLPK need not be told
 * of the change, and factorized by tdm_lu, which replays the pivots of the first
 * factorization when only the numbers changed. When every basic value keeps within its
 * bounds and the residual is small this is the simplex's own answer (with zero
 * iterations); otherwise the simplex takes over. Sweeps and Monte Carlo spend much of
 * their time here. */
static int
resolve_on_basis(tdm_model *m, double *x)
{
    int nr = m->nglp;
    if (assemble(m, x)) return -1;
    double big = 0;
    for (int g = 0; g < nr; g++) {
        m->rhs[g] = m->rhs0[g];
        if (m->babs[g] > big) big = m->babs[g];
    }
    m->factored = tdm_lu_factor(m->lu, nr, m->bstart, m->bcols, m->bvals) == 0;
    if (!m->factored) return -1;
    tdm_lu_solve(m->lu, m->rhs, m->xb);
    double xmax = 0;
    for (int k = 0; k < nr; k++) {
        double a = fabs(m->xb[k]);
        if (a > xmax) xmax = a; /* as fmax: a NaN is caught below */
    }
    /* the residual, row by row, against the size of the row's terms, or (a row whose
     * answer is zero, made of rounding noise: a species that a recycle carries none of)
     * against the row's coefficients times the largest value, which is what a backward-
     * stable factorization promises */
    for (int g = 0; g < nr; g++) {
        double sum = -m->rhs0[g], size = fabs(m->rhs0[g]);
        for (int p = m->bstart[g]; p < m->bstart[g + 1]; p++) {
            double t = m->bvals[p] * m->xb[m->bcols[p]];
            sum += t;
            size += fabs(t);
        }
        if (!(fabs(sum) <= 1e-9 * size + 1e-13 * m->bnorm[g] * xmax + 1e-300)) return -1;
    }
    if (xmax > big) big = xmax;
    double tol = 1e-9 * (big > 0 ? big : 1);
    for (int k = 0; k < nr; k++) {
        int v = m->head[k];
        double z = m->xb[k];
        if (v < nr) {
            /* a basic row activity must equal the row's right-hand side */
            if (fabs(z - m->rows[m->grow[v]].rhs) > tol) return -1;
            continue;
        }
        int j = v - nr;
        if (z < m->cols[j].lb - tol || z > m->cols[j].ub + tol) return -1;
        x[j] = z;
    }
    return 0;
}

double
tdm_model_weakest_row(tdm_model *m, const double *x, int *row)
{
    *row = -1;
    if (!m->solved || !m->lu) return HUGE_VAL;
    /* the kept basis, factorized as a re-solve would; resolve_on_basis writes into a copy
     * of x (and may refuse a basis whose answer it cannot confirm: then none is named) */
    double *y = malloc(sizeof(double) * (size_t)(m->ncols ? m->ncols : 1));
    double weakest = HUGE_VAL;
    if (y) {
        memcpy(y, x, sizeof(double) * (size_t)m->ncols);
        int g = -1;
        m->factored = false;
        resolve_on_basis(m, y);
        if (m->factored) weakest = tdm_lu_weakest_pivot(m->lu, m->bstart, m->bcols, m->bvals, &g);
        if (g >= 0) *row = m->grow[g];
    }
    free(y);
    return weakest;
}

int
tdm_model_solve(tdm_model *m, const tdm_solve_opts *opts, double *x, const char *file,
                tdm_error *err)
{
    TDM_CONTRACT(!m->updating);
    if (m->updating)
        return tdm_errorf(err, TDM_EAPI, NULL, 0, "model is being updated; call update_end");
    if (m->nomem) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    bool first = !m->lp;
    TDM_CONTRACT(first || (m->nrows == m->built_rows && m->ncols == glp_get_num_cols(m->lp)));
    if (!first && (m->nrows != m->built_rows || m->ncols != glp_get_num_cols(m->lp)))
        return tdm_errorf(err, TDM_EAPI, file, 0,
                          "rows or columns were added after the model was first solved; build a "
                          "new model instead");
    if (first && build_lp(m, err)) return -1;
    if (!first && m->solved && resolve_on_basis(m, x) == 0) return 0;
    m->solved = false;
    if (sync_lp(m)) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    int rc = run_simplex(m, opts, first && opts && opts->presolve);
    m->simplex_runs++;
    int status = glp_get_status(m->lp);
    if (rc == GLP_ENOPFS || (rc == 0 && (status == GLP_NOFEAS || status == GLP_INFEAS)))
        return explain_infeasible(m, file, err);
    if (rc == GLP_EITLIM || rc == GLP_ETMLIM)
        return tdm_errorf(err, TDM_ESOLVE, file, 0, "the solver stopped at its iteration limit");
    if (rc != 0 || !(status == GLP_OPT || status == GLP_FEAS))
        return tdm_errorf(err, TDM_ESOLVE, file, 0,
                          "the linear solver failed (GLPK code %d, status %d); run `tandem check` "
                          "on the file",
                          rc, status);
    for (int j = 0; j < m->ncols; j++)
        x[j] = glp_get_col_prim(m->lp, j + 1);
    keep_basis(m);
    return 0;
}
