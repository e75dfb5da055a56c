#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "tandem/dispatch.h"
#include "tandem/quantity.h"
#include "tandem/report.h"
#include "tandem/simulate.h"

const char cmd_dispatch_help[] =
    "usage: tandem dispatch FILE --profile P.csv [--objective cost|emissions]\n"
    "                       [--carbon-price 100 $/t] [--supply 200 MW] [--levels N]\n"
    "                       [--no-storage] [--max-size X] [--scenario S] [--set K=V]\n"
    "                       [--format text|csv|json] [-o OUT]\n"
    "\n"
    "Runs the plant period by period on a profile of electricity prices, carbon intensities\n"
    "and power available (docs/dispatch.md). Its storage units cut it into stages, each at a\n"
    "load of its own in each period, its cells at that fraction of their design current\n"
    "density (their voltage and selectivity follow); one linear program chooses the loads\n"
    "and the installed size of every stage and storage for the least levelized cost, making\n"
    "the same product a year as the plant running flat, which it is compared with.\n"
    "\n"
    "  --profile P    the profile CSV (costs/profiles/ has a grid year, a solar and a wind\n"
    "                 farm)\n"
    "  --objective O  cost (default: the levelized cost) or emissions (per tonne; each stage\n"
    "                 at most --max-size times its design, default 3)\n"
    "  --carbon-price X  a price on the plant's emissions added to the cost ($/t CO2e)\n"
    "  --supply X     the capacity the profile's `available` column is a fraction of (MW)\n"
    "  --levels N     loads simulated per stage with cells (default 5, 2 to 12)\n"
    "  --no-storage   hold every storage empty: the stages move together\n"
    "  --days K       solve on K typical days of the profile (k-means on its days, each\n"
    "                 weighted by the days it stands for; storage then cycles within a day)\n"
    "  --week-chart F.svg  a week's loads, storage and price (PLplot); --week N picks it\n"
    "                 (from 1; on typical days, typical days 7N - 6 to 7N)\n"
    "  --duration-chart F.svg  each stage's load duration curve\n"
    "  --format F     text (default), csv (a row a period) or json\n"
    "  -o, --output   write to this file (through a temporary file; nothing on failure)\n"
    "\n"
    "exit status: 0 dispatched; 1 the flowsheet cannot be solved or no plant meets the\n"
    "profile; 2 bad input\n";

const cli_option cmd_dispatch_options[] = {
    {"--profile", true},    {"--objective", true},   {"--carbon-price", true},   {"--supply", true},
    {"--levels", true},     {"--no-storage", false}, {"--max-size", true},       {"--days", true},
    {"--week-chart", true}, {"--week", true},        {"--duration-chart", true}, {NULL}};

/* A quantity of one dimension, like `like` ("1 MW"): its SI value, or NAN. */
static double
quantity(const char *text, const char *like)
{
    double v, ref;
    tdm_dim d, want;
    char why[160];
    tdm_quantity_parse(like, &ref, &want, why, sizeof why);
    if (tdm_quantity_parse(text, &v, &d, why, sizeof why) || !tdm_dim_equal(d, want)) return NAN;
    return v;
}

int
cmd_dispatch(cli_run *r)
{
    tdm_dispatch_opts o = TDM_DISPATCH_OPTS_DEFAULT;
    const char *path = cli_args_opt(&r->a, "--profile"), *v;
    if (!path) {
        fprintf(stderr, "tandem dispatch: --profile P.csv names the profile to run on\n");
        return 2;
    }
    if ((v = cli_args_opt(&r->a, "--objective"))) {
        if (!strcmp(v, "cost"))
            o.objective = TDM_DISPATCH_COST;
        else if (!strcmp(v, "emissions"))
            o.objective = TDM_DISPATCH_EMISSIONS;
        else {
            fprintf(stderr, "tandem dispatch: --objective is cost or emissions, not `%s`\n", v);
            return 2;
        }
    }
    if ((v = cli_args_opt(&r->a, "--carbon-price"))) {
        o.carbon_price = quantity(v, "1 $/kg");
        if (!(o.carbon_price >= 0 && o.carbon_price < 1e3)) {
            fprintf(stderr,
                    "tandem dispatch: --carbon-price takes a price per mass of CO2e, "
                    "e.g. 100 $/t, not `%s`\n",
                    v);
            return 2;
        }
    }
    if ((v = cli_args_opt(&r->a, "--supply"))) {
        o.supply_w = quantity(v, "1 MW");
        if (!(o.supply_w > 0 && o.supply_w < 1e13)) {
            fprintf(stderr, "tandem dispatch: --supply takes a power, e.g. 200 MW, not `%s`\n", v);
            return 2;
        }
    }
    if ((v = cli_args_opt(&r->a, "--levels"))) {
        char *end;
        long n = strtol(v, &end, 10);
        if (*end || n < 2 || n > 12) {
            fprintf(stderr, "tandem dispatch: --levels takes 2 to 12, not `%s`\n", v);
            return 2;
        }
        o.levels = (int)n;
    }
    if ((v = cli_args_opt(&r->a, "--max-size"))) {
        char *end;
        o.max_size = strtod(v, &end);
        if (*end || !(o.max_size >= 1 && o.max_size <= 100)) {
            fprintf(stderr, "tandem dispatch: --max-size takes a factor from 1 to 100, not `%s`\n",
                    v);
            return 2;
        }
    }
    o.no_storage = cli_args_opt(&r->a, "--no-storage") != NULL;
    if ((v = cli_args_opt(&r->a, "--days"))) {
        char *end;
        long n = strtol(v, &end, 10);
        if (*end || n < 1 || n > 366) {
            fprintf(stderr, "tandem dispatch: --days takes 1 to 366 typical days, not `%s`\n", v);
            return 2;
        }
        o.days = (int)n;
    }
    int week = 0;
    if ((v = cli_args_opt(&r->a, "--week"))) {
        char *end;
        long n = strtol(v, &end, 10);
        if (*end || n < 1 || n > 1000) {
            fprintf(stderr,
                    "tandem dispatch: --week takes a week of the profile from 1, not `%s`\n", v);
            return 2;
        }
        week = (int)n - 1;
    }
    const char *week_chart = cli_args_opt(&r->a, "--week-chart"),
               *duration_chart = cli_args_opt(&r->a, "--duration-chart");
    tdm_error err;
    tdm_profile p;
    if (tdm_profile_load(path, &p, &err)) return cli_fail(&err);
    if (p.available && !(o.supply_w > 0))
        fprintf(stderr,
                "tandem dispatch: warning: %s has an `available` column; without --supply it "
                "limits nothing\n",
                path);
    int status = 0;
    tdm_dispatch *d = calloc(1, sizeof *d);
    if (!d) {
        fprintf(stderr, "tandem: out of memory\n");
        status = 2;
    } else if (tdm_dispatch_run(&r->sim, r->sc, &p, &o, d, &err)) {
        status = cli_fail(&err);
    } else if ((week_chart && tdm_report_dispatch_week(week_chart, d, week, &err)) ||
               (duration_chart && tdm_report_dispatch_duration(duration_chart, d, &err))) {
        status = cli_fail(&err);
        tdm_dispatch_free(d);
    } else {
        CLI_WRITE(status, r->a.output, tdm_report_dispatch(f, (enum tdm_format)r->a.format, d));
        tdm_dispatch_free(d);
    }
    free(d);
    tdm_profile_free(&p);
    return status;
}
