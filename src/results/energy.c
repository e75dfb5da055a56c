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

enum what { ELECTRICITY, HEAT_IN, HEAT_OUT };

/* What the units of one kind draw or reject, W (rejected heat as a positive number). */
static double
of_kind(const tdm_results *res, const tdm_unit_kind *kind, enum what what)
{
    double w = 0;
    for (int i = 0; i < res->nunits; i++) {
        if (tdm_flowsheet_unit(res->fs, i)->kind != kind) continue;
        const tdm_unit_result *r = &res->units[i];
        if (what == ELECTRICITY) w += r->electric_w;
        for (int d = 0; what != ELECTRICITY && d < r->nduty; d++) {
            double q = r->duty[d].q_w;
            if (what == HEAT_IN && q > 0) w += q;
            if (what == HEAT_OUT && q < 0) w -= q;
        }
    }
    return w;
}

int
tdm_energy_flow(const tdm_results *res, tdm_energy_line *lines, int max)
{
    const tdm_summary *S = &res->summary;
    int n = 0, nk = tdm_unit_kind_count();
    double in = 0, out = 0;
    /* in: electricity and heat, by kind of unit */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < nk; k++) {
            double w = of_kind(res, tdm_unit_kind_get(k), pass == 0 ? ELECTRICITY : HEAT_IN);
            n = add(lines, n, max, true,
                    pass == 0 ? "electricity: " : "heat: ", tdm_unit_kind_get(k)->name, w);
            in += w;
        }
    /* out: the enthalpy the products carry above the feeds, heat rejected by kind of unit,
     * and what is left: sensible heat of the streams that leave */
    n = add(lines, n, max, false, "stored in the products (reaction enthalpy)", NULL,
            S->reaction_h_w);
    out += S->reaction_h_w;
    for (int k = 0; k < nk; k++) {
        double w = of_kind(res, tdm_unit_kind_get(k), HEAT_OUT);
        n = add(lines, n, max, false, "heat rejected: ", tdm_unit_kind_get(k)->name, w);
        out += w;
    }
    double rest = in - out;
    if (fabs(rest) > 1e-9 * fmax(in, fabs(out)))
        n = add(lines, n, max, false, "sensible heat of the streams leaving", NULL, rest);
    return n;
}
