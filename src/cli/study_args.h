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

/* The study's own options of the run: `--output K[,K...]` (each given) and `--chart F.svg`
 * (CLI_STUDY_OPTIONS: put them in the command's options); defaults: the given outputs.
 * Returns 0, or 2 after printing why. */
#define CLI_STUDY_OPTIONS                                                                          \
    {"--output", true},                                                                            \
    {                                                                                              \
        "--chart", true                                                                            \
    }
int cli_study_take(const cli_args *a, cli_study *s, const char *const *defaults, int ndefaults);
/* A value `LO..HI[:N]` of --vary: numbers in the parameter's unit. */
int cli_study_range(const tdm_param *p, const char *text, double *lo, double *hi, int *n, char *why,
                    size_t whylen);
/* Whether n samples of np parameters and nout outputs fit in this machine's memory (with
 * a fifth to spare); 2 after saying so when they do not. */
int cli_study_memory(const char *cmd, long n, int np, int nout);
/* A study's failure: a study needs no cost scenario until it asks for a cost figure or a
 * scenario.* parameter (its row's CLI_SCENARIO_IF_FOUND); then the reason none was found
 * (why) is what is printed. Returns the exit status. */
int cli_study_fail(const tdm_error *err, const tdm_scenario *sc, const tdm_error *why);
/* The uncertain parameters: of the CSV `params`, or of the flowsheet's [uncertainty]
 * section; none is an error. Returns 0 or the exit status after printing why. */
int cli_study_params(const char *params, const tdm_flowsheet *fs, const tdm_scenario *sc,
                     const tdm_error *scwhy, tdm_param *ps, int *np);

/* A study's points shared among jobs (--jobs N, tdm_jobs_run): job 0 is the run's own
 * study, opened already in this thread on the run's flowsheet and scenario; each other job
 * loads them again in its own thread, with the run's --set applied, opens its study as job
 * 0's was (open) and takes its part of the points (work). */
typedef struct cli_job {
    int k, njobs; /* job k of njobs */
    struct tdm_flowsheet *fs;
    struct tdm_scenario *sc;
    tdm_param *ps; /* TDM_STUDY_MAX_PARAMS of them */
    int np;
    tdm_study *st;
    tdm_error err;
} cli_job;
typedef struct cli_jobs {
    const cli_args *a;
    int n;
    cli_job *main; /* job 0 */
    /* opens job j's parameters and study on its fs and sc; 0, or -1 with j->err */
    int (*open)(cli_job *j, void *ctx);
    /* solves job j's part of the points; 0, or -1 with j->err (a point that cannot be solved is
     * a NaN, not a failure) */
    int (*work)(cli_job *j, void *ctx);
    void *ctx;
} cli_jobs;
/* --jobs N, else as many jobs as cores, each with at least `least` of the `points`; one
 * when the flowsheet is no regular file (a pipe is read once). 0, or 2 after saying why. */
#define CLI_JOBS_OPTION                                                                            \
    {                                                                                              \
        "--jobs", true                                                                             \
    }
int cli_jobs_count(const cli_args *a, long points, long least, int *n);
/* What an open hook does for a job, as the command did for job 0, saying nothing (0, or -1
 * with j->err): the uncertain parameters of the CSV `params`, or of the [uncertainty]
 * section; the study of s's first nout outputs, with the varied cells' own when s was
 * defaulted and follow is asked (closed again when it fails). */
int cli_job_params(cli_job *j, const char *params);
int cli_job_study(cli_job *j, const cli_study *s, int nout, bool follow);
/* Runs the jobs: 0, or -1 with *err the error of the lowest-numbered job that failed. */
int cli_jobs_run(const cli_jobs *j, tdm_error *err);

#endif
