/* study_args.h (private): what sweep, tornado and mc share on the command line. */
#ifndef TANDEM_STUDY_ARGS_H
#define TANDEM_STUDY_ARGS_H

#include "args.h"
#include "tandem/study.h"
#include "tandem/tea.h"

typedef struct cli_study {
    const char *outputs[TDM_STUDY_MAX_OUTPUTS];
    int nout;
    char outbuf[1024];
    const char *chart;
    bool defaulted; /* no --output: the command's defaults, and the varied cells' own */
} cli_study;

/* Takes `--output K[,K...]` (repeatable) and `--chart F.svg` out of argv (they may appear
 * anywhere); defaults: the given outputs. Returns 0, or 2 after printing why. */
int cli_study_take(int *argc, char **argv, const char *cmd, cli_study *s,
                   const char *const *defaults, int ndefaults);
/* A value `LO..HI[:N]` of --vary: numbers in the parameter's unit. */
int cli_study_range(const tdm_param *p, const char *text, double *lo, double *hi, int *n, char *why,
                    size_t whylen);
/* Whether n samples of np parameters and nout outputs fit in this machine's memory (with
 * a fifth to spare); 2 after saying so when they do not. */
int cli_study_memory(const char *cmd, long n, int np, int nout);
/* Loads the cost scenario (for cost outputs and scenario.* parameters). A study that needs
 * no costs runs without one: on failure *sc is NULL and *why keeps the reason, which
 * cli_study_fail prints when the study turns out to need the scenario after all. A
 * `--set scenario.key=value` that does not hold is printed at once: returns its exit
 * status, else 0. */
int cli_study_scenario(const cli_args *a, const tdm_flowsheet *fs, tdm_scenario **sc,
                       tdm_error *why);
int cli_study_fail(const tdm_error *err, const tdm_scenario *sc, const tdm_error *why);
/* The uncertain parameters: of the CSV `params`, or of the flowsheet's [uncertainty]
 * section; none is an error. Returns 0 or the exit status after printing why. */
int cli_study_params(const char *params, const tdm_flowsheet *fs, const tdm_scenario *sc,
                     const tdm_error *scwhy, tdm_param *ps, int *np);

#endif
