#include <math.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "tandem/catalysts.h"

const char cmd_catalysts_help[] =
    "usage: tandem catalysts [ID]\n"
    "\n"
    "Lists the cascade catalysts of the seed review (Li et al., Chem. Sci. 2026, 17, 772,\n"
    "Tables 1-3): id, catalyst, main product, Faradaic efficiency, potential and reference.\n"
    "An electrolyzer takes one with `catalyst = ID`. With ID, the whole row.\n";

const cli_option cmd_catalysts_options[] = {NULL};

int
cmd_catalysts(cli_run *r)
{
    const cli_args *a = &r->a;
    if (a->nfiles == 1) {
        const tdm_catalyst *c = tdm_catalyst_find(a->files[0]);
        if (!c) {
            fprintf(stderr, "tandem catalysts: no catalyst `%s`\n", a->files[0]);
            return 2;
        }
        printf("id           %s\ncatalyst     %s\nsource       seed Table %d, ref. %d\n"
               "mechanism    %s\nelectrolyte  %s\npotential    %s\n",
               c->id, c->name, c->table, c->ref, c->mechanism, c->electrolyte, c->potential);
        if (isnan(c->fe))
            printf("FE           not reported (%s)\n", c->reported);
        else
            printf("FE           %.0f %% to %s\n", c->fe * 100, c->reported);
        printf("modelled as  %s%s%s from %s%s%s, rest H2\n", c->product ? c->product : "(none)",
               c->product && strcmp(c->product, c->reported) ? " for " : "",
               c->product && strcmp(c->product, c->reported) ? c->reported : "", c->reactant,
               c->co_reactant ? " + " : "", c->co_reactant ? c->co_reactant : "");
        return 0;
    }
    printf("%-17s %-42s %-8s %5s %-18s %s\n", "id", "catalyst", "product", "FE", "potential",
           "source");
    for (int i = 0; i < tdm_catalyst_count(); i++) {
        const tdm_catalyst *c = tdm_catalyst_get(i);
        char fe[16];
        if (isnan(c->fe))
            snprintf(fe, sizeof fe, "-");
        else
            snprintf(fe, sizeof fe, "%.0f%%", c->fe * 100);
        char pot[32];
        snprintf(pot, sizeof pot, "%.18s", c->potential);
        printf("%-17s %-42.42s %-8s %5s %-18s Table %d, ref. %d\n", c->id, c->name, c->reported, fe,
               pot, c->table, c->ref);
    }
    return 0;
}
