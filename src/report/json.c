/* JSON: every number the text shows, each as {"value": v, "unit": "u"}. */
#include <math.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/species.h"
#include "tandem/unit.h"
#include "text.h"
#include "writers.h"

#ifndef TANDEM_VERSION
#include "tandem_config.h"
#endif

void
tdm_json_str(FILE *f, const char *s)
{
    fputc('"', f);
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            /* a well-formed UTF-8 sequence as it is; a byte that is not one (a query's, in
             * serve) as U+FFFD: JSON is UTF-8, and a parser refuses the document otherwise */
            size_t bad = tdm_text_bad_byte(s + i, n - i);
            size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
            if (bad == 0 || len > n - i || bad < len) {
                fputs("\\ufffd", f);
                i++;
            } else {
                fwrite(s + i, 1, len, f);
                i += len;
            }
            continue;
        }
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
        i++;
    }
    fputc('"', f);
}

void
tdm_json_num(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "%.12g", v);
    else
        fputs("null", f);
}

void
tdm_json_qty(FILE *f, const char *key, double v, const char *unit)
{
    if (key) {
        tdm_json_str(f, key);
        fputs(": ", f);
    }
    fputs("{\"value\": ", f);
    tdm_json_num(f, v);
    fputs(", \"unit\": ", f);
    tdm_json_str(f, unit);
    fputc('}', f);
}

static void
qty(FILE *f, double v, const char *unit)
{
    tdm_json_qty(f, NULL, v, unit);
}

static double
display(const tdm_quant *q)
{
    return tdm_quantity_shown(q->value, q->unit);
}

static void
quant_list(FILE *f, const tdm_quant *q, int n, const char *indent)
{
    fputs("[", f);
    for (int k = 0; k < n; k++) {
        fprintf(f, "%s\n%s  {\"key\": ", k ? "," : "", indent);
        tdm_json_str(f, q[k].key);
        fputs(", \"label\": ", f);
        tdm_json_str(f, q[k].label);
        fputs(", \"value\": ", f);
        tdm_json_num(f, display(&q[k]));
        fputs(", \"unit\": ", f);
        tdm_json_str(f, q[k].unit);
        fputc('}', f);
    }
    fprintf(f, "\n%s]", indent);
}

static int
summary(FILE *f, const tdm_results *res, const struct tdm_tea *t, const char *indent)
{
    tdm_quant q[TDM_MAX_SUMMARY];
    int n = tdm_compare_quants(res, t, q, TDM_MAX_SUMMARY);
    if (n < 0) return -1;
    if (n > TDM_MAX_SUMMARY) n = TDM_MAX_SUMMARY;
    const tdm_summary *S = &res->summary;
    fprintf(f, "{\n%s  \"main_product\": ", indent);
    tdm_json_str(f, tdm_flowsheet_species_info(res->fs, S->main_product)->name);
    fprintf(f, ",\n%s  \"key_reactant\": ", indent);
    tdm_json_str(f, tdm_flowsheet_species_info(res->fs, S->key_reactant)->name);
    fprintf(f, ",\n%s  \"closed\": %s", indent, S->closed ? "true" : "false");
    fprintf(f, ",\n%s  \"warnings\": [", indent);
    for (int i = 0; i < res->nwarnings; i++) {
        if (i) fputs(", ", f);
        tdm_json_str(f, res->warnings[i]);
    }
    fputs("]", f);
    fprintf(f, ",\n%s  \"closure_tolerance\": ", indent);
    tdm_json_num(f, S->closure_tolerance);
    fprintf(f, ",\n%s  \"closure\": {", indent);
    for (int e = 0; e < TDM_NEL; e++) {
        fprintf(f, "%s\"%s\": {\"in\": ", e ? ", " : "", tdm_element_symbol(e));
        qty(f, S->closure[e].in, "mol/s");
        fputs(", \"out\": ", f);
        qty(f, S->closure[e].out, "mol/s");
        fputs(", \"relative\": ", f);
        tdm_json_num(f, S->closure[e].rel);
        fputc('}', f);
    }
    fprintf(f, "},\n%s  \"quantities\": ", indent);
    char ind2[32];
    snprintf(ind2, sizeof ind2, "%s  ", indent);
    quant_list(f, q, n, ind2);
    fprintf(f, "\n%s}", indent);
    return 0;
}

static void
head(FILE *f, const tdm_flowsheet *fs)
{
    fprintf(f, "  \"tandem\": \"%s\",\n  \"flowsheet\": {\"path\": ", TANDEM_VERSION);
    tdm_json_str(f, tdm_flowsheet_path(fs));
    fputs(", \"title\": ", f);
    tdm_json_str(f, tdm_flowsheet_title(fs));
    fputs("},\n", f);
}

int
tdm_json_solve(FILE *f, const tdm_results *res)
{
    const tdm_flowsheet *fs = res->fs;
    fputs("{\n", f);
    head(f, fs);
    fputs("  \"streams\": [", f);
    for (int s = 0; s < res->nstreams; s++) {
        const tdm_stream_state *st = &res->streams[s];
        fprintf(f, "%s\n    {\"name\": ", s ? "," : "");
        tdm_json_str(f, tdm_flowsheet_stream_name(fs, s));
        fputs(", \"from\": ", f);
        tdm_json_str(f, tdm_flowsheet_unit(fs, tdm_flowsheet_stream_source(fs, s))->name);
        fputs(", \"to\": ", f);
        tdm_json_str(f, tdm_flowsheet_unit(fs, tdm_flowsheet_stream_sink(fs, s))->name);
        fputs(",\n     \"temperature\": ", f);
        qty(f, st->T - 273.15, "C");
        fputs(", \"pressure\": ", f);
        qty(f, st->P / 1e5, "bar");
        fputs(", \"phase\": ", f);
        tdm_json_str(f, st->phase);
        fputs(",\n     \"total\": [", f);
        qty(f, st->total, "mol/s");
        fputs(", ", f);
        qty(f, st->mass * 3600, "kg/h");
        fputs(", ", f);
        qty(f, st->mass * 86.4, "t/day");
        fputs("],\n     \"species\": {", f);
        for (int k = 0; k < res->nspecies; k++) {
            const tdm_species *sp = tdm_flowsheet_species_at(fs, k);
            fprintf(f, "%s\n       ", k ? "," : "");
            tdm_json_str(f, sp->name);
            fputs(": [", f);
            qty(f, st->flow[k], "mol/s");
            fputs(", ", f);
            qty(f, st->flow[k] * sp->molar_mass * 3600, "kg/h");
            fputs("]", f);
        }
        fputs("}}", f);
    }
    fputs("\n  ],\n  \"units\": [", f);
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        const tdm_unit_result *r = &res->units[i];
        fprintf(f, "%s\n    {\"name\": ", i ? "," : "");
        tdm_json_str(f, u->name);
        fputs(", \"kind\": ", f);
        tdm_json_str(f, u->kind->name);
        fputs(", \"role\": ", f);
        tdm_json_str(f, tdm_role_name(r->role));
        if (r->failed) {
            fputs(", \"failed\": ", f);
            tdm_json_str(f, r->failed);
        }
        fputs(",\n     \"quantities\": ", f);
        quant_list(f, r->q, r->nq, "     ");
        fputs("}", f);
    }
    fputs("\n  ],\n  \"summary\": ", f);
    if (summary(f, res, NULL, "  ")) return -1;
    fputs("\n}\n", f);
    return ferror(f) ? -1 : 0;
}

int
tdm_json_compare(FILE *f, const tdm_results *const *res, const struct tdm_tea *const *teas, int n)
{
    fprintf(f, "{\n  \"tandem\": \"%s\",\n  \"flowsheets\": [", TANDEM_VERSION);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%s\n    {\"path\": ", i ? "," : "");
        tdm_json_str(f, tdm_flowsheet_path(res[i]->fs));
        fputs(", \"title\": ", f);
        tdm_json_str(f, tdm_flowsheet_title(res[i]->fs));
        fputs(",\n     \"summary\": ", f);
        if (summary(f, res[i], teas ? teas[i] : NULL, "     ")) return -1;
        fputs("}", f);
    }
    fputs("\n  ]\n}\n", f);
    return ferror(f) ? -1 : 0;
}

int
tdm_json_species(FILE *f, const tdm_flowsheet *fs)
{
    const tdm_species *list[256];
    int n = tdm_species_list(fs, list, 256);
    fputs("{\"species\": [", f);
    for (int i = 0; i < n; i++) {
        const tdm_species *s = list[i];
        fprintf(f, "%s\n  {\"name\": ", i ? "," : "");
        tdm_json_str(f, s->name);
        fputs(", \"common_name\": ", f);
        tdm_json_str(f, s->common);
        fprintf(f,
                ", \"elements\": {\"C\": %g, \"H\": %g, \"O\": %g, \"N\": %g, \"B\": %g}, "
                "\"charge\": %d",
                s->el[0], s->el[1], s->el[2], s->el[3], s->el[4], s->charge);
        fputs(", \"molar_mass\": ", f);
        qty(f, s->molar_mass * 1e3, "g/mol");
        fputs(", \"enthalpy_of_formation\": ", f);
        qty(f, s->hf / 1e3, "kJ/mol");
        fputs(", \"gibbs_energy_of_formation\": ", f);
        qty(f, s->gf / 1e3, "kJ/mol");
        fputs(", \"phase\": ", f);
        tdm_json_str(f, tdm_phase_name(s->phase));
        fprintf(f, ", \"electrons_per_molecule\": %g", tdm_species_electrons(s));
        fputs(", \"heat_capacity_298\": ", f);
        qty(f, tdm_species_cp(s, 298.15), "J/(mol K)");
        fputs(", \"normal_boiling_point\": ", f);
        qty(f, s->tb > 0 ? s->tb : NAN, "K");
        fputs(", \"source\": ", f);
        tdm_json_str(f, s->source);
        fputc('}', f);
    }
    fputs("\n]}\n", f);
    return ferror(f) ? -1 : 0;
}
