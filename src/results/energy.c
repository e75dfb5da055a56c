/* Where a plant's electricity and heat go: the energy flow behind `tandem energy`. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tandem/flowsheet.h"
#include "tandem/results.h"
#include "tandem/unit.h"

static int
add(tdm_energy_line *l, int n, int max, bool in, const char *what, const char *kind, double w)
{
    if (n >= max || !(fabs(w) > 0)) return n;
    l[n] = (tdm_energy_line){.w = w, .in = in};
    snprintf(l[n].label, sizeof l[n].label, "%s%s%s", what, kind ? kind : "", kind ? "s" : "");
    return n + 1;
}

int
tdm_energy_flow(const tdm_results *res, tdm_energy_line *lines, int max)
{
    const tdm_flowsheet *fs = res->fs;
    const tdm_summary *S = &res->summary;
    int n = 0;
    double in = 0, out = 0, scale = 0;
    /* in: electricity and heat, by kind of unit */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < tdm_unit_kind_count(); k++) {
            const tdm_unit_kind *kind = tdm_unit_kind_get(k);
            double w = 0;
            for (int i = 0; i < res->nunits; i++) {
                if (tdm_flowsheet_unit(fs, i)->kind != kind) continue;
                const tdm_unit_result *r = &res->units[i];
                if (pass == 0) w += r->electric_w;
                for (int d = 0; pass == 1 && d < r->nduty; d++)
                    if (r->duty[d].q_w > 0) w += r->duty[d].q_w;
            }
            n = add(lines, n, max, true, pass == 0 ? "electricity: " : "heat: ", kind->name, w);
            in += w;
        }
    /* out: the enthalpy the products carry above the feeds, heat rejected by kind of unit,
     * and what is left: sensible heat of the streams that leave */
    n = add(lines, n, max, false, "stored in the products (reaction enthalpy)", NULL,
            S->reaction_h_w);
    out += S->reaction_h_w;
    for (int k = 0; k < tdm_unit_kind_count(); k++) {
        const tdm_unit_kind *kind = tdm_unit_kind_get(k);
        double w = 0;
        for (int i = 0; i < res->nunits; i++) {
            if (tdm_flowsheet_unit(fs, i)->kind != kind) continue;
            const tdm_unit_result *r = &res->units[i];
            for (int d = 0; d < r->nduty; d++)
                if (r->duty[d].q_w < 0) w -= r->duty[d].q_w;
        }
        n = add(lines, n, max, false, "heat rejected: ", kind->name, w);
        out += w;
    }
    scale = fmax(in, fabs(out));
    double rest = in - out;
    if (fabs(rest) > 1e-9 * scale)
        n = add(lines, n, max, false, "sensible heat of the streams leaving", NULL, rest);
    return n;
}
