/* Fuzzes the whole pipeline on a flowsheet text: load, check, build, solve, results, cost
 * (against costs/base2023.ini) and the text reports. Promises checked, besides no crash:
 * no solve fails for its balances not closing (every unit conserves atoms and energy), and
 * no NaN or Inf reaches a report in any format (text, CSV, JSON, Markdown). */
#include <ctype.h>
#include <stdbool.h>
#include <strings.h>

#include "fuzz.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/simulate.h"
#include "tandem/tea.h"

#ifndef TANDEM_FUZZ_COSTS
#error "TANDEM_FUZZ_COSTS: the directory of the shipped cost tables"
#endif

static tdm_scenario *scenario;
static tdm_tea tea;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    tdm_error err;
    if (tdm_scenario_load(TANDEM_FUZZ_COSTS "/base2023.ini", &scenario, &err)) {
        fprintf(stderr, "%s\n", err.msg);
        abort();
    }
    return 0;
}

/* no "nan" or "inf" in a report */
static void
check_report(const char *text, size_t n)
{
    if (fuzz_says_nan(text, n)) {
        fprintf(stderr, "a report shows NaN or Inf:\n%.*s\n", (int)n, text);
        abort();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!scenario) LLVMFuzzerInitialize(NULL, NULL);
    if (size > 16384) return 0; /* the budget: flowsheets of a few dozen units */
    tdm_flowsheet *fs = NULL;
    tdm_error err = {0};
    if (tdm_flowsheet_load_string((const char *)data, size, "fuzz.ini", &fs, &err)) {
        fuzz_check_error(&err, "fuzz.ini");
        return 0;
    }
    tdm_simulation sim;
    tdm_simulation_init(&sim, fs);
    sim.opts.iteration_limit = 20000;
    if (tdm_simulate(&sim, &err) == 0) {
        char *text = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&text, &n);
        if (!f) {
            tdm_simulation_free(&sim);
            tdm_flowsheet_free(fs);
        }
        FUZZ_NEED(f);
        for (int fmt = TDM_FMT_TEXT; fmt <= TDM_FMT_MARKDOWN; fmt++)
            tdm_report_solve(f, (enum tdm_format)fmt, sim.results);
        if (tdm_tea_evaluate(sim.results, scenario, &tea, &err) == 0)
            for (int fmt = TDM_FMT_TEXT; fmt <= TDM_FMT_JSON; fmt++)
                tdm_report_cost(f, (enum tdm_format)fmt, sim.results, &tea);
        else
            fuzz_check_error(&err, err.msg[0] == '/' ? "/" : "fuzz.ini");
        fclose(f);
        /* a title or a name may say "inf" itself: then the report may echo it */
        bool echoes = false;
        for (size_t i = 0; i + 3 <= size && !echoes; i++)
            echoes = !strncasecmp((const char *)data + i, "nan", 3) ||
                     !strncasecmp((const char *)data + i, "inf", 3);
        if (!echoes) check_report(text, n);
        free(text);
    } else {
        fuzz_check_error(&err, "fuzz.ini");
        /* every unit conserves atoms and energy by construction: a balance that does not
         * close, with flows well within double precision, is a bug, found (one whose flows
         * span more than 10 orders of magnitude is told as arithmetic) */
        if (strstr(err.msg, "a fault of tandem's")) {
            fprintf(stderr, "%s\n", err.msg);
            abort();
        }
    }
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    return 0;
}
