/* Plain-text reports for the terminal. */
#include <math.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/species.h"
#include "tandem/unit.h"
#include "writers.h"

#ifndef TANDEM_VERSION
#include "tandem_config.h"
#endif

enum { COLS_PER_BLOCK = 5, LABEL_W = 22, COL_W = 14 };

static void
row_label(FILE *f, const char *label)
{
    fprintf(f, "%-*.*s", LABEL_W, LABEL_W, label);
}

static void
cell_text(FILE *f, const char *s)
{
    fprintf(f, " %*.*s", COL_W - 1, COL_W - 1, s);
}

static void
cell_num(FILE *f, double v)
{
    char b[64];
    tdm_fmt_number(b, sizeof b, v);
    cell_text(f, b);
}

static void
streams_block(FILE *f, const tdm_results *res, int s0, int s1)
{
    const tdm_flowsheet *fs = res->fs;
    row_label(f, "stream");
    for (int s = s0; s < s1; s++)
        cell_text(f, tdm_flowsheet_stream_name(fs, s));
    fputc('\n', f);
    row_label(f, "from");
    for (int s = s0; s < s1; s++)
        cell_text(f, tdm_flowsheet_unit(fs, tdm_flowsheet_stream_source(fs, s))->name);
    fputc('\n', f);
    row_label(f, "to");
    for (int s = s0; s < s1; s++)
        cell_text(f, tdm_flowsheet_unit(fs, tdm_flowsheet_stream_sink(fs, s))->name);
    fputc('\n', f);
    row_label(f, "temperature C");
    for (int s = s0; s < s1; s++)
        cell_num(f, res->streams[s].T - 273.15);
    fputc('\n', f);
    row_label(f, "pressure bar");
    for (int s = s0; s < s1; s++)
        cell_num(f, res->streams[s].P / 1e5);
    fputc('\n', f);
    row_label(f, "phase");
    for (int s = s0; s < s1; s++)
        cell_text(f, res->streams[s].phase);
    fputc('\n', f);
    row_label(f, "total mol/s");
    for (int s = s0; s < s1; s++)
        cell_num(f, res->streams[s].total);
    fputc('\n', f);
    row_label(f, "total kg/h");
    for (int s = s0; s < s1; s++)
        cell_num(f, res->streams[s].mass * 3600);
    fputc('\n', f);
    row_label(f, "total t/day");
    for (int s = s0; s < s1; s++)
        cell_num(f, res->streams[s].mass * 86.4);
    fputc('\n', f);
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < res->nspecies; k++) {
            const tdm_species *sp = tdm_flowsheet_species_at(fs, k);
            char label[64];
            snprintf(label, sizeof label, "%s %s", sp->name, pass ? "kg/h" : "mol/s");
            row_label(f, label);
            for (int s = s0; s < s1; s++)
                cell_num(f, res->streams[s].flow[k] * (pass ? sp->molar_mass * 3600 : 1));
            fputc('\n', f);
        }
}

static void
quant_line(FILE *f, const tdm_quant *q, int indent)
{
    char num[64], unit[32];
    tdm_fmt_quantity(num, sizeof num, unit, sizeof unit, q->value, q->unit);
    fprintf(f, "%*s%-*s %12s %s\n", indent, "", 44 - indent, q->label, num, unit);
}

static void
header(FILE *f, const tdm_results *res)
{
    const tdm_flowsheet *fs = res->fs;
    fprintf(f, "%s\n", tdm_flowsheet_title(fs));
    fprintf(f, "(%s, solved by tandem %s)\n", tdm_flowsheet_path(fs), TANDEM_VERSION);
    if (*tdm_flowsheet_description(fs)) fprintf(f, "%s\n", tdm_flowsheet_description(fs));
}

int
tdm_text_solve(FILE *f, const tdm_results *res)
{
    const tdm_flowsheet *fs = res->fs;
    header(f, res);
    fprintf(f, "\nSTREAMS\n");
    for (int s0 = 0; s0 < res->nstreams; s0 += COLS_PER_BLOCK) {
        int s1 = s0 + COLS_PER_BLOCK < res->nstreams ? s0 + COLS_PER_BLOCK : res->nstreams;
        if (s0) fputc('\n', f);
        streams_block(f, res, s0, s1);
    }
    fprintf(f, "\nUNITS\n");
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        const tdm_unit_result *r = &res->units[i];
        fprintf(f, "[%s] %s%s%s%s\n", u->name, u->kind->name, r->role ? " (" : "",
                tdm_role_name(r->role), r->role ? ")" : "");
        for (int k = 0; k < r->nq; k++)
            quant_line(f, &r->q[k], 2);
        for (int d = 0; d < r->nduty; d++) {
            char num[64], unit[32], label[96];
            tdm_fmt_quantity(num, sizeof num, unit, sizeof unit, fabs(r->duty[d].q_w), "W");
            snprintf(label, sizeof label, "%s at %.0f C", r->duty[d].label,
                     r->duty[d].t_k - 273.15);
            fprintf(f, "  %-42s %12s %s\n", label, num, unit);
        }
        if (r->failed) fprintf(f, "  FAILED: %s\n", r->failed);
    }
    fprintf(f, "\nSUMMARY (main product %s)\n",
            tdm_flowsheet_species_info(fs, res->summary.main_product)->name);
    tdm_quant q[TDM_MAX_SUMMARY];
    int n = tdm_summary_quants(res, q, TDM_MAX_SUMMARY);
    if (n < 0) return -1;
    for (int k = 0; k < n && k < TDM_MAX_SUMMARY; k++) {
        if (strncmp(q[k].key, "closure.", 8) == 0) continue;
        quant_line(f, &q[k], 2);
    }
    const tdm_summary *S = &res->summary;
    fprintf(f, "  closure (relative):");
    for (int e = 0; e < TDM_NEL; e++)
        fprintf(f, " %s %.1e", tdm_element_symbol(e), S->closure[e].rel);
    fprintf(f, " energy %.1e  %s (tolerance %.0e)\n", S->energy.rel,
            S->closed ? "closed" : "NOT CLOSED", S->closure_tolerance);
    if (res->nwarnings) fprintf(f, "\nWARNINGS\n");
    for (int i = 0; i < res->nwarnings; i++)
        fprintf(f, "  %s\n", res->warnings[i]);
    return ferror(f) ? -1 : 0;
}

static int
find_row(const tdm_quant *rows, int nk, const char *key)
{
    for (int j = 0; j < nk; j++)
        if (strcmp(rows[j].key, key) == 0) return j;
    return -1;
}

/* Summary rows of all flowsheets in one order: a key that only a later flowsheet has goes
 * just before the next key of that flowsheet already placed. */
#define TEA(i) (teas ? teas[i] : NULL)

static int
merge_keys(const tdm_results *const *res, const struct tdm_tea *const *teas, int n, tdm_quant *rows,
           int max)
{
    int nk = 0;
    for (int i = 0; i < n; i++) {
        tdm_quant q[TDM_MAX_SUMMARY];
        int m = tdm_compare_quants(res[i], TEA(i), q, TDM_MAX_SUMMARY);
        if (m < 0) return -1;
        if (m > TDM_MAX_SUMMARY) m = TDM_MAX_SUMMARY;
        for (int k = 0; k < m && nk < max; k++) {
            if (find_row(rows, nk, q[k].key) >= 0) continue;
            int at = nk;
            for (int k2 = k + 1; k2 < m && at == nk; k2++) {
                int j = find_row(rows, nk, q[k2].key);
                if (j >= 0) at = j;
            }
            memmove(&rows[at + 1], &rows[at], sizeof *rows * (size_t)(nk - at));
            rows[at] = q[k];
            nk++;
        }
    }
    return nk;
}

/* The figure `key` of one flowsheet (NaN when it has none); -1 when the figures cannot be
 * made (out of memory). */
static int
value_of(const tdm_results *res, const struct tdm_tea *t, const char *key, double *v)
{
    tdm_quant q[TDM_MAX_SUMMARY];
    int m = tdm_compare_quants(res, t, q, TDM_MAX_SUMMARY);
    *v = NAN;
    for (int k = 0; k < m && k < TDM_MAX_SUMMARY; k++)
        if (strcmp(q[k].key, key) == 0) {
            *v = q[k].value;
            break;
        }
    return m < 0 ? -1 : 0;
}

int
tdm_text_compare(FILE *f, const tdm_results *const *res, const struct tdm_tea *const *teas, int n)
{
    enum { W = 44 };
    fprintf(f, "%-*s", W, "");
    for (int i = 0; i < n; i++) {
        char name[64];
        const char *p = tdm_flowsheet_path(res[i]->fs);
        const char *slash = strrchr(p, '/');
        snprintf(name, sizeof name, "%s", slash ? slash + 1 : p);
        char *dot = strrchr(name, '.');
        if (dot) *dot = '\0';
        fprintf(f, " %16.16s", name);
    }
    fprintf(f, "  unit\n");
    tdm_quant rows[4 * TDM_MAX_SUMMARY];
    int nk = merge_keys(res, teas, n, rows, 4 * TDM_MAX_SUMMARY);
    if (nk < 0) return -1;
    for (int j = 0; j < nk; j++) {
        fprintf(f, "%-*.*s", W, W, rows[j].label);
        bool closure = strncmp(rows[j].key, "closure.", 8) == 0;
        for (int i = 0; i < n; i++) {
            double v;
            if (value_of(res[i], TEA(i), rows[j].key, &v)) return -1;
            char num[64];
            if (isnan(v))
                snprintf(num, sizeof num, "-");
            else if (closure)
                snprintf(num, sizeof num, "%.1e", v);
            else
                tdm_fmt_number(num, sizeof num, *rows[j].unit ? tdm_from_si(v, rows[j].unit) : v);
            fprintf(f, " %16s", num);
        }
        fprintf(f, "  %s\n", rows[j].unit);
    }
    for (int i = 0; i < n; i++)
        fprintf(f, "%s%s: %s\n", i ? "" : "\n", tdm_flowsheet_path(res[i]->fs),
                tdm_flowsheet_title(res[i]->fs));
    return ferror(f) ? -1 : 0;
}

/* One row per flowsheet: the headline figures. */
int
tdm_text_compare_rows(FILE *f, const tdm_results *const *res, const struct tdm_tea *const *teas,
                      int n)
{
    static const char *const head[] = {"rate",      "electricity", "heat",   "total",
                                       "Gibbs min", "2nd law",     "carbon", "cost"};
    static const char *const unit[] = {"t/day", "GJ/t", "GJ/t", "GJ/t", "GJ/t", "%", "%", "$/t"};
    enum { NC = 8 };
    int w = 9;
    for (int i = 0; i < n; i++) {
        tdm_headline h;
        tdm_headline_of(res[i], TEA(i), &h);
        int l = (int)strlen(h.name);
        if (l > w) w = l;
    }
    fprintf(f, "%-*s  %-10s", w, "flowsheet", "product");
    for (int c = 0; c < NC; c++)
        fprintf(f, " %11s", head[c]);
    fprintf(f, "\n%-*s  %-10s", w, "", "");
    for (int c = 0; c < NC; c++)
        fprintf(f, " %11s", unit[c]);
    fputc('\n', f);
    for (int i = 0; i < n; i++) {
        tdm_headline h;
        tdm_headline_of(res[i], TEA(i), &h);
        double v[NC] = {h.rate,  h.electricity, h.heat,   h.total,
                        h.gibbs, h.second_law,  h.carbon, h.lcop};
        fprintf(f, "%-*s  %-10.10s", w, h.name, h.product);
        for (int c = 0; c < NC; c++) {
            char num[64];
            tdm_fmt_number(num, sizeof num, v[c]);
            fprintf(f, " %11s", isnan(v[c]) ? "-" : num);
        }
        fputc('\n', f);
    }
    fputs("\ntotal: electricity + heat; Gibbs min: the Gibbs energy of the plant's overall "
          "reaction; 2nd law: Gibbs min / (electricity + heat exergy); carbon: C in the main "
          "product / C fed; cost: levelized cost of the main product.\n",
          f);
    for (int i = 0; i < n; i++)
        fprintf(f, "%s%s: %s\n", i ? "" : "\n", tdm_flowsheet_path(res[i]->fs),
                tdm_flowsheet_title(res[i]->fs));
    return ferror(f) ? -1 : 0;
}

int
tdm_text_species(FILE *f, const tdm_flowsheet *fs)
{
    const tdm_species *list[256];
    int n = tdm_species_list(fs, list, 256);
    fprintf(f, "%-9s %-15s %9s %10s %10s %-7s %6s %6s %8s  %s\n", "name", "common name", "M g/mol",
            "dHf kJ/mol", "dGf kJ/mol", "phase", "e-/mol", "Tb K", "cp J/molK", "source");
    for (int i = 0; i < n; i++) {
        const tdm_species *s = list[i];
        char tb[16];
        if (s->tb > 0)
            snprintf(tb, sizeof tb, "%.1f", s->tb);
        else
            snprintf(tb, sizeof tb, "-");
        fprintf(f, "%-9s %-15.15s %9.3f %10.1f %10.1f %-7s %6g %6s %8.1f  %s\n", s->name, s->common,
                s->molar_mass * 1e3, s->hf / 1e3, s->gf / 1e3, tdm_phase_name(s->phase),
                tdm_species_electrons(s), tb, tdm_species_cp(s, 298.15), s->source);
    }
    fprintf(f, "\ne-/mol: electrons to make one molecule from CO2, H2O and N2 (degree of "
               "reduction 4C + H - 2O + 3B - charge);\nthe electrons to make P from R are "
               "e(P) - nu e(R), e.g. C2H4 from CO: 12 - 2 x 2 = 8. cp: at 25 C in the "
               "reference phase.\n");
    return ferror(f) ? -1 : 0;
}
