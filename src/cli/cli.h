/* cli.h (private): the commands of the tandem tool. Each returns the exit status:
 * 0 ok, 1 a solve or check failed, 2 bad input or usage. */
#ifndef TANDEM_CLI_H
#define TANDEM_CLI_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

#include "args.h"
#include "tandem/error.h"
#include "tandem/simulate.h"

/* What a command needs made ready before its body runs (its row in commands.def). */
enum cli_needs {
    CLI_FLOWSHEET = 1 << 0,         /* its first file loaded and every --set of a unit applied
                                     * (cli_load); with no file named (min_files 0), none */
    CLI_SCENARIO = 1 << 1,          /* the cost scenario loaded and every --set scenario.* applied;
                                     * none found is an error */
    CLI_SCENARIO_IF_FOUND = 1 << 2, /* the same, but a scenario found nowhere leaves sc NULL
                                     * and the reason in scenario_why (a --set of it that does
                                     * not hold is still an error) */
    CLI_SIMULATION = 1 << 3,        /* a simulation of the flowsheet, ready to run */
};

/* A command's run: its options and what its row asked for, made ready by cli_run_begin and
 * freed by cli_run_end. */
typedef struct cli_run {
    cli_args a;
    struct tdm_flowsheet *fs;
    struct tdm_scenario *sc;
    tdm_error scenario_why; /* CLI_SCENARIO_IF_FOUND with none found: why */
    tdm_simulation sim;
    bool sim_ready;
} cli_run;

/* A command: its name, its line in `tandem --help` (synopsis and summary), the shared
 * options it takes (args.h's letters) and its own, how many files it takes, what it needs,
 * its --help text and its body. commands.def holds the rows, commands.c the table and the
 * start-up every command shares. */
typedef struct cli_command {
    const char *name, *synopsis, *summary, *shared;
    int min_files, max_files;
    unsigned needs; /* enum cli_needs */
    const char *help;
    void (*help_list)(FILE *f); /* what --help lists from a table after the text; NULL: none */
    const cli_option *options;
    int (*run)(cli_run *r);
} cli_command;
extern const cli_command cli_commands[]; /* ends with a row of NULLs */
const cli_command *cli_command_find(const char *name);
/* `tandem --help`, the commands listed from the table. */
void cli_usage(FILE *f);
/* The start-up of every command, argv[0] its name: its options parsed, --help answered, the
 * number of files checked, and what its row needs made ready. -1 to go on to the body, else
 * the exit status (everything freed). */
int cli_run_begin(const cli_command *c, int argc, char **argv, cli_run *r);
void cli_run_end(cli_run *r);
/* cli_run_begin, the body, cli_run_end: the exit status. */
int cli_command_run(const cli_command *c, int argc, char **argv);
/* optimize's --help: the objectives, from their table (tandem/objectives.def). */
void cli_optimize_objectives(FILE *f);
/* Each row of commands.def: the body, its --help and its own options, in cmd_NAME.c. */
#define TDM_COMMAND(name, ...)                                                                     \
    int cmd_##name(cli_run *r);                                                                    \
    extern const char cmd_##name##_help[];                                                         \
    extern const cli_option cmd_##name##_options[];
#include "commands.def"
#undef TDM_COMMAND

/* Draws DOT text with Graphviz's `dot` (format "svg" or "png") into memory: *out (malloc'ed,
 * NUL-terminated) of *outlen bytes. 0, or 2 with why filled. */
int cli_render(const char *dot_text, size_t len, const char *format, char **out, size_t *outlen,
               char *why, size_t whylen);
/* The page of `tandem serve`. */
extern const char cli_serve_page[];

/* tandem mc, with its samples split between the ranks of an MPI run (tandem-mpi): rank r
 * of size computes slice r, and gather() joins the slices on rank 0 (replacing mc's arrays
 * with the whole run's); only rank 0 reports. split NULL: one process. */
struct tdm_mc;
typedef struct cli_mc_split {
    int rank, size;
    int (*gather)(struct tdm_mc *mc, void *ctx);
    void *ctx;
} cli_mc_split;
int cli_mc(cli_run *r, const cli_mc_split *split);

/* A document written only when complete: to a file through its temporary name (so a large
 * one is not held in memory) and renamed into place, or built in memory and then written to
 * standard output. A failed write, a full disk or memory that runs out is an error: nothing
 * reaches the output. A file that is one of the run's inputs is refused. */
typedef struct cli_out {
    FILE *f;
    const char *path; /* NULL: standard output */
    char tmp[PATH_MAX + 32];
    char *buf; /* standard output's document */
    size_t len, cap;
    bool failed, refused;
} cli_out;

/* NULL after saying why (refused, or the file cannot be made). */
FILE *cli_out_begin(cli_out *o, const char *path);
int cli_out_commit(cli_out *o); /* returns the exit status */
void cli_out_abort(cli_out *o);
/* A writer failed: says why (memory, a full disk, a file too large), aborts, returns 2. */
int cli_out_fail(cli_out *o);

/* Writes one document through cli_out: `call` fills the FILE *f it names (0 when done);
 * status gets the exit status. The document reaches path (or stdout) only when complete. */
#define CLI_WRITE(status, path, call)                                                              \
    do {                                                                                           \
        cli_out out_;                                                                              \
        FILE *f = cli_out_begin(&out_, (path));                                                    \
        if (!f) {                                                                                  \
            (status) = 2;                                                                          \
        } else if (call) {                                                                         \
            (status) = cli_out_fail(&out_);                                                        \
        } else {                                                                                   \
            (status) = cli_out_commit(&out_);                                                      \
        }                                                                                          \
    } while (0)

/* GLPK's errors end the run cleanly (a message, temporary files removed, exit 2) instead of
 * abort(); its text is silenced; $TANDEM_GLPK_MB limits its memory. 0, or 2 after saying
 * that $TANDEM_GLPK_MB is not a number. */
int cli_glpk_guard(void);
/* The same in another thread of the run (a study's job), saying nothing. */
void cli_glpk_thread(void);

/* Prints err to stderr and returns its exit status (1 for a failed solve, else 2). */
int cli_fail(const tdm_error *err);
/* The same for a failure of `--set SET`: says that the value came from it. */
int cli_fail_set(const tdm_error *err, const char *set);
/* "--set unit.key=value": applies it to the flowsheet before the solve. */
struct tdm_flowsheet;
int cli_apply_set(struct tdm_flowsheet *fs, const char *arg, tdm_error *err);

/* `tandem serve`'s server (cmd_serve.c): serves fs, priced in sc (NULL: no cost figures), on
 * 127.0.0.1:port (0: a free port, told in *bound) from a thread of libmicrohttpd's, until
 * cli_serve_stop. NULL when it cannot, having said why on stderr, with the exit status in
 * *status. fs and sc stay the caller's. tests/fuzz/fuzz_serve.c sends it requests. */
struct tdm_scenario;
typedef struct cli_server cli_server;
cli_server *cli_serve_start(struct tdm_flowsheet *fs, struct tdm_scenario *sc, unsigned port,
                            unsigned *bound, int *status);
void cli_serve_stop(cli_server *srv);

#endif
