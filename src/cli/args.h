/* args.h (private): the few options the commands share. */
#ifndef TANDEM_ARGS_H
#define TANDEM_ARGS_H

#include <stdbool.h>

#include "tandem/error.h"

/* ARGS_MAX_FILES: the most flowsheets one `compare` takes; `merge` takes any number */
enum { ARGS_MAX_FILES = 32, ARGS_MAX_SETS = 64 };

typedef struct cli_args {
    const char *const *files; /* the command line's file names, in order (kept in argv) */
    int nfiles;
    const char *sets[ARGS_MAX_SETS];
    int nsets;
    int format;           /* enum tdm_format */
    int layout;           /* enum tdm_layout */
    const char *output;   /* NULL: stdout */
    const char *scenario; /* --scenario PATH */
    const char *report;   /* --report DIR */
    const char *command;  /* argv[0]: "cost" */
    bool priced;          /* the command takes --scenario (and --set scenario.key=value) */
    bool help;
} cli_args;

/* Parses argv[1..] (argv[0] is the command). allow: which options the command takes, a
 * string of letters: f format (m: markdown too; J: no JSON), o output, s set, l layout, c scenario,
 * r report. Returns 0, or 2 after printing why. */
int cli_args_parse(int argc, char **argv, const char *allow, cli_args *a);

/* The common start of a command: parse options, answer --help, and check that between
 * min_files and max_files files were named. Returns -1 to go on, else the exit status. */
int cli_start(int argc, char **argv, const char *allow, const char *help, int min_files,
              int max_files, cli_args *a);

/* Loads the command's first file and applies its --set options. Returns 0, or the exit
 * status after printing the error. */
struct tdm_flowsheet;
int cli_load(const cli_args *a, struct tdm_flowsheet **fs);

/* Applies the run's `--set unit.key=value` to fs (loaded again, say): 0, or fills err with
 * *bad the --set at fault. */
int cli_load_sets(const cli_args *a, struct tdm_flowsheet *fs, tdm_error *err, const char **bad);

/* The cost scenario of the run: --scenario, else the one tdm_scenario_locate finds, with
 * the run's `--set scenario.key=value` applied. Returns 0, or fills err; *bad_set is then
 * the --set at fault, or NULL. A scenario found nowhere says to give one with --scenario. */
struct tdm_scenario;
int cli_scenario_load(const cli_args *a, const struct tdm_flowsheet *fs, struct tdm_scenario **sc,
                      tdm_error *err, const char **bad_set);
/* The same, printing the error: 0, or the exit status. */
int cli_scenario(const cli_args *a, const struct tdm_flowsheet *fs, struct tdm_scenario **sc);

/* The start of a command that solves one flowsheet: cli_start (one file), cli_load, and
 * the simulation made ready (not yet run). Returns -1 to go on, else the exit status. */
struct tdm_simulation;
int cli_start_solving(int argc, char **argv, const char *allow, const char *help, cli_args *a,
                      struct tdm_flowsheet **fs, struct tdm_simulation *sim);

#endif
