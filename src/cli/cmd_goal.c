#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "study_args.h"
#include "tandem/quantity.h"
#include "tandem/report.h"

const char cmd_goal_help[] =
    "usage: tandem goal FILE --vary unit.key=LO..HI[:N] [--vary unit.key=LO..HI[:M]]\n"
    "                        --target FIGURE=VALUE [--output K[,K...]] [--chart F.svg]\n"
    "                        [--scenario S] [--set unit.key=value]\n"
    "                        [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Finds the values of one parameter (unit.key, or scenario.key such as\n"
    "scenario.prices.electricity) between LO and HI at which a figure meets a target: the\n"
    "electricity price at which the plant breaks even, the Faradaic efficiency at which a\n"
    "cascade's energy per tonne matches one cell's, the stack price at which the levelized\n"
    "cost meets the market. The range is scanned in N points (default 21) and each change of\n"
    "side closed in by Brent's method; a target met more than once in the range gives each\n"
    "value. Every answer is simulated again and shown with the other figures.\n"
    "\n"
    "  --vary P=LO..HI:N  the parameter, its range in the unit the file writes it in\n"
    "  --vary Q=LO..HI:M  a second: the first's answers at each of M values of Q (default\n"
    "                 11), the boundary where the target is met (with --chart F.svg, drawn)\n"
    "  --target F=V   the figure (as --output names them) and its value, in the figure's\n"
    "                 unit or with one (`levelized_cost=1500 $/t`)\n"
    "  --output K     more figures to show at each answer (default: a varied cell's voltage\n"
    "                 and FE)\n"
    "  --format F     text (default), csv or json;  -o: write to a file atomically\n"
    "\n"
    "Exit status 1 when the target is met nowhere in the range; the report says how near\n"
    "the figure came.\n";

const cli_option cmd_goal_options[] = {
    {"--vary", true}, {"--target", true}, {"--output", true}, {"--chart", true}, {NULL}};

/* The target's value in the figure's display unit: a bare number is in it; a quantity is
 * converted to it. */
static int
target_value(const char *text, const char *unit, double *out, char *why, size_t n)
{
    char *end;
    double v = strtod(text, &end);
    while (*end == ' ')
        end++;
    if (end != text && *end == '\0' && isfinite(v)) {
        *out = v;
        return 0;
    }
    double si, one;
    tdm_dim d, du;
    char buf[120];
    snprintf(buf, sizeof buf, "1 %s", unit);
    if (tdm_quantity_parse(text, &si, &d, why, n)) return -1;
    if (tdm_quantity_parse(buf, &one, &du, why, n) || !tdm_dim_equal(d, du)) {
        snprintf(why, n, "`%s` is no value in %s, the figure's unit", text,
                 unit[0] ? unit : "plain numbers");
        return -1;
    }
    *out = tdm_quantity_shown(si, unit);
    return 0;
}

int
cmd_goal(cli_run *r)
{
    const cli_args *a = &r->a;
    const char *vary = NULL, *across = NULL, *target = cli_args_opt(a, "--target");
    for (int i = 0; i < a->nown; i++) {
        if (strcmp(a->own[i].name, "--vary")) continue;
        if (across) {
            fprintf(stderr, "tandem goal: --vary takes unit.key=LO..HI[:N], once or twice\n");
            return 2;
        }
        if (vary)
            across = a->own[i].value;
        else
            vary = a->own[i].value;
    }
    if (!vary || !target) {
        fprintf(stderr, "tandem goal: give --vary unit.key=LO..HI and --target FIGURE=VALUE\n");
        return 2;
    }
    const char *teq = strchr(target, '=');
    if (!teq || teq == target || !teq[1]) {
        fprintf(stderr, "tandem goal: --target takes FIGURE=VALUE, not `%s`\n", target);
        return 2;
    }
    char figure[200];
    snprintf(figure, sizeof figure, "%.*s", (int)(teq - target), target);
    cli_study s;
    const char *const first[] = {figure};
    int rc = cli_study_take(a, &s, first, 1);
    if (rc) return rc;
    if (!s.defaulted) { /* the target's figure first, then those asked for */
        if (s.nout == TDM_STUDY_MAX_OUTPUTS) {
            fprintf(stderr, "tandem goal: at most %d outputs\n", TDM_STUDY_MAX_OUTPUTS - 1);
            return 2;
        }
        memmove(s.outputs + 1, s.outputs, (size_t)s.nout * sizeof *s.outputs);
        s.outputs[0] = figure;
        s.nout++;
    }
    tdm_flowsheet *fs = r->fs;
    tdm_scenario *sc = r->sc;
    const tdm_error *scwhy = &r->scenario_why;
    tdm_error err;
    tdm_param p;
    char name[256];
    const char *eq = strchr(vary, '=');
    if (!eq || (size_t)(eq - vary) >= sizeof name) {
        fprintf(stderr, "tandem goal: --vary takes unit.key=LO..HI[:N], not `%s`\n", vary);
        return 2;
    }
    snprintf(name, sizeof name, "%.*s", (int)(eq - vary), vary);
    if (tdm_param_parse(&p, name, fs, sc, NULL, 0, &err)) return cli_study_fail(&err, sc, scwhy);
    tdm_goal g;
    memset(&g, 0, sizeof g);
    g.p = &p;
    char why[200];
    bool points = strchr(eq + 1, ':') != NULL;
    if (cli_study_range(&p, eq + 1, &g.lo, &g.hi, &g.points, why, sizeof why)) {
        fprintf(stderr, "tandem goal: `%s`: %s\n", vary, why);
        return 2;
    }
    if (!points) g.points = 21;
    tdm_param q;
    tdm_goal_boundary b;
    memset(&b, 0, sizeof b);
    if (across) {
        const char *qeq = strchr(across, '=');
        if (!qeq || (size_t)(qeq - across) >= sizeof name) {
            fprintf(stderr, "tandem goal: --vary takes unit.key=LO..HI[:N], not `%s`\n", across);
            return 2;
        }
        snprintf(name, sizeof name, "%.*s", (int)(qeq - across), across);
        if (tdm_param_parse(&q, name, fs, sc, NULL, 0, &err))
            return cli_study_fail(&err, sc, scwhy);
        if (cli_study_range(&q, qeq + 1, &b.lo, &b.hi, &b.n, why, sizeof why)) {
            fprintf(stderr, "tandem goal: `%s`: %s\n", across, why);
            return 2;
        }
        b.q = &q;
    }
    tdm_param both[2] = {p};
    if (across) both[1] = q;
    tdm_study st;
    if (tdm_study_open(&st, fs, sc, s.outputs, s.nout, &err) ||
        (s.defaulted && tdm_study_follow_cells(&st, both, across ? 2 : 1, &err))) {
        tdm_study_close(&st);
        return cli_study_fail(&err, sc, scwhy);
    }
    int status = 0;
    if (target_value(teq + 1, st.out_unit[0], &g.target, why, sizeof why)) {
        fprintf(stderr, "tandem goal: --target %s: %s\n", target, why);
        status = 2;
        goto done;
    }
    if (across) {
        if (tdm_goal_boundary_run(&st, &g, &b, &err) ||
            (s.chart && tdm_report_goal_boundary_chart(s.chart, &st, &g, &b, &err))) {
            status = cli_study_fail(&err, sc, scwhy);
            goto done;
        }
        CLI_WRITE(status, a->output,
                  tdm_report_goal_boundary(f, (enum tdm_format)a->format, &st, &g, &b));
        bool met = false;
        for (int i = 0; i < b.n; i++)
            met |= b.m[i] > 0;
        if (status == 0 && !met) status = 1;
        goto done;
    }
    if (s.chart) {
        fprintf(stderr, "tandem goal: --chart draws the boundary of a goal in two parameters "
                        "(--vary twice)\n");
        status = 2;
        goto done;
    }
    if (tdm_goal_run(&st, &g, &err)) {
        status = cli_study_fail(&err, sc, scwhy);
        goto done;
    }
    CLI_WRITE(status, a->output, tdm_report_goal(f, (enum tdm_format)a->format, &st, &g));
    if (status == 0 && g.n == 0) status = 1;
done:
    tdm_goal_boundary_free(&b);
    tdm_study_close(&st);
    return status;
}
