/* args.h (private): the few options the commands share. */
#ifndef TANDEM_ARGS_H
#define TANDEM_ARGS_H

#include <stdbool.h>

#include "tandem/error.h"

/* ARGS_MAX_FILES: the most flowsheets one `compare` takes; `merge` takes any number */
enum { ARGS_MAX_FILES = 32, ARGS_MAX_SETS = 64, ARGS_MAX_OWN = 128 };

/* An option of one command's own, beside the shared ones its row names by letter: `--name V`
 * or `--name=V` when it takes a value, else `--name` alone. It may be given more than once;
 * the command reads the last (cli_args_opt) or each in turn (own[]). */
typedef struct cli_option {
    const char *name; /* "--chart" */
    bool value;
} cli_option;

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
    struct {
        const char *name, *value; /* value "" for an option that takes none */
    } own[ARGS_MAX_OWN];          /* the command's own options, in the order given */
    int nown;
} cli_args;

/* Parses argv[1..] (argv[0] is the command). allow: which shared options the command takes,
 * a string of letters: f format (text, CSV, JSON; m: Markdown too), o output, s set, l layout,
 * c scenario, r report; options: its own (ending with a NULL name; they are matched first).
 * Returns 0, or 2 after printing why. */
int cli_args_parse(int argc, char **argv, const char *allow, const cli_option *options,
                   cli_args *a);
/* The value of the command's own option `name` given last; NULL when it was not given. */
const char *cli_args_opt(const cli_args *a, const char *name);

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

#endif
