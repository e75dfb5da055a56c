/* The energy flow report: where the electricity and heat go, per tonne of main product. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charts.h"
#include "emit.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/species.h"
#include "writers.h"

int
tdm_report_energy(FILE *f, enum tdm_format fmt, const tdm_results *res)
{
    tdm_energy_line l[TDM_MAX_ENERGY_LINES];
    int n = tdm_energy_flow(res, l, TDM_MAX_ENERGY_LINES);
    double kg = res->summary.product_kg_s;
    const char *main = tdm_flowsheet_species_info(res->fs, res->summary.main_product)->name;
    tdm_emitter e;
    if (tdm_emitter_open(&e, fmt, f) == 0) {
        /* a record a line: in or out, what it is, MW and GJ per t of the main product */
        static const tdm_column cols[] = {{"direction", "direction", NULL},
                                          {"line", "line", NULL},
                                          {"power", "MW", "MW"},
                                          {"per_tonne", "GJ_per_t", "GJ/t"}};
        tdm_emit_field(&e, "flowsheet", tdm_flowsheet_path(res->fs));
        tdm_emit_field(&e, "main_product", main);
        tdm_emit_table(&e, "lines", cols, 4);
        for (int i = 0; i < n; i++)
            tdm_emit_row(&e, (tdm_cell[]){tdm_text_cell(l[i].in ? "in" : "out"),
                                          tdm_text_cell(l[i].label), tdm_num_cell(l[i].w / 1e6),
                                          tdm_num_cell(kg > 0 ? l[i].w / kg / 1e6 : NAN)});
        tdm_emit_end_table(&e);
        return tdm_emit_end(&e);
    }
    fprintf(f, "ENERGY FLOW of %s\n  %-52s %10s %10s\n", tdm_flowsheet_title(res->fs), "", "MW",
            "GJ/t");
    double sum[2] = {0, 0};
    for (int side = 1; side >= 0; side--) {
        fprintf(f, "  %s\n", side ? "in" : "where it goes");
        for (int i = 0; i < n; i++) {
            if (l[i].in != (side == 1)) continue;
            char mw[32], gj[32];
            tdm_fmt_number(mw, sizeof mw, l[i].w / 1e6);
            tdm_fmt_dash(gj, sizeof gj, kg > 0 ? l[i].w / kg / 1e6 : NAN);
            fprintf(f, "    %-50s %10s %10s\n", l[i].label, mw, gj);
            sum[side] += l[i].w;
        }
    }
    char a[32], b[32];
    tdm_fmt_dash(a, sizeof a, kg > 0 ? sum[1] / kg / 1e6 : NAN);
    tdm_fmt_dash(b, sizeof b, kg > 0 ? sum[0] / kg / 1e6 : NAN);
    fprintf(f, "  in %s GJ/t, out %s GJ/t, per t of %s\n", a, b, main);
    return ferror(f) ? -1 : 0;
}

int
tdm_report_energy_chart(const char *path, const tdm_results *res, tdm_error *err)
{
    tdm_energy_line l[TDM_MAX_ENERGY_LINES];
    int n = tdm_energy_flow(res, l, TDM_MAX_ENERGY_LINES);
    double kg = res->summary.product_kg_s;
    if (!(kg > 0))
        return tdm_errorf(err, TDM_EINPUT, tdm_flowsheet_path(res->fs), 0,
                          "the plant makes none of its main product: no energy per tonne");
    /* in above the axis, out below it: the two sides balance. Short labels: the chart
     * has room for some 25 characters under each bar. */
    char names[TDM_MAX_ENERGY_LINES][80];
    const char *labels[TDM_MAX_ENERGY_LINES];
    double v[TDM_MAX_ENERGY_LINES];
    for (int i = 0; i < n; i++) {
        const char *colon = strstr(l[i].label, ": ");
        const char *what = !colon                                    ? NULL
                           : !strncmp(l[i].label, "electricity", 11) ? "elec"
                           : !strncmp(l[i].label, "heat:", 5)        ? "heat"
                                                                     : "rejected";
        if (what)
            snprintf(names[i], sizeof names[i], "%s: %s", what, colon + 2);
        else
            snprintf(names[i], sizeof names[i], "%s",
                     !strncmp(l[i].label, "stored", 6) ? "stored in products"
                                                       : "sensible heat out");
        labels[i] = names[i];
        v[i] = (l[i].in ? 1 : -1) * l[i].w / kg / 1e6;
    }
    char tmp[1100];
    if (tdm_chart_begin(path, tmp, sizeof tmp, err)) return -1;
    int rc = tdm_chart_bars(tmp, "Energy in (up), where it goes (down)", "GJ per t", labels, v, n);
    return tdm_chart_end(path, tmp, rc, err);
}
