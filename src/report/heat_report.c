/* Reports of the heat integration: text; CSV and JSON written once (the targets, the duties,
 * the composite curves, the cascade); the composite-curve chart. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charts.h"
#include "tandem/heat.h"
#include "tandem/report.h"
#include "emit.h"
#include "writers.h"

static const double C0 = 273.15;

static int
text(FILE *f, const tdm_heat *h)
{
    char a[64], b[64], c[64];
    fprintf(
        f,
        "HEAT DUTIES (each a stream; at one temperature: over 1 K)\n  %-16s %-28s %9s %9s %12s\n",
        "unit", "duty", "from C", "to C", "kW");
    for (int i = 0; i < h->n; i++) {
        const tdm_heat_stream *s = &h->s[i];
        tdm_fmt_dash(a, sizeof a, s->t_supply - C0);
        tdm_fmt_dash(b, sizeof b, s->t_target - C0);
        tdm_fmt_dash(c, sizeof c, s->q / 1e3);
        fprintf(f, "  %-16.16s %-28.28s %9s %9s %12s\n", s->unit, s->label, a, b, c);
    }
    fprintf(f, "\nHEAT CASCADE at dT_min = %g K\n", h->dtmin);
    const struct {
        const char *label;
        double v;
    } rows[] = {{"heat needed without integration", h->heat_needed},
                {"heat rejected without integration", h->heat_rejected},
                {"minimum hot utility", h->hot_utility},
                {"minimum cold utility", h->cold_utility},
                {"heat recovered between streams", h->recovered}};
    for (size_t k = 0; k < sizeof rows / sizeof *rows; k++) {
        tdm_fmt_dash(a, sizeof a, rows[k].v / 1e3);
        fprintf(f, "  %-40s %12s kW\n", rows[k].label, a);
    }
    if (h->heat_needed > 0) {
        tdm_fmt_dash(a, sizeof a, 100 * (h->heat_needed - h->hot_utility) / h->heat_needed);
        fprintf(f, "  %-40s %12s %%\n", "hot utility saved", a);
    }
    if (isnan(h->pinch_shifted)) {
        fprintf(f, "  no pinch: the cascade never runs dry between its ends\n");
    } else {
        tdm_fmt_dash(a, sizeof a, h->pinch_shifted - C0);
        tdm_fmt_dash(b, sizeof b, h->pinch_shifted - C0 + h->dtmin / 2);
        tdm_fmt_dash(c, sizeof c, h->pinch_shifted - C0 - h->dtmin / 2);
        fprintf(f, "  pinch at %s C shifted (hot %s C, cold %s C)\n", a, b, c);
    }
    fprintf(f, "\n  %12s %14s\n", "shifted C", "cascade kW");
    for (int k = 0; k < h->nb; k++) {
        tdm_fmt_dash(a, sizeof a, h->boundary[k] - C0);
        tdm_fmt_dash(b, sizeof b, h->cascade[k] / 1e3);
        fprintf(f, "  %12s %14s\n", a, b);
    }
    return ferror(f) ? -1 : 0;
}

/* A curve's points, a list of records {temperature, KEY} in C and kW; in CSV, the item is
 * the point's number from 1. */
static void
points(tdm_emitter *e, const char *list, const char *key, const double *t, const double *q, int n)
{
    tdm_emit_open(e, list, TDM_LIST);
    for (int i = 0; i < n; i++) {
        char no[16];
        snprintf(no, sizeof no, "%d", i + 1);
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_item(e, list, no);
        tdm_emit_qty(e, "temperature", t[i] - C0, "C");
        tdm_emit_qty(e, key, q[i] / 1e3, "kW");
        tdm_emit_close(e);
    }
    tdm_emit_close(e);
}

/* For programs, written once (emit.h): the targets, the duties, the composite curves and the
 * cascade. */
static int
machine(tdm_emitter *e, const tdm_heat *h)
{
    tdm_emit_item(e, "summary", "plant"); /* the targets are the document's own values */
    tdm_emit_qty(e, "dtmin", h->dtmin, "K");
    tdm_emit_qty(e, "hot_utility", h->hot_utility / 1e3, "kW");
    tdm_emit_qty(e, "cold_utility", h->cold_utility / 1e3, "kW");
    tdm_emit_qty(e, "heat_needed", h->heat_needed / 1e3, "kW");
    tdm_emit_qty(e, "heat_rejected", h->heat_rejected / 1e3, "kW");
    tdm_emit_qty(e, "recovered", h->recovered / 1e3, "kW");
    tdm_emit_qty(e, "pinch_shifted", h->pinch_shifted - C0, "C");
    tdm_emit_item(e, NULL, NULL);
    tdm_emit_open(e, "streams", TDM_LIST);
    for (int i = 0; i < h->n; i++) {
        const tdm_heat_stream *s = &h->s[i];
        char item[200];
        snprintf(item, sizeof item, "%s/%s", s->unit, s->label);
        tdm_emit_open(e, NULL, TDM_MAP | TDM_INLINE);
        tdm_emit_text(e, "unit", s->unit);
        tdm_emit_text(e, "duty", s->label);
        tdm_emit_item(e, "stream", item);
        tdm_emit_qty(e, "supply", s->t_supply - C0, "C");
        tdm_emit_qty(e, "target", s->t_target - C0, "C");
        tdm_emit_qty(e, "q", s->q / 1e3, "kW");
        tdm_emit_close(e);
    }
    tdm_emit_close(e);
    points(e, "hot_composite", "enthalpy", h->hot_t, h->hot_h, h->nhot);
    points(e, "cold_composite", "enthalpy", h->cold_t, h->cold_h, h->ncold);
    points(e, "cascade", "heat_flow", h->boundary, h->cascade, h->nb);
    return tdm_emit_end(e);
}

int
tdm_report_heat(FILE *f, enum tdm_format fmt, const tdm_heat *h)
{
    if (fmt == TDM_FMT_TEXT) return text(f, h);
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f)) return -1;
    return machine(&e, h);
}

int
tdm_report_heat_chart(const char *path, const tdm_heat *h, tdm_error *err)
{
    double ht[TDM_HEAT_MAX_POINTS], hh[TDM_HEAT_MAX_POINTS], ct[TDM_HEAT_MAX_POINTS],
        ch[TDM_HEAT_MAX_POINTS];
    for (int i = 0; i < h->nhot; i++) {
        ht[i] = h->hot_t[i] - C0;
        hh[i] = h->hot_h[i] / 1e6;
    }
    for (int i = 0; i < h->ncold; i++) {
        ct[i] = h->cold_t[i] - C0;
        ch[i] = h->cold_h[i] / 1e6;
    }
    char tmp[1100];
    if (tdm_chart_begin(path, tmp, sizeof tmp, err)) return -1;
    return tdm_chart_end(path, tmp, tdm_chart_composite(tmp, ht, hh, h->nhot, ct, ch, h->ncold),
                         err);
}
