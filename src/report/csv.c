/* CSV: one tidy table, one number per row: section,item,quantity,unit,value. */
#include <math.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/species.h"
#include "tandem/unit.h"
#include "writers.h"

void
tdm_csv_field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\n\r")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"') fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
}

static void
row(FILE *f, const char *section, const char *item, const char *quantity, const char *unit,
    double v)
{
    tdm_csv_field(f, section);
    fputc(',', f);
    tdm_csv_field(f, item);
    fputc(',', f);
    tdm_csv_field(f, quantity);
    fputc(',', f);
    tdm_csv_field(f, unit);
    fputc(',', f);
    if (isfinite(v)) fprintf(f, "%.10g", v);
    fputc('\n', f);
}

static void
row_text(FILE *f, const char *section, const char *item, const char *quantity, const char *text)
{
    tdm_csv_field(f, section);
    fputc(',', f);
    tdm_csv_field(f, item);
    fputc(',', f);
    tdm_csv_field(f, quantity);
    fputs(",,", f);
    tdm_csv_field(f, text);
    fputc('\n', f);
}

static double
display(const tdm_quant *q)
{
    return tdm_quantity_shown(q->value, q->unit);
}

static int
summary_rows(FILE *f, const tdm_results *res, const char *item)
{
    tdm_quant q[TDM_MAX_SUMMARY];
    int n = tdm_summary_quants(res, q, TDM_MAX_SUMMARY);
    if (n < 0) return -1;
    for (int k = 0; k < n && k < TDM_MAX_SUMMARY; k++)
        row(f, "summary", item, q[k].key, q[k].unit, display(&q[k]));
    return 0;
}

void
tdm_csv_text(FILE *f, const char *s)
{
    fputc('"', f);
    if (s && (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r'))
        fputc('\'', f);
    for (; s && *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

int
tdm_csv_solve(FILE *f, const tdm_results *res)
{
    const tdm_flowsheet *fs = res->fs;
    fputs("section,item,quantity,unit,value\n", f);
    for (int s = 0; s < res->nstreams; s++) {
        const char *name = tdm_flowsheet_stream_name(fs, s);
        const tdm_stream_state *st = &res->streams[s];
        row_text(f, "stream", name, "from",
                 tdm_flowsheet_unit(fs, tdm_flowsheet_stream_source(fs, s))->name);
        row_text(f, "stream", name, "to",
                 tdm_flowsheet_unit(fs, tdm_flowsheet_stream_sink(fs, s))->name);
        row(f, "stream", name, "temperature", "C", st->T - 273.15);
        row(f, "stream", name, "pressure", "bar", st->P / 1e5);
        row_text(f, "stream", name, "phase", st->phase);
        row(f, "stream", name, "total", "mol/s", st->total);
        row(f, "stream", name, "total", "kg/h", st->mass * 3600);
        row(f, "stream", name, "total", "t/day", st->mass * 86.4);
        for (int k = 0; k < res->nspecies; k++) {
            const tdm_species *sp = tdm_flowsheet_species_at(fs, k);
            row(f, "stream", name, sp->name, "mol/s", st->flow[k]);
            row(f, "stream", name, sp->name, "kg/h", st->flow[k] * sp->molar_mass * 3600);
        }
    }
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        const tdm_unit_result *r = &res->units[i];
        row_text(f, "unit", u->name, "kind", u->kind->name);
        for (int k = 0; k < r->nq; k++)
            row(f, "unit", u->name, r->q[k].key, r->q[k].unit, display(&r->q[k]));
        if (r->failed) row_text(f, "unit", u->name, "failed", r->failed);
    }
    if (summary_rows(f, res, tdm_flowsheet_path(fs))) return -1;
    return ferror(f) ? -1 : 0;
}

int
tdm_csv_compare(FILE *f, const tdm_results *const *res, const struct tdm_tea *const *teas, int n)
{
    fputs("section,item,quantity,unit,value\n", f);
    for (int i = 0; i < n; i++) {
        tdm_quant q[TDM_MAX_SUMMARY];
        int m = tdm_compare_quants(res[i], teas ? teas[i] : NULL, q, TDM_MAX_SUMMARY);
        if (m < 0) return -1;
        for (int k = 0; k < m && k < TDM_MAX_SUMMARY; k++)
            row(f, "summary", tdm_flowsheet_path(res[i]->fs), q[k].key, q[k].unit, display(&q[k]));
    }
    return ferror(f) ? -1 : 0;
}

int
tdm_csv_species(FILE *f, const tdm_flowsheet *fs)
{
    const tdm_species *list[256];
    int n = tdm_species_list(fs, list, 256);
    fputs("name,common_name,C,H,O,N,B,charge,molar_mass_g_per_mol,dHf_kJ_per_mol,dGf_kJ_per_mol,"
          "phase,electrons_per_molecule,normal_boiling_point_K,cp_298_J_per_mol_K,source\n",
          f);
    for (int i = 0; i < n; i++) {
        const tdm_species *s = list[i];
        tdm_csv_field(f, s->name);
        fputc(',', f);
        tdm_csv_field(f, s->common);
        fprintf(f, ",%g,%g,%g,%g,%g,%d,%.4f,%.2f,%.2f,%s,%g,", s->el[0], s->el[1], s->el[2],
                s->el[3], s->el[4], s->charge, s->molar_mass * 1e3, s->hf / 1e3, s->gf / 1e3,
                tdm_phase_name(s->phase), tdm_species_electrons(s));
        if (s->tb > 0) fprintf(f, "%.1f", s->tb);
        fprintf(f, ",%.2f,", tdm_species_cp(s, 298.15));
        tdm_csv_field(f, s->source);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}
