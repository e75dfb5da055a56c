#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/optimize.h"
#include "tandem/report.h"
#include "tandem/simulate.h"
#include "tandem/tea.h"

const char cmd_optimize_help[] =
    "usage: tandem optimize FILE [--objective NAME] [--opt KEY=VALUE]... [--scenario S]\n"
    "                            [--pareto N [--against product|emissions] [--chart F.svg]]\n"
    "                            [--set unit.key=value]\n"
    "                            [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Optimizes the flowsheet as its own linear model with some specifications released,\n"
    "as its [optimize] section says (the options add to it or replace its keys):\n"
    "  objective = NAME                   what to optimize: one of the objectives below\n"
    "  vary.UNIT.KEY = LO .. HI unit      release a key the file gives, between bounds\n"
    "  max.METRIC = value unit            limits: electricity, heat, energy, product,\n"
    "  min.METRIC = value unit              feed.SPECIES, output.SPECIES (kg/s, t/day),\n"
    "                                       min.purity.STREAM.SPECIES (mole fraction),\n"
    "                                       max.emissions (t/t per tonne, or t/day)\n"
    "  explain.UNIT.KEY = STEP            re-optimize after a step: what it is worth\n"
    "Reports the chosen values, which bounds and limits bind and what relaxing them is\n"
    "worth (shadow prices), what one more unit of each fixed specification is worth, and\n"
    "the plant at the optimum. min_cost prices the plant with the cost scenario;\n"
    "min_emissions and max.emissions count its carbon with the scenario's intensities.\n"
    "\n"
    "  --objective N  the objective (replaces the section's)\n"
    "  --opt K=V      one more key of the [optimize] section\n"
    "  --scenario S   the cost scenario for min_cost (default as for `tandem cost`)\n"
    "  --pareto N     instead: the front of the objective per tonne against the product\n"
    "                 rate, N points from the least objective to the most product\n"
    "  --against A    with --pareto: product (default) or emissions: the least objective\n"
    "                 at emissions per tonne of at most each value, from the least\n"
    "                 objective's emissions down to the least emissions\n"
    "  --chart F.svg  with --pareto: draw the front (PLplot)\n"
    "  --format F     text (default), csv or json\n"
    "  -o, --output   write to this file (through a temporary file; nothing on failure)\n"
    "\n"
    "exit status: 0 optimized; 1 infeasible, unbounded or the flowsheet cannot be solved;\n"
    "2 bad input\n";

void
cli_optimize_objectives(FILE *f)
{
    fputs("\nobjectives:\n", f);
    for (int i = 0; tdm_objective_at(i); i++)
        fprintf(f, "  %-22s%s, %s\n", tdm_objective_at(i)->key, tdm_objective_at(i)->name,
                tdm_objective_at(i)->unit);
}

const cli_option cmd_optimize_options[] = {{"--objective", true}, {"--opt", true},
                                           {"--pareto", true},    {"--against", true},
                                           {"--chart", true},     {NULL}};

enum { MAX_EXTRA = 64 };

int
cmd_optimize(cli_run *r)
{
    const cli_args *a = &r->a;
    tdm_kv extra[MAX_EXTRA];
    char *owned[MAX_EXTRA];
    int nextra = 0, status = 0, pareto = 0;
    const char *chart = NULL, *against = NULL;
    for (int i = 0; i < a->nown && !status; i++) {
        const char *opt = a->own[i].name, *v = a->own[i].value;
        if (nextra == MAX_EXTRA) {
            fprintf(stderr, "tandem optimize: too many --opt (limit %d)\n", MAX_EXTRA);
            status = 2;
        } else if (!strcmp(opt, "--chart")) {
            chart = v;
        } else if (!strcmp(opt, "--against")) {
            against = v;
            if (strcmp(v, "product") && strcmp(v, "emissions")) {
                fprintf(stderr, "tandem optimize: --against takes product or emissions, not `%s`\n",
                        v);
                status = 2;
            }
        } else if (!strcmp(opt, "--pareto")) {
            char *end;
            long n = strtol(v, &end, 10);
            if (*end || n < 2 || n > TDM_PARETO_MAX) {
                fprintf(stderr, "tandem optimize: --pareto takes 2 to %d points\n", TDM_PARETO_MAX);
                status = 2;
            }
            pareto = (int)n;
        } else if (!strcmp(opt, "--objective")) {
            extra[nextra] = (tdm_kv){.key = "objective", .value = v};
            owned[nextra++] = NULL;
        } else {
            const char *eq = strchr(v, '=');
            if (!eq || eq == v) {
                fprintf(stderr, "tandem optimize: --opt takes KEY=VALUE, not `%s`\n", v);
                status = 2;
                break;
            }
            char *key = strndup(v, (size_t)(eq - v));
            if (!key) {
                fprintf(stderr, "tandem: out of memory\n");
                status = 2;
                break;
            }
            char *end = key + strlen(key);
            while (end > key && end[-1] == ' ')
                *--end = '\0';
            const char *val = eq + 1;
            while (*val == ' ')
                val++;
            extra[nextra] = (tdm_kv){.key = key, .value = val};
            owned[nextra++] = key;
        }
    }
    tdm_flowsheet *fs = r->fs;
    tdm_opt_problem *p = NULL;
    tdm_optimum *o = NULL;
    tdm_error err;
    if (status) goto done;
    p = calloc(1, sizeof *p);
    o = calloc(1, sizeof *o);
    if (!p || !o) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
        goto done;
    }
    if (tdm_opt_read(p, fs, tdm_flowsheet_optimize_section(fs), extra, nextra, &err)) {
        status = cli_fail(&err);
        goto done;
    }
    /* a scenario found nowhere is an error only for an objective that prices */
    if (tdm_objective_get(p->objective)->needs_cost && !r->sc) {
        status = cli_fail(&r->scenario_why);
        goto done;
    }
    if ((chart || against) && !pareto) {
        fprintf(stderr, "tandem optimize: %s draws a Pareto front: give --pareto N\n",
                chart ? "--chart" : "--against");
        status = 2;
        goto done;
    }
    if (pareto) {
        tdm_pareto *front = calloc(1, sizeof *front);
        if (!front) {
            fprintf(stderr, "tandem: out of memory\n");
            status = 2;
            goto done;
        }
        bool em = against && !strcmp(against, "emissions");
        if ((em ? tdm_pareto_emissions : tdm_pareto_front)(&r->sim, p, r->sc, pareto, front,
                                                           &err) ||
            (chart && tdm_report_pareto_chart(chart, front, &err))) {
            status = cli_fail(&err);
        } else {
            CLI_WRITE(status, a->output,
                      tdm_report_pareto(f, (enum tdm_format)a->format, p, front));
        }
        free(front);
        goto done;
    }
    if (tdm_optimize(&r->sim, p, r->sc, o, &err)) {
        status = cli_fail(&err);
        goto done;
    }
    CLI_WRITE(status, a->output,
              tdm_report_optimize(f, (enum tdm_format)a->format, p, o, r->sim.results));
done:
    free(p);
    free(o);
    for (int i = 0; i < nextra; i++)
        free(owned[i]);
    return status;
}
