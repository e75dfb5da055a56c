/* plant.c: the machine-readable reports of a solved plant (solve, compare) and of the species
 * table, each written once against the emitter (emit.h): CSV and JSON carry the same values,
 * JSON nested, CSV one value a row (section,item,quantity,unit,value) or, for the species, one
 * row a species. */
#include <math.h>

#include "emit.h"
#include "tandem/flowsheet.h"
#include "tandem/species.h"
#include "tandem/unit.h"
#include "writers.h"

#ifndef TANDEM_VERSION
#include "tandem_config.h"
#endif

static void
figures(tdm_emitter *e, const tdm_quant *q, int n)
{
    tdm_emit_open(e, "quantities", TDM_LIST);
    for (int k = 0; k < n; k++)
        tdm_emit_value(e, q[k].key, q[k].label,
                       tdm_qty_cell(tdm_quantity_shown(q[k].value, q[k].unit), q[k].unit));
    tdm_emit_close(e);
}

/* The plant's summary, a map under "summary": its main product and key reactant, whether the
 * balances close and how well (each element in and out), the warnings, the figures. */
static int
summary(tdm_emitter *e, const tdm_results *res, const struct tdm_tea *t)
{
    tdm_quant q[TDM_MAX_SUMMARY];
    int n = tdm_compare_quants(res, t, q, TDM_MAX_SUMMARY);
    if (n < 0) return -1;
    if (n > TDM_MAX_SUMMARY) n = TDM_MAX_SUMMARY;
    const tdm_summary *S = &res->summary;
    tdm_emit_open(e, "summary", TDM_MAP);
    tdm_emit_item(e, "summary", tdm_flowsheet_path(res->fs));
    tdm_emit_text(e, "main_product", tdm_flowsheet_species_info(res->fs, S->main_product)->name);
    tdm_emit_text(e, "key_reactant", tdm_flowsheet_species_info(res->fs, S->key_reactant)->name);
    tdm_emit_value(e, "closed", NULL, tdm_bool_cell(S->closed));
    tdm_emit_open(e, "warnings", TDM_LIST);
    for (int i = 0; i < res->nwarnings; i++)
        tdm_emit_text(e, NULL, res->warnings[i]);
    tdm_emit_close(e);
    tdm_emit_num(e, "closure_tolerance", S->closure_tolerance);
    tdm_emit_open(e, "closure", TDM_PREFIX);
    for (int el = 0; el < TDM_NEL; el++) {
        tdm_emit_open(e, tdm_element_symbol(el), TDM_PREFIX | TDM_INLINE);
        tdm_emit_qty(e, "in", S->closure[el].in, "mol/s");
        tdm_emit_qty(e, "out", S->closure[el].out, "mol/s");
        tdm_emit_num(e, "relative", S->closure[el].rel);
        tdm_emit_close(e);
    }
    tdm_emit_close(e);
    figures(e, q, n);
    tdm_emit_close(e);
    return 0;
}

static void
head(tdm_emitter *e, const tdm_flowsheet *fs)
{
    tdm_emit_text(e, "tandem", TANDEM_VERSION);
    tdm_emit_open(e, "flowsheet", TDM_MAP | TDM_INLINE);
    tdm_emit_text(e, "path", tdm_flowsheet_path(fs));
    tdm_emit_text(e, "title", tdm_flowsheet_title(fs));
    tdm_emit_close(e);
}

int
tdm_machine_solve(tdm_emitter *e, const tdm_results *res)
{
    const tdm_flowsheet *fs = res->fs;
    head(e, fs);
    tdm_emit_open(e, "streams", TDM_LIST);
    for (int s = 0; s < res->nstreams; s++) {
        const char *name = tdm_flowsheet_stream_name(fs, s);
        const tdm_stream_state *st = &res->streams[s];
        tdm_emit_open(e, NULL, TDM_MAP);
        tdm_emit_text(e, "name", name);
        tdm_emit_item(e, "stream", name);
        tdm_emit_text(e, "from", tdm_flowsheet_unit(fs, tdm_flowsheet_stream_source(fs, s))->name);
        tdm_emit_text(e, "to", tdm_flowsheet_unit(fs, tdm_flowsheet_stream_sink(fs, s))->name);
        tdm_emit_qty(e, "temperature", st->T - 273.15, "C");
        tdm_emit_qty(e, "pressure", st->P / 1e5, "bar");
        tdm_emit_text(e, "phase", st->phase);
        tdm_emit_open(e, "total", TDM_LIST);
        tdm_emit_qty(e, NULL, st->total, "mol/s");
        tdm_emit_qty(e, NULL, st->mass * 3600, "kg/h");
        tdm_emit_qty(e, NULL, st->mass * 86.4, "t/day");
        tdm_emit_close(e);
        tdm_emit_open(e, "species", TDM_MAP);
        for (int k = 0; k < res->nspecies; k++) {
            const tdm_species *sp = tdm_flowsheet_species_at(fs, k);
            tdm_emit_open(e, sp->name, TDM_LIST);
            tdm_emit_qty(e, NULL, st->flow[k], "mol/s");
            tdm_emit_qty(e, NULL, st->flow[k] * sp->molar_mass * 3600, "kg/h");
            tdm_emit_close(e);
        }
        tdm_emit_close(e);
        tdm_emit_close(e);
    }
    tdm_emit_close(e);
    tdm_emit_open(e, "units", TDM_LIST);
    for (int i = 0; i < res->nunits; i++) {
        const tdm_unit *u = tdm_flowsheet_unit(fs, i);
        const tdm_unit_result *r = &res->units[i];
        tdm_emit_open(e, NULL, TDM_MAP);
        tdm_emit_text(e, "name", u->name);
        tdm_emit_item(e, "unit", u->name);
        tdm_emit_text(e, "kind", u->kind->name);
        tdm_emit_text(e, "role", tdm_role_name(r->role));
        if (r->failed) tdm_emit_text(e, "failed", r->failed);
        figures(e, r->q, r->nq);
        tdm_emit_close(e);
    }
    tdm_emit_close(e);
    if (summary(e, res, NULL)) return -1;
    return tdm_emit_end(e);
}

int
tdm_machine_compare(tdm_emitter *e, const tdm_results *const *res,
                    const struct tdm_tea *const *teas, int n)
{
    tdm_emit_text(e, "tandem", TANDEM_VERSION);
    tdm_emit_open(e, "flowsheets", TDM_LIST);
    for (int i = 0; i < n; i++) {
        tdm_emit_open(e, NULL, TDM_MAP);
        tdm_emit_text(e, "path", tdm_flowsheet_path(res[i]->fs));
        tdm_emit_text(e, "title", tdm_flowsheet_title(res[i]->fs));
        if (summary(e, res[i], teas ? teas[i] : NULL)) return -1;
        tdm_emit_close(e);
    }
    tdm_emit_close(e);
    return tdm_emit_end(e);
}

/* The species table: its columns once, a JSON key and a CSV heading each (the heading names
 * the unit: a spreadsheet's column has no other place for it). */
static const tdm_column species_columns[] = {
    {"name", "name", NULL},
    {"common_name", "common_name", NULL},
    {"elements/C", "C", NULL},
    {"elements/H", "H", NULL},
    {"elements/O", "O", NULL},
    {"elements/N", "N", NULL},
    {"elements/B", "B", NULL},
    {"charge", "charge", NULL},
    {"molar_mass", "molar_mass_g_per_mol", "g/mol"},
    {"enthalpy_of_formation", "dHf_kJ_per_mol", "kJ/mol"},
    {"gibbs_energy_of_formation", "dGf_kJ_per_mol", "kJ/mol"},
    {"phase", "phase", NULL},
    {"electrons_per_molecule", "electrons_per_molecule", NULL},
    {"normal_boiling_point", "normal_boiling_point_K", "K"},
    {"heat_capacity_298", "cp_298_J_per_mol_K", "J/(mol K)"},
    {"source", "source", NULL},
};
enum { NSPECIES_COLUMNS = sizeof species_columns / sizeof *species_columns };

int
tdm_machine_species(tdm_emitter *e, const tdm_flowsheet *fs)
{
    const tdm_species *list[256];
    int n = tdm_species_list(fs, list, 256);
    tdm_emit_table(e, "species", species_columns, NSPECIES_COLUMNS);
    for (int i = 0; i < n; i++) {
        const tdm_species *s = list[i];
        tdm_cell row[NSPECIES_COLUMNS] = {
            tdm_text_cell(s->name),
            tdm_text_cell(s->common),
            tdm_num_cell(s->el[0]),
            tdm_num_cell(s->el[1]),
            tdm_num_cell(s->el[2]),
            tdm_num_cell(s->el[3]),
            tdm_num_cell(s->el[4]),
            tdm_num_cell(s->charge),
            tdm_num_cell(s->molar_mass * 1e3),
            tdm_num_cell(s->hf / 1e3),
            tdm_num_cell(s->gf / 1e3),
            tdm_text_cell(tdm_phase_name(s->phase)),
            tdm_num_cell(tdm_species_electrons(s)),
            tdm_num_cell(s->tb > 0 ? s->tb : NAN),
            tdm_num_cell(tdm_species_cp(s, 298.15)),
            tdm_text_cell(s->source),
        };
        tdm_emit_row(e, row);
    }
    tdm_emit_end_table(e);
    return tdm_emit_end(e);
}
