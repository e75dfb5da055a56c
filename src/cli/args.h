/* args.h (private): the few options the commands share. */
#ifndef TANDEM_ARGS_H
#define TANDEM_ARGS_H

#include <stdbool.h>

enum { ARGS_MAX_FILES = 32, ARGS_MAX_SETS = 64 };

typedef struct cli_args {
    const char *files[ARGS_MAX_FILES];
    int nfiles;
    const char *sets[ARGS_MAX_SETS];
    int nsets;
    int format;         /* enum tdm_format */
    const char *output; /* NULL: stdout */
    bool help;
} cli_args;

/* Parses argv[1..] (argv[0] is the command). allow: which options the command takes, a
 * string of letters: f format, o output, s set. Returns 0, or 2 after printing why. */
int cli_args_parse(int argc, char **argv, const char *allow, cli_args *a);

#endif
