/* Shared formatting and the summary list. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tandem/arena.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/species.h"
#include "tandem/tea.h"
#include "tandem/unit.h"
#include "tandem/constants.h"
#include "emit.h"
#include "tandem/doc.h"
#include "writers.h"

int
tdm_format_parse(const char *s)
{
    if (strcmp(s, "text") == 0) return TDM_FMT_TEXT;
    if (strcmp(s, "csv") == 0) return TDM_FMT_CSV;
    if (strcmp(s, "json") == 0) return TDM_FMT_JSON;
    if (strcmp(s, "markdown") == 0) return TDM_FMT_MARKDOWN;
    return -1;
}

void
tdm_fmt_number(char *buf, size_t n, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return;
    }
    if (v == 0) {
        snprintf(buf, n, "0");
        return;
    }
    /* Round to 4 significant digits first, so 0.99999 shows as 1.000, not 1.0000. */
    char r[32];
    snprintf(r, sizeof r, "%.3e", v);
    v = strtod(r, NULL);
    double a = fabs(v);
    if (a >= 1e-3 && a < 1e7) {
        int mag = (int)floor(log10(a));
        int dec = 3 - mag;
        if (dec < 0) dec = 0;
        snprintf(buf, n, "%.*f", dec, v);
    } else {
        snprintf(buf, n, "%.3e", v);
    }
}

void
tdm_fmt_dash(char *buf, size_t n, double v)
{
    if (!isfinite(v))
        snprintf(buf, n, "-");
    else
        tdm_fmt_number(buf, n, v);
}

void
tdm_fmt_money(char *b, size_t n, double v)
{
    if (!isfinite(v)) {
        snprintf(b, n, "-");
        return;
    }
    if (fabs(v) >= 1e15) { /* beyond any plant: in powers of ten, not cut digits */
        snprintf(b, n, "%.4g", v);
        return;
    }
    char raw[64];
    snprintf(raw, sizeof raw, "%.0f", fabs(v));
    size_t len = strlen(raw), k = 0;
    if (v < -0.5 && k + 1 < n) b[k++] = '-';
    for (size_t i = 0; i < len && k + 2 < n; i++) {
        b[k++] = raw[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len) b[k++] = ',';
    }
    b[k] = '\0';
}

void
tdm_fmt_quantity(char *num, size_t nn, char *unit, size_t nu, double si, const char *disp)
{
    if (strcmp(disp, "A") == 0 || strcmp(disp, "W") == 0) {
        static const struct {
            double f;
            const char *p;
        } pre[] = {{1e9, "G"}, {1e6, "M"}, {1e3, "k"}, {1, ""}, {1e-3, "m"}, {1e-6, "u"}};
        double a = fabs(si);
        size_t i = 0;
        if (isfinite(a) && a > 0)
            while (i + 1 < sizeof pre / sizeof *pre && a < pre[i].f)
                i++;
        else
            i = 3;
        tdm_fmt_number(num, nn, si / pre[i].f);
        snprintf(unit, nu, "%s%s", pre[i].p, disp);
        return;
    }
    if (strcmp(disp, "C") == 0) {
        tdm_fmt_number(num, nn, si - 273.15);
        snprintf(unit, nu, "C");
        return;
    }
    tdm_fmt_number(num, nn, *disp ? tdm_from_si(si, disp) : si);
    snprintf(unit, nu, "%s", disp);
}

static double
per_kg(const tdm_summary *S, double w)
{
    return S->product_kg_s > 0 ? w / S->product_kg_s : NAN;
}

void
tdm_headline_of(const tdm_results *res, const struct tdm_tea *t, tdm_headline *h)
{
    h->lcop = t ? t->lcop : NAN;
    bool carbon = t && t->carbon.assessed;
    h->emissions = carbon ? t->carbon.per_kg : NAN;
    h->breakeven_grid = carbon ? t->carbon.breakeven_grid * 1000 : NAN;
    const tdm_summary *S = &res->summary;
    const char *p = tdm_flowsheet_path(res->fs);
    const char *slash = strrchr(p, '/');
    snprintf(h->name, sizeof h->name, "%s", slash ? slash + 1 : p);
    char *dot = strrchr(h->name, '.');
    if (dot && strcmp(dot, ".ini") == 0) *dot = '\0';
    const tdm_species *P = tdm_flowsheet_species_info(res->fs, tdm_flowsheet_main_product(res->fs));
    h->product = P->name;
    h->common = P->common;
    h->rate = tdm_from_si(S->product_kg_s, "t/day");
    h->electricity = tdm_from_si(S->electric_j_per_kg, "GJ/t");
    h->heat = tdm_from_si(per_kg(S, S->heat_in_w), "GJ/t");
    h->total = tdm_from_si(S->energy_j_per_kg, "GJ/t");
    h->gibbs = tdm_from_si(per_kg(S, S->gibbs_min_w), "GJ/t");
    h->second_law = tdm_from_si(S->second_law_eff, "%");
    h->carbon = tdm_from_si(S->carbon_efficiency, "%");
}

/* The text formats each have their writer; every machine format is the emitter's
 * (plant.c), so a new one needs nothing here. */
int
tdm_report_solve(FILE *f, enum tdm_format fmt, const tdm_results *res)
{
    if (fmt == TDM_FMT_TEXT) return tdm_text_solve(f, res);
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f)) return -1; /* Markdown: compare only */
    return tdm_machine_solve(&e, res);
}

int
tdm_doc_solve(const tdm_results *res, tdm_doc **out, tdm_error *err)
{
    tdm_emitter e;
    tdm_doc *d = tdm_doc_begin(&e);
    return tdm_doc_done(d, d ? tdm_machine_solve(&e, res) : -1, out, err);
}

int
tdm_report_compare(FILE *f, enum tdm_format fmt, enum tdm_layout layout,
                   const tdm_results *const *res, const struct tdm_tea *const *teas, int n)
{
    if (layout == TDM_LAYOUT_AUTO) layout = n <= 4 ? TDM_LAYOUT_COLUMNS : TDM_LAYOUT_ROWS;
    if (fmt == TDM_FMT_TEXT)
        return layout == TDM_LAYOUT_ROWS ? tdm_text_compare_rows(f, res, teas, n)
                                         : tdm_text_compare(f, res, teas, n);
    if (fmt == TDM_FMT_MARKDOWN) return tdm_markdown_compare(f, res, teas, n);
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f)) return -1;
    return tdm_machine_compare(&e, res, teas, n);
}

int
tdm_report_species(FILE *f, enum tdm_format fmt, const tdm_flowsheet *fs)
{
    if (fmt == TDM_FMT_TEXT) return tdm_text_species(f, fs);
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f)) return -1; /* Markdown: compare only */
    return tdm_machine_species(&e, fs);
}

int
tdm_species_list(const tdm_flowsheet *fs, const tdm_species **out, int max)
{
    int n = 0;
    for (int i = 0; n < max; i++) {
        const tdm_species *s = fs ? tdm_flowsheet_species_info(fs, i) : tdm_species_get(i);
        if (!s) break;
        out[n++] = s;
    }
    return n;
}
