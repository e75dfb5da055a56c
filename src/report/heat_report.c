/* Reports of the heat integration: text, CSV (streams, cascade, composite points), JSON,
 * and the composite-curve chart. */
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

static int
csv(FILE *f, const tdm_heat *h)
{
    fputs("table,name,temperature_C,enthalpy_kW\n", f);
    for (int i = 0; i < h->nhot; i++)
        fprintf(f, "hot_composite,,%.10g,%.10g\n", h->hot_t[i] - C0, h->hot_h[i] / 1e3);
    for (int i = 0; i < h->ncold; i++)
        fprintf(f, "cold_composite,,%.10g,%.10g\n", h->cold_t[i] - C0, h->cold_h[i] / 1e3);
    for (int k = 0; k < h->nb; k++)
        fprintf(f, "cascade,,%.10g,%.10g\n", h->boundary[k] - C0, h->cascade[k] / 1e3);
    fprintf(f, "summary,hot_utility,,%.10g\nsummary,cold_utility,,%.10g\n", h->hot_utility / 1e3,
            h->cold_utility / 1e3);
    fprintf(f, "summary,heat_needed,,%.10g\nsummary,heat_rejected,,%.10g\n", h->heat_needed / 1e3,
            h->heat_rejected / 1e3);
    if (isfinite(h->pinch_shifted))
        fprintf(f, "summary,pinch_shifted,%.10g,\n", h->pinch_shifted - C0);
    return ferror(f) ? -1 : 0;
}

static void
jq(FILE *f, const char *k, double v, const char *u)
{
    tdm_json_qty(f, k, v, u);
}

static int
json(FILE *f, const tdm_heat *h)
{
    fputs("{", f);
    jq(f, "dtmin", h->dtmin, "K");
    fputs(", ", f);
    jq(f, "hot_utility", h->hot_utility / 1e3, "kW");
    fputs(", ", f);
    jq(f, "cold_utility", h->cold_utility / 1e3, "kW");
    fputs(", ", f);
    jq(f, "heat_needed", h->heat_needed / 1e3, "kW");
    fputs(", ", f);
    jq(f, "heat_rejected", h->heat_rejected / 1e3, "kW");
    fputs(", ", f);
    jq(f, "recovered", h->recovered / 1e3, "kW");
    fputs(", ", f);
    jq(f, "pinch_shifted", h->pinch_shifted - C0, "C");
    fputs(",\n \"streams\": [", f);
    for (int i = 0; i < h->n; i++) {
        const tdm_heat_stream *s = &h->s[i];
        fprintf(f, "%s\n  {\"unit\": \"%s\", \"duty\": \"%s\", ", i ? "," : "", s->unit, s->label);
        jq(f, "supply", s->t_supply - C0, "C");
        fputs(", ", f);
        jq(f, "target", s->t_target - C0, "C");
        fputs(", ", f);
        jq(f, "q", s->q / 1e3, "kW");
        fputc('}', f);
    }
    fputs("\n ]}\n", f);
    return ferror(f) ? -1 : 0;
}

int
tdm_report_heat(FILE *f, enum tdm_format fmt, const tdm_heat *h)
{
    switch (fmt) {
    case TDM_FMT_TEXT:
        return text(f, h);
    case TDM_FMT_CSV:
        return csv(f, h);
    case TDM_FMT_JSON:
        return json(f, h);
    case TDM_FMT_MARKDOWN:
        break;
    }
    return -1;
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
