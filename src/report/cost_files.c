/* The full cost report as a directory: Markdown, HTML with charts, CSV, JSON and an XLSX
 * workbook. Everything is written into a temporary directory first and moved into place
 * only when complete, so a failed run leaves no partial report. */
#define _GNU_SOURCE /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "charts.h"
#include "tandem/flowsheet.h"
#include "tandem/io.h"
#include "tandem/report.h"
#include "tandem/study.h"
#include "tandem/tea.h"
#include "writers.h"

static const char *const files[] = {"report.md",      "report.html",   "report.json",
                                    "cost_lines.csv", "cash_flow.csv", "report.xlsx",
                                    "capital.svg",    "operating.svg", "cash_flow.svg",
                                    "tornado.svg",    "emissions.svg"};
enum { NFILES = sizeof files / sizeof *files };

/* Text for HTML: &, < and > escaped. */
static void
html(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '&')
            fputs("&amp;", f);
        else if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else
            fputc(*s, f);
    }
}

/* Text for a Markdown table: `|` escaped, and <, > and & as entities, so that a name with
 * markup in it is shown as text, not passed through as HTML */
static void
md(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '<')
            fputs("&lt;", f);
        else if (*s == '>')
            fputs("&gt;", f);
        else if (*s == '&')
            fputs("&amp;", f);
        else {
            if (*s == '|') fputc('\\', f);
            fputc(*s, f);
        }
    }
}

/* A table row in either format: cells separated, `html` chooses the form. */
struct table {
    FILE *f;
    bool html;
};

static void
row_begin(struct table *t)
{
    fputs(t->html ? "<tr>" : "|", t->f);
}

static void
cell(struct table *t, const char *s, bool right)
{
    if (t->html) {
        fputs(right ? "<td class=n>" : "<td>", t->f);
        html(t->f, s);
        fputs("</td>", t->f);
    } else {
        fputc(' ', t->f);
        md(t->f, s);
        fputs(" |", t->f);
    }
}

static void
row_end(struct table *t)
{
    fputs(t->html ? "</tr>\n" : "\n", t->f);
}

static void
head(struct table *t, const char *const *cols, int n, const char *id)
{
    if (t->html) {
        fprintf(t->f, "<table id=\"%s\"><tr>", id);
        for (int i = 0; i < n; i++) {
            fputs("<th>", t->f);
            html(t->f, cols[i]);
            fputs("</th>", t->f);
        }
        fputs("</tr>\n", t->f);
    } else {
        fputc('|', t->f);
        for (int i = 0; i < n; i++)
            fprintf(t->f, " %s |", cols[i]);
        fputs("\n|", t->f);
        for (int i = 0; i < n; i++)
            fputs(i == 0 ? "---|" : "--:|", t->f);
        fputc('\n', t->f);
    }
}

static void
foot(struct table *t)
{
    fputs(t->html ? "</table>\n" : "\n", t->f);
}

static void
heading(struct table *t, const char *text)
{
    if (t->html) {
        fputs("<h2>", t->f);
        html(t->f, text);
        fputs("</h2>\n", t->f);
    } else {
        fprintf(t->f, "## %s\n\n", text);
    }
}

static void
image(struct table *t, const char *file, const char *alt)
{
    if (t->html)
        fprintf(t->f, "<p><img src=\"%s\" alt=\"%s\" width=\"900\"></p>\n", file, alt);
    else
        fprintf(t->f, "![%s](%s)\n\n", alt, file);
}

static void
para(struct table *T, const char *text)
{
    if (T->html) {
        fputs("<p>", T->f);
        html(T->f, text);
        fputs("</p>\n", T->f);
    } else {
        md(T->f, text);
        fputs("\n\n", T->f);
    }
}

/* A number as the tables write it, with its unit after it: "2.5e+04 t/yr". */
static void
with_unit(char *buf, size_t n, double v, const char *unit)
{
    char a[64];
    tdm_fmt_dash(a, sizeof a, v);
    snprintf(buf, n, "%s %s", a, unit);
}

/* The carbon account (docs/carbon.md): each line, the sums by cause, the comparison. */
static void
emissions(struct table *T, const tdm_tea *t, const char *prod)
{
    const tdm_carbon *c = &t->carbon;
    char a[64], b[64], s[800];
    heading(T, "Emissions");
    if (!c->assessed) {
        para(T, "The scenario has no carbon intensities (carbon.csv): emissions not assessed.");
        return;
    }
    static const char *const cols[] = {"line",  "cause", "amount", "intensity", "kg CO2e per year",
                                       "source"};
    head(T, cols, 6, "emissions");
    for (int i = 0; i < t->nco2; i++) {
        const tdm_co2_line *l = &t->co2[i];
        char amt[96], in[96];
        char per[32];
        snprintf(per, sizeof per, "kg/%.*s", (int)strcspn(l->amount_unit, "/"), l->amount_unit);
        with_unit(amt, sizeof amt, l->amount, l->amount_unit);
        with_unit(in, sizeof in, l->intensity, per);
        if (isnan(l->intensity))
            snprintf(b, sizeof b, "not assessed");
        else
            tdm_fmt_money(b, sizeof b, l->co2e);
        row_begin(T);
        cell(T, l->name, false);
        cell(T, tdm_co2_cause_name(l->cause), false);
        cell(T, amt, true);
        cell(T, in, true);
        cell(T, b, true);
        cell(T, l->source, false);
        row_end(T);
    }
    foot(T);
    static const char *const kcols[] = {"cause", "t CO2e per t"};
    head(T, kcols, 2, "emissions_by_cause");
    for (int k = 0; k < TDM_CO2_NCAUSES; k++) {
        if (c->cause[k] == 0) continue;
        tdm_fmt_dash(a, sizeof a, c->cause[k] / (t->production_t * 1000));
        row_begin(T);
        cell(T, tdm_co2_cause_name((enum tdm_co2_cause)k), false);
        cell(T, a, true);
        row_end(T);
    }
    tdm_fmt_dash(a, sizeof a, c->per_kg);
    row_begin(T);
    cell(T, "emissions, cradle to gate", false);
    cell(T, a, true);
    row_end(T);
    foot(T);
    image(T, "emissions.svg", "emissions by cause");
    if (c->nmissing) {
        size_t used = (size_t)snprintf(s, sizeof s,
                                       "A lower bound: not assessed (each line's source says "
                                       "why):");
        for (int i = 0; i < c->nmissing && used < sizeof s; i++)
            used +=
                (size_t)snprintf(s + used, sizeof s - used, "%s %s", i ? "," : "", c->missing[i]);
        if (used < sizeof s) snprintf(s + used, sizeof s - used, ".");
        para(T, s);
    }
    tdm_fmt_dash(a, sizeof a, c->grid * 1000);
    tdm_fmt_dash(b, sizeof b, c->net_utilized);
    snprintf(s, sizeof s, "With electricity at %s g CO2e/kWh; net CO2 utilized %s t per t of %s.",
             a, b, prod);
    para(T, s);
    if (isnan(c->reference)) {
        snprintf(s, sizeof s, "No intensity for %s as made today: no comparison.", prod);
        para(T, s);
        return;
    }
    tdm_fmt_dash(a, sizeof a, c->reference);
    tdm_fmt_dash(b, sizeof b, c->avoided);
    char ab[160] = "it emits more than that route: no abatement", be[160];
    if (c->avoided > 0) {
        char v[64];
        tdm_fmt_dash(v, sizeof v, c->abatement);
        snprintf(ab, sizeof ab, "abatement cost %s $ per t CO2e", v);
    }
    if (isnan(c->breakeven_grid))
        snprintf(be, sizeof be, "no break-even grid intensity");
    else if (c->breakeven_grid < 0)
        snprintf(be, sizeof be, "above that route even on carbon-free electricity");
    else {
        char v[64];
        tdm_fmt_dash(v, sizeof v, c->breakeven_grid * 1000);
        snprintf(be, sizeof be, "breaks even with electricity at %s g CO2e/kWh", v);
    }
    snprintf(s, sizeof s, "The route it replaces emits %s t CO2e per t; avoided %s; %s; %s.", a, b,
             ab, be);
    para(T, s);
}

/* Every value the costs rest on, with its source; what the command line changed is said. */
static void
assumptions(struct table *T, const tdm_results *res, const tdm_tea *t)
{
    tdm_assumption *as = calloc(TDM_MAX_ASSUMPTIONS, sizeof *as);
    if (!as) return;
    int n = tdm_tea_assumptions(t, res, as, TDM_MAX_ASSUMPTIONS);
    heading(T, "Assumptions");
    static const char *const cols[] = {"group", "assumption", "value", "source", "from"};
    head(T, cols, 5, "assumptions");
    int nset = 0;
    for (int i = 0; i < n; i++) {
        row_begin(T);
        cell(T, i > 0 && !strcmp(as[i].group, as[i - 1].group) ? "" : as[i].group, false);
        cell(T, as[i].name, false);
        cell(T, as[i].value, true);
        cell(T, as[i].source ? as[i].source : "(no source given)", false);
        cell(T, as[i].origin, false);
        row_end(T);
        nset += as[i].set;
    }
    foot(T);
    char line[2048];
    size_t used = (size_t)snprintf(line, sizeof line, "%s",
                                   nset ? "Changed on the command line: "
                                        : "Nothing was changed on the command line: every value "
                                          "is the scenario's, its cost tables' or tandem's "
                                          "default.");
    for (int i = 0, k = 0; i < n && nset && used < sizeof line; i++) {
        if (!as[i].set) continue;
        used += (size_t)snprintf(line + used, sizeof line - used, "%s%s = %s", k++ ? "; " : "",
                                 as[i].name, as[i].value);
    }
    if (nset && used < sizeof line) snprintf(line + used, sizeof line - used, ".");
    para(T, line);
    free(as);
}

/* A parameter's value in the unit its file writes it in, with the unit. */
static void
param_value(const tdm_param *p, double si, char *buf, size_t n)
{
    char num[64];
    tdm_fmt_dash(num, sizeof num, tdm_quantity_shown(si, p->unit));
    snprintf(buf, n, "%s%s%s", num, p->unit[0] ? " " : "", p->unit);
}

/* The tornado of the main cost drivers, when the caller worked one out. */
static void
sensitivity(struct table *T, const tdm_cost_extras *x)
{
    heading(T, "Sensitivity");
    if (!x || !x->tornado_rows) {
        para(T, x && x->tornado_why ? x->tornado_why : "Not worked out for this report.");
        return;
    }
    char a[64], b[64], c[64], d[64], e[64], text[1400];
    tdm_fmt_dash(a, sizeof a, x->tornado_base);
    snprintf(text, sizeof text,
             "Each parameter at its low and its high value, the others as in the files: the "
             "levelized cost at each end (%s $/t with every parameter as in the files), largest "
             "swing first. The parameters: %s.",
             a, x->tornado_basis);
    para(T, text);
    static const char *const cols[] = {"parameter",        "low",       "high",  "cost at low $/t",
                                       "cost at high $/t", "swing $/t", "source"};
    head(T, cols, 7, "sensitivity");
    for (int i = 0; i < x->tornado_n; i++) {
        const tdm_tornado_row *r = &x->tornado_rows[i];
        param_value(r->p, r->lo, a, sizeof a);
        param_value(r->p, r->hi, b, sizeof b);
        tdm_fmt_dash(c, sizeof c, r->y_lo);
        tdm_fmt_dash(d, sizeof d, r->y_hi);
        tdm_fmt_dash(e, sizeof e, fabs(r->y_hi - r->y_lo));
        row_begin(T);
        cell(T, r->p->name, false);
        cell(T, a, true);
        cell(T, b, true);
        cell(T, c, true);
        cell(T, d, true);
        cell(T, e, true);
        cell(T, r->p->source ? r->p->source : "", false);
        row_end(T);
    }
    foot(T);
    image(T, "tornado.svg", "levelized cost at each parameter's low and high value");
}

/* The document body, shared by Markdown and HTML. */
static void
body(struct table *T, const tdm_results *res, const tdm_tea *t, const tdm_cost_extras *x)
{
    FILE *f = T->f;
    const tdm_scenario *sc = t->sc;
    const tdm_flowsheet *fs = res->fs;
    const char *prod = tdm_flowsheet_species_info(fs, tdm_flowsheet_main_product(fs))->name;
    char a[64], b[64], c[64], d[64];
    if (T->html) {
        fputs("<h1>", f);
        html(f, tdm_flowsheet_title(fs));
        fputs("</h1>\n<p>", f);
    } else {
        fputs("# ", f);
        md(f, tdm_flowsheet_title(fs));
        fputs("\n\n", f);
    }
    tdm_fmt_dash(a, sizeof a, t->lcop);
    tdm_fmt_dash(b, sizeof b, t->production_t);
    const char *code = T->html ? "<code>" : "`", *uncode = T->html ? "</code>" : "`";
    const char *strong = T->html ? "<b>" : "**", *unstrong = T->html ? "</b>" : "**";
    fprintf(f, "Flowsheet %s%s%s, scenario %s%s%s (", code, tdm_flowsheet_path(fs), uncode, code,
            sc->path, uncode);
    if (T->html)
        html(f, sc->title);
    else
        md(f, sc->title);
    fprintf(f,
            "): %s, %d dollars, %d years of operation, %.0f h a year. Levelized cost of %s: "
            "%s%s $/t%s at %s t/yr.",
            tdm_convention_name(sc->convention), sc->year, sc->life, t->hours, prod, strong, a,
            unstrong, b);
    char missing[400];
    if (tdm_tea_unpriced_inputs(t, missing, sizeof missing))
        fprintf(f, " A lower bound: no price for %s (not counted).", missing);
    fputs(T->html ? "</p>\n" : "\n\n", f);

    assumptions(T, res, t);
    sensitivity(T, x);

    heading(T, "Capital");
    static const char *const ccols[] = {"unit",    "item",        "basis",       "size",
                                        "scaling", "purchased $", "installed $", "source"};
    head(T, ccols, 8, "capital");
    for (int i = 0; i < t->ncapex; i++) {
        const tdm_capex_line *l = &t->capex[i];
        char size[96], scale[200];
        with_unit(size, sizeof size, l->size, l->size_unit);
        tdm_fmt_dash(a, sizeof a, l->base_size);
        char rate[48] = "";
        if (l->rate_factor != 1)
            snprintf(rate, sizeof rate, " x %.4f for the plant's rate", l->rate_factor);
        snprintf(scale, sizeof scale,
                 "%.0f $ + %.6g $ (S / %s %s)^%g%s, %d $ x %.4f CEPCI, x %g installed", l->fixed,
                 l->base_cost, a, l->size_unit, l->exponent, rate, l->year, l->escalation,
                 l->installation);
        tdm_fmt_money(b, sizeof b, l->purchased);
        tdm_fmt_money(c, sizeof c, l->installed);
        row_begin(T);
        cell(T, l->unit, false);
        cell(T, l->item, false);
        cell(T, l->basis, false);
        cell(T, size, true);
        cell(T, scale, false);
        cell(T, b, true);
        cell(T, c, true);
        cell(T, l->source, false);
        row_end(T);
    }
    /* the totals, each indirect cost under its own name */
    struct {
        const char *label;
        double v;
    } totals[16];
    char names[8][128];
    int nt = 0;
    totals[nt].label = "installed equipment (direct)";
    totals[nt++].v = t->direct;
    for (int k = 0; k < sc->nindirect && k < 8; k++) {
        snprintf(names[k], sizeof names[k], "indirect: %s (%.4g %% of direct)",
                 sc->indirect_name[k], sc->indirect[k] * 100);
        totals[nt].label = names[k];
        totals[nt++].v = t->indirect_part[k];
    }
    totals[nt].label = "fixed capital";
    totals[nt++].v = t->fixed_capital;
    totals[nt].label = "working capital";
    totals[nt++].v = t->working_capital;
    totals[nt].label = "total capital investment";
    totals[nt++].v = t->total_capital;
    for (int k = 0; k < nt; k++) {
        tdm_fmt_money(a, sizeof a, totals[k].v);
        row_begin(T);
        cell(T, totals[k].label, false);
        for (int j = 0; j < 5; j++)
            cell(T, "", false);
        cell(T, a, true);
        cell(T, "", false);
        row_end(T);
    }
    foot(T);
    for (int i = 0; i < t->nunpriced; i++)
        fprintf(f, "%sUnit `%s` has no equipment item and is not priced.%s\n", T->html ? "<p>" : "",
                t->unpriced[i], T->html ? "</p>" : "\n");
    if (t->unpriced_more)
        fprintf(f, "%sAnd %d more units are not priced.%s\n", T->html ? "<p>" : "",
                t->unpriced_more, T->html ? "</p>" : "\n");
    image(T, "capital.svg", "installed capital by item");

    heading(T, "Operating cost");
    static const char *const ocols[] = {"line",       "amount",  "price",
                                        "$ per year", "$ per t", "source"};
    head(T, ocols, 6, "operating");
    for (int i = 0; i < t->nopex; i++) {
        const tdm_opex_line *l = &t->opex[i];
        char amt[96], pr[96];
        with_unit(amt, sizeof amt, l->amount, l->amount_unit);
        with_unit(pr, sizeof pr, l->price, l->price_unit);
        tdm_fmt_money(b, sizeof b, l->cost);
        tdm_fmt_dash(c, sizeof c, l->cost / t->production_t);
        row_begin(T);
        cell(T, l->name, false);
        cell(T, amt, true);
        cell(T, pr, true);
        cell(T, b, true);
        cell(T, c, true);
        cell(T, l->source, false);
        row_end(T);
    }
    foot(T);
    image(T, "operating.svg", "levelized cost by component");

    heading(T, "Levelized cost and market");
    static const char *const lcols[] = {"component", "$ per t"};
    head(T, lcols, 2, "levelized");
    struct {
        const char *label;
        double v;
    } comp[TDM_MAX_COST_LINES + 4];
    int nc = 0;
    comp[nc].label = "capital (annuity)";
    comp[nc++].v = t->lcop_capital;
    if (t->lcop_replacement != 0) {
        comp[nc].label = "replacements (annuity)";
        comp[nc++].v = t->lcop_replacement;
    }
    for (int i = 0; i < t->nopex; i++) {
        comp[nc].label = t->opex[i].name;
        comp[nc++].v = t->opex[i].cost / t->production_t;
    }
    comp[nc].label = "taxes, timing, additional cost";
    comp[nc++].v = t->lcop_rest;
    comp[nc].label = "levelized cost";
    comp[nc++].v = t->lcop;
    for (int i = 0; i < nc; i++) {
        tdm_fmt_dash(a, sizeof a, comp[i].v);
        row_begin(T);
        cell(T, comp[i].label, false);
        cell(T, a, true);
        row_end(T);
    }
    foot(T);
    if (isnan(t->market_price)) {
        fprintf(f,
                "%sNo market price for %s: NPV, IRR and payback are not computed; the cash "
                "flow below is at the levelized cost.%s\n",
                T->html ? "<p>" : "", prod, T->html ? "</p>" : "\n");
    } else {
        tdm_fmt_dash(a, sizeof a, t->market_price);
        tdm_fmt_money(b, sizeof b, t->npv);
        tdm_fmt_dash(c, sizeof c, t->irr * 100);
        tdm_fmt_dash(d, sizeof d, t->payback);
        fprintf(f,
                "%sAt the market price of %s $/t (%s): NPV %s $, IRR %s %%, payback %s years.%s\n",
                T->html ? "<p>" : "", a, t->market_source ? t->market_source : "", b, c, d,
                T->html ? "</p>" : "\n");
        if (t->market_purity > 0 && t->product_purity < t->market_purity * (1 - 1e-12))
            fprintf(f,
                    "%sBut the %s sold is %.4g mol%%, below the %.4g %% that price is for: it "
                    "would sell for less, or needs further purification.%s\n",
                    T->html ? "<p>" : "", prod, 100 * t->product_purity, 100 * t->market_purity,
                    T->html ? "</p>" : "\n");
    }

    emissions(T, t, prod);

    heading(T, "Cash flow");
    char fheads[TDM_CASH_NSUMMARY][32];
    const char *fcols[TDM_CASH_NSUMMARY + 1] = {"year"};
    for (int k = 0; k < TDM_CASH_NSUMMARY; k++) {
        snprintf(fheads[k], sizeof fheads[k], "%s $", tdm_cash_summary[k].heading);
        fcols[k + 1] = fheads[k];
    }
    head(T, fcols, TDM_CASH_NSUMMARY + 1, "cash_flow");
    for (int i = 0; i < t->nrows; i++) {
        const tdm_cash_year *y = &t->rows[i];
        char yr[16];
        snprintf(yr, sizeof yr, "%d", y->year);
        row_begin(T);
        cell(T, yr, true);
        for (int k = 0; k < TDM_CASH_NSUMMARY; k++) {
            tdm_fmt_money(a, sizeof a, tdm_cash_value(y, &tdm_cash_summary[k]));
            cell(T, a, true);
        }
        row_end(T);
    }
    foot(T);
    image(T, "cash_flow.svg", "yearly and cumulative cash flow");
}

static int
write_md(const char *path, const tdm_results *res, const tdm_tea *t, const tdm_cost_extras *x)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    struct table T = {f, false};
    body(&T, res, t, x);
    fputs("Written by `tandem cost`; every line names its source (equipment.csv, prices.csv, the "
          "scenario).\n",
          f);
    int bad = ferror(f);
    return (fclose(f) || bad) ? -1 : 0;
}

static int
write_html(const char *path, const tdm_results *res, const tdm_tea *t, const tdm_cost_extras *x)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", f);
    html(f, tdm_flowsheet_title(res->fs));
    fputs("</title>\n<style>\nbody{font-family:sans-serif;max-width:1100px;margin:2em auto;"
          "color:#222}\ntable{border-collapse:collapse;margin:1em 0;font-size:90%}\ntd,th{border:"
          "1px solid #ccc;padding:3px 8px}\nth{background:#eef}\ntd.n{text-align:right;white-space:"
          "nowrap}\nimg{border:1px solid #ddd}\n</style></head>\n<body>\n",
          f);
    struct table T = {f, true};
    body(&T, res, t, x);
    /* Marks the page once every chart has loaded, so a headless browser can tell. */
    fputs("<script>\nwindow.addEventListener('load', function () {\n  var ok = Array.prototype"
          ".every.call(document.images, function (i) { return i.complete && i.naturalWidth > 0; "
          "});\n  document.body.setAttribute('data-images', ok ? 'loaded' : 'broken');\n});\n"
          "</script>\n</body></html>\n",
          f);
    int bad = ferror(f);
    return (fclose(f) || bad) ? -1 : 0;
}

static int
write_csv(const char *lines, const char *flow, const tdm_tea *t)
{
    FILE *f = fopen(lines, "w");
    if (!f) return -1;
    fputs("kind,unit,item,basis,size,size_unit,fixed_cost,base_size,base_cost,exponent,year,"
          "escalation,rate_factor,installation,purchased,installed,amount,amount_unit,price,"
          "price_unit,cost_per_year,source\n",
          f);
    /* every text through tdm_csv_text: quoted, and never read as a formula */
    for (int i = 0; i < t->ncapex; i++) {
        const tdm_capex_line *l = &t->capex[i];
        fputs("capital,", f);
        tdm_csv_text(f, l->unit);
        fputc(',', f);
        tdm_csv_text(f, l->item);
        fprintf(f, ",%s,%.10g,", l->basis, l->size);
        tdm_csv_text(f, l->size_unit);
        fprintf(f, ",%.10g,%.10g,%.10g,%g,%d,%.10g,%.10g,%g,%.10g,%.10g,,,,,,", l->fixed,
                l->base_size, l->base_cost, l->exponent, l->year, l->escalation, l->rate_factor,
                l->installation, l->purchased, l->installed);
        tdm_csv_text(f, l->source);
        fputc('\n', f);
    }
    for (int i = 0; i < t->nopex; i++) {
        const tdm_opex_line *l = &t->opex[i];
        fputs("operating,,", f);
        tdm_csv_text(f, l->name);
        fputs(",,,,,,,,,,,,,,", f);
        if (isfinite(l->amount)) fprintf(f, "%.10g", l->amount);
        fputc(',', f);
        tdm_csv_text(f, l->amount_unit);
        fputc(',', f);
        if (isfinite(l->price)) fprintf(f, "%.10g", l->price);
        fputc(',', f);
        tdm_csv_text(f, l->price_unit);
        fprintf(f, ",%.10g,", l->cost);
        tdm_csv_text(f, l->source);
        fputc('\n', f);
    }
    int bad = ferror(f);
    if (fclose(f) || bad) return -1;
    f = fopen(flow, "w");
    if (!f) return -1;
    fputs("year", f);
    for (int k = 0; k < TDM_CASH_NCOLUMNS; k++)
        fprintf(f, ",%s", tdm_cash_columns[k].key);
    fputc('\n', f);
    for (int i = 0; i < t->nrows; i++) {
        fprintf(f, "%d", t->rows[i].year);
        for (int k = 0; k < TDM_CASH_NCOLUMNS; k++)
            fprintf(f, ",%.10g", tdm_cash_value(&t->rows[i], &tdm_cash_columns[k]));
        fputc('\n', f);
    }
    bad = ferror(f);
    return (fclose(f) || bad) ? -1 : 0;
}

static int
write_json(const char *path, const tdm_results *res, const tdm_tea *t)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    int rc = tdm_report_cost(f, TDM_FMT_JSON, res, t);
    int bad = ferror(f);
    return (fclose(f) || bad || rc) ? -1 : 0;
}

static int
write_charts(const char *dir, const tdm_results *res, const tdm_tea *t)
{
    (void)res;
    char p[1200];
    const char *labels[TDM_MAX_COST_LINES + 4];
    double v[TDM_MAX_COST_LINES + 4];
    int n = 0;
    /* each bar names its unit and item, each indirect cost its own name */
    char names[TDM_MAX_COST_LINES + 8][96];
    for (int i = 0; i < t->ncapex; i++) {
        snprintf(names[n], sizeof names[n], "%s: %s", t->capex[i].unit, t->capex[i].item);
        labels[n] = names[n];
        v[n++] = t->capex[i].installed / 1e6;
    }
    for (int k = 0; k < t->sc->nindirect && k < 8; k++) {
        snprintf(names[n], sizeof names[n], "indirect: %s", t->sc->indirect_name[k]);
        labels[n] = names[n];
        v[n++] = t->indirect_part[k] / 1e6;
    }
    if (t->working_capital > 0) {
        labels[n] = "working capital";
        v[n++] = t->working_capital / 1e6;
    }
    if (n == 0) {
        labels[n] = "none";
        v[n++] = 0;
    }
    snprintf(p, sizeof p, "%s/capital.svg", dir);
    if (tdm_chart_bars(p, "Total capital investment", "M$", labels, v, n)) return -1;
    n = 0;
    labels[n] = "capital";
    v[n++] = t->lcop_capital;
    if (t->lcop_replacement != 0) {
        labels[n] = "replacements";
        v[n++] = t->lcop_replacement;
    }
    for (int i = 0; i < t->nopex; i++) {
        labels[n] = t->opex[i].name;
        v[n++] = t->opex[i].cost / t->production_t;
    }
    labels[n] = "taxes, timing";
    v[n++] = t->lcop_rest;
    snprintf(p, sizeof p, "%s/operating.svg", dir);
    if (tdm_chart_bars(p, "Levelized cost by component", "$ per t", labels, v, n)) return -1;
    int years[TDM_MAX_YEARS + 10];
    double net[TDM_MAX_YEARS + 10], cum[TDM_MAX_YEARS + 10];
    for (int i = 0; i < t->nrows; i++) {
        years[i] = t->rows[i].year;
        net[i] = t->rows[i].net / 1e6;
        cum[i] = t->rows[i].cumulative / 1e6;
    }
    /* the emissions by cause, t CO2e per t (an empty chart without carbon data) */
    n = 0;
    for (int k = 0; k < TDM_CO2_NCAUSES && t->carbon.assessed; k++) {
        if (t->carbon.cause[k] == 0) continue;
        labels[n] = tdm_co2_cause_name((enum tdm_co2_cause)k);
        v[n++] = t->carbon.cause[k] / (t->production_t * 1000);
    }
    if (n == 0) {
        labels[n] = t->carbon.assessed ? "none" : "not assessed";
        v[n++] = 0;
    }
    snprintf(p, sizeof p, "%s/emissions.svg", dir);
    if (tdm_chart_bars(p, "Emissions by cause, cradle to gate", "t CO2e per t", labels, v, n))
        return -1;
    snprintf(p, sizeof p, "%s/cash_flow.svg", dir);
    return tdm_chart_cash_flow(p,
                               isnan(t->market_price) ? "Cash flow at the levelized cost"
                                                      : "Cash flow at the market price",
                               years, net, cum, t->nrows);
}

/* The tornado chart, or a page that says why there is none (the HTML links the file). */
static int
write_tornado(const char *path, const tdm_cost_extras *x)
{
    if (x && x->tornado_rows) {
        tdm_error err;
        return tdm_report_tornado_chart(path, x->tornado_study, 0, x->tornado_rows, x->tornado_n,
                                        x->tornado_base, &err);
    }
    static const char *const none[] = {"no sensitivity"};
    double zero = 0;
    return tdm_chart_bars(path, "No sensitivity was worked out", "$ per t", none, &zero, 1);
}

/* The report written in the working directory tmp takes the place of dir in one step: a new
 * directory is renamed into place; an existing one, which may hold only a report's files, is
 * exchanged with it (renameat2 RENAME_EXCHANGE), so that a reader, a failed run or a run
 * beside it never sees half of one report and half of another (files renamed one by one
 * mixed two concurrent runs' reports about once in 200). The old report is then at tmp. */
static int
swap_in(const char *tmp, const char *dir, const char **why)
{
    mode_t mask = umask(0);
    umask(mask);
    struct stat st;
    if (stat(dir, &st) != 0) {
        if (errno != ENOENT) return -1;
        chmod(tmp, 0777 & ~mask); /* mkdtemp's 0700 is for the work, not the report */
        if (rename(tmp, dir) == 0) return 0;
        /* a run beside this one made it first: exchange with its report instead */
        if ((errno != ENOTEMPTY && errno != EEXIST) || stat(dir, &st) != 0) return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        *why = "is not a directory: a full report is a directory of files";
        return -1;
    }
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *ent;
    bool mine = true;
    while ((ent = readdir(d)) && mine) {
        if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, "..")) continue;
        bool known = false;
        for (int i = 0; i < NFILES && !known; i++)
            known = !strcmp(ent->d_name, files[i]);
        mine = known;
    }
    closedir(d);
    if (!mine) {
        *why = "holds files that are not a report's; write the report into a new or empty "
               "directory (tandem replaces a report's directory as a whole)";
        return -1;
    }
    chmod(tmp, st.st_mode & 07777);
    char real[PATH_MAX];
    if (!realpath(dir, real)) return -1; /* through a link, the directory it names */
    return renameat2(AT_FDCWD, tmp, AT_FDCWD, real, RENAME_EXCHANGE);
}

int
tdm_report_cost_dir(const char *dir, const tdm_results *res, const tdm_tea *t,
                    const tdm_cost_extras *x, tdm_error *err)
{
    for (int i = 0; i < NFILES; i++) {
        char dst[1200];
        snprintf(dst, sizeof dst, "%s/%s", dir, files[i]);
        if (tdm_file_is_input(dst))
            return tdm_errorf(err, TDM_EINPUT, dst, 0,
                              "is one of the files this run read; tandem never writes its inputs");
    }
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", dir);
    if (!mkdtemp(tmp))
        return tdm_errorf(err, TDM_ESYSTEM, dir, 0, "cannot create a working directory: %s",
                          strerror(errno));
    tdm_tmp_hold(tmp);
    char p[NFILES][1200];
    for (int i = 0; i < NFILES; i++) {
        snprintf(p[i], sizeof p[i], "%s/%s", tmp, files[i]);
        tdm_tmp_hold(p[i]);
    }
    int rc = write_md(p[0], res, t, x) || write_html(p[1], res, t, x) || write_json(p[2], res, t) ||
             write_csv(p[3], p[4], t) || tdm_xlsx_cost(p[5], res, t) || write_charts(tmp, res, t) ||
             write_tornado(p[9], x);
    const char *why = NULL;
    if (!rc) rc = swap_in(tmp, dir, &why);
    int e = errno;
    /* what is left at tmp: the new files after a failure, the old report after a swap */
    for (int i = 0; i < NFILES; i++) {
        unlink(p[i]);
        tdm_tmp_drop(p[i]);
    }
    rmdir(tmp);
    tdm_tmp_drop(tmp);
    if (rc && why) return tdm_errorf(err, TDM_EINPUT, dir, 0, "%s", why);
    /* the charts and the workbook are the graphics module's: when it cannot be loaded, why
     * (its dlerror), not the errno some other call left */
    if (rc && tdm_graphics_error())
        return tdm_errorf(err, TDM_ESYSTEM, dir, 0, "cannot write the report: %s",
                          tdm_graphics_error());
    if (rc) return tdm_errorf(err, TDM_ESYSTEM, dir, 0, "cannot write the report: %s", strerror(e));
    return 0;
}

/* A bar a flowsheet of one headline figure: the levelized cost (the energy per tonne when
 * none is priced), or the emissions per tonne (one not assessed at 0, and so named). */
static int
compare_bars(const char *path, const tdm_results *const *res, const struct tdm_tea *const *teas,
             int n, bool emissions, tdm_error *err)
{
    const char *labels[64];
    double v[64];
    char names[64][96];
    int m = 0;
    bool priced = false;
    for (int i = 0; i < n && i < 64; i++)
        priced |= teas && teas[i];
    for (int i = 0; i < n && m < 64; i++) {
        tdm_headline h;
        tdm_headline_of(res[i], teas ? teas[i] : NULL, &h);
        double x = emissions ? h.emissions : priced ? h.lcop : h.total;
        bool unknown = emissions && !isfinite(x);
        snprintf(names[m], sizeof names[m], "%s%s", h.name, unknown ? " (not assessed)" : "");
        labels[m] = names[m];
        v[m++] = unknown ? 0 : x;
    }
    const char *title = emissions ? "Emissions per tonne of the main product, cradle to gate"
                        : priced  ? "Levelized cost of the main product"
                                  : "Electricity and heat per tonne of the main product";
    const char *unit = emissions ? "t CO2e per t" : priced ? "$ per t" : "GJ per t";
    char tmp[1100];
    if (tdm_chart_begin(path, tmp, sizeof tmp, err)) return -1;
    return tdm_chart_end(path, tmp, tdm_chart_bars(tmp, title, unit, labels, v, m), err);
}

int
tdm_report_compare_emissions_chart(const char *path, const tdm_results *const *res,
                                   const struct tdm_tea *const *teas, int n, tdm_error *err)
{
    return compare_bars(path, res, teas, n, true, err);
}

int
tdm_report_compare_chart(const char *path, const tdm_results *const *res,
                         const struct tdm_tea *const *teas, int n, tdm_error *err)
{
    return compare_bars(path, res, teas, n, false, err);
}
