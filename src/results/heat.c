/* Heat integration: the problem-table cascade as a linear program (see tandem/heat.h). */
#include "tandem/heat.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/unit.h"

/* The stream's range, shifted, high to low; isothermal duties span 1 K. */
static void
shifted(const tdm_heat_stream *s, double dt, double *hi, double *lo)
{
    double a = s->t_supply, b = s->t_target;
    if (fabs(a - b) < 1e-9) {
        if (s->q > 0)
            a -= 1.0; /* needs heat up to T */
        else
            b -= 1.0; /* gives heat down from T */
    }
    double shift = s->q > 0 ? dt / 2 : -dt / 2;
    *hi = fmax(a, b) + shift;
    *lo = fmin(a, b) + shift;
}

static int
cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* A composite curve of the hot (sign < 0) or cold (sign > 0) streams, in real
 * temperatures: cumulative enthalpy from the coldest point. */
static int
composite(const tdm_heat *h, int sign, double *t, double *H)
{
    double pts[TDM_HEAT_MAX_POINTS];
    int np = 0;
    for (int i = 0; i < h->n; i++) {
        const tdm_heat_stream *s = &h->s[i];
        if ((s->q > 0) != (sign > 0) || s->q == 0) continue;
        double hi, lo;
        shifted(s, 0, &hi, &lo);
        pts[np++] = hi;
        pts[np++] = lo;
    }
    if (np == 0) return 0;
    qsort(pts, (size_t)np, sizeof *pts, cmp_desc);
    int n = 0;
    for (int i = np - 1; i >= 0; i--) /* ascending */
        if (n == 0 || pts[i] > t[n - 1] + 1e-9) t[n++] = pts[i];
    H[0] = 0;
    for (int k = 1; k < n; k++) {
        double dh = 0;
        for (int i = 0; i < h->n; i++) {
            const tdm_heat_stream *s = &h->s[i];
            if ((s->q > 0) != (sign > 0) || s->q == 0) continue;
            double hi, lo;
            shifted(s, 0, &hi, &lo);
            double cp = fabs(s->q) / (hi - lo);
            double ov = fmin(t[k], hi) - fmax(t[k - 1], lo);
            if (ov > 0) dh += cp * ov;
        }
        H[k] = H[k - 1] + dh;
    }
    return n;
}

int
tdm_heat_cascade(tdm_heat *h, double dtmin, tdm_error *err)
{
    h->dtmin = dtmin;
    h->heat_needed = h->heat_rejected = 0;
    double pts[TDM_HEAT_MAX_POINTS];
    int np = 0;
    for (int i = 0; i < h->n; i++) {
        const tdm_heat_stream *s = &h->s[i];
        if (s->q > 0) h->heat_needed += s->q;
        if (s->q < 0) h->heat_rejected -= s->q;
        if (s->q == 0) continue;
        double hi, lo;
        shifted(s, dtmin, &hi, &lo);
        pts[np++] = hi;
        pts[np++] = lo;
    }
    h->nb = 0;
    h->hot_utility = h->cold_utility = h->recovered = 0;
    h->pinch_shifted = NAN;
    h->nhot = h->ncold = 0;
    if (np == 0) return 0;
    qsort(pts, (size_t)np, sizeof *pts, cmp_desc);
    for (int i = 0; i < np; i++)
        if (h->nb == 0 || pts[i] < h->boundary[h->nb - 1] - 1e-9) h->boundary[h->nb++] = pts[i];
    int K = h->nb - 1; /* intervals */
    double *surplus = calloc((size_t)(K > 0 ? K : 1), sizeof *surplus);
    if (!surplus) return tdm_errorf(err, TDM_ESYSTEM, NULL, 0, "out of memory");
    for (int k = 0; k < K; k++) {
        double top = h->boundary[k], bot = h->boundary[k + 1];
        for (int i = 0; i < h->n; i++) {
            const tdm_heat_stream *s = &h->s[i];
            if (s->q == 0) continue;
            double hi, lo;
            shifted(s, dtmin, &hi, &lo);
            double ov = fmin(top, hi) - fmax(bot, lo);
            if (ov <= 0) continue;
            double cp = fabs(s->q) / (hi - lo);
            surplus[k] += (s->q < 0 ? 1 : -1) * cp * ov;
        }
    }
    /* The cascade LP: columns Q_hot, R_1..R_K >= 0; rows R_k - R_(k-1) = surplus_k. */
    glp_prob *lp = glp_create_prob();
    glp_set_obj_dir(lp, GLP_MIN);
    glp_add_cols(lp, K + 1);
    for (int j = 1; j <= K + 1; j++)
        glp_set_col_bnds(lp, j, GLP_LO, 0, 0);
    glp_set_obj_coef(lp, 1, 1.0);
    if (K > 0) glp_add_rows(lp, K);
    for (int k = 0; k < K; k++) {
        int ind[3] = {0, k + 2, k + 1};
        double val[3] = {0, 1.0, -1.0};
        glp_set_mat_row(lp, k + 1, 2, ind, val);
        glp_set_row_bnds(lp, k + 1, GLP_FX, surplus[k], surplus[k]);
    }
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    int term = glp_term_out(GLP_OFF);
    int rc = glp_simplex(lp, &parm);
    glp_term_out(term);
    int status = glp_get_status(lp);
    if (rc != 0 || status != GLP_OPT) {
        glp_delete_prob(lp);
        free(surplus);
        return tdm_errorf(err, TDM_ESOLVE, NULL, 0, "the heat cascade LP failed (GLPK %d)", rc);
    }
    h->hot_utility = glp_get_col_prim(lp, 1);
    h->cascade[0] = h->hot_utility;
    double scale = h->heat_needed + h->heat_rejected;
    for (int k = 1; k <= K; k++) {
        h->cascade[k] = glp_get_col_prim(lp, k + 1);
        if (fabs(h->cascade[k]) < 1e-9 * scale) h->cascade[k] = 0;
    }
    h->cold_utility = K > 0 ? h->cascade[K] : 0;
    for (int k = 1; k < K && isnan(h->pinch_shifted); k++)
        if (h->cascade[k] == 0) h->pinch_shifted = h->boundary[k];
    h->recovered = h->heat_needed - h->hot_utility;
    glp_delete_prob(lp);
    free(surplus);
    h->nhot = composite(h, -1, h->hot_t, h->hot_h);
    h->ncold = composite(h, +1, h->cold_t, h->cold_h);
    for (int i = 0; i < h->ncold; i++)
        h->cold_h[i] += h->cold_utility;
    return 0;
}

int
tdm_heat_analyze(const tdm_results *res, double dtmin, tdm_heat *h, tdm_error *err)
{
    h->n = 0;
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit_result *r = &res->units[i];
        for (int d = 0; d < r->nduty; d++) {
            if (r->duty[d].q_w == 0) continue;
            if (h->n == TDM_HEAT_MAX_STREAMS) {
                const tdm_unit *u = tdm_flowsheet_unit(res->fs, i);
                return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(res->fs), u->sec->line,
                                  "[%s] heat integration takes at most %d heat duties, and this "
                                  "unit's is one more (docs/hardening.md, Limits)",
                                  u->name, TDM_HEAT_MAX_STREAMS);
            }
            h->s[h->n++] = (tdm_heat_stream){.unit = tdm_flowsheet_unit(res->fs, i)->name,
                                             .label = r->duty[d].label,
                                             .q = r->duty[d].q_w,
                                             .t_supply = r->duty[d].t_supply,
                                             .t_target = r->duty[d].t_target};
        }
    }
    return tdm_heat_cascade(h, dtmin, err);
}
