/* The commands of `tandem`, from commands.def: a command is its file (cmd_NAME.c, with its
 * body `int cmd_NAME(cli_run *r)`, its --help text and its own options) and its row there;
 * `tandem --help`, the manual page (make_man.sh reads that help), the dispatch in main.c
 * and every command's start-up are made from the table. */
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/tea.h"

const cli_command cli_commands[] = {
#define TDM_COMMAND(name, synopsis, summary, shared, min_files, max_files, needs, help_list)       \
    {#name,     synopsis, summary,           shared,    min_files,                                 \
     max_files, needs,    cmd_##name##_help, help_list, cmd_##name##_options,                      \
     cmd_##name},
#include "commands.def"
#undef TDM_COMMAND
    {0},
};

static void
help(const cli_command *c, FILE *f)
{
    fputs(c->help, f);
    if (c->help_list) c->help_list(f);
}

int
cli_run_begin(const cli_command *c, int argc, char **argv, cli_run *r)
{
    memset(r, 0, sizeof *r);
    cli_args *a = &r->a;
    if (cli_args_parse(argc, argv, c->shared, c->options, a)) return 2;
    if (a->help) {
        help(c, stdout);
        return 0;
    }
    if (a->nfiles > c->max_files && c->max_files > 1) {
        fprintf(stderr, "tandem %s: too many files (at most %d)\n", argv[0], c->max_files);
        return 2;
    }
    if (a->nfiles < c->min_files || a->nfiles > c->max_files) {
        help(c, stderr);
        return 2;
    }
    int rc;
    if ((c->needs & CLI_FLOWSHEET) && a->nfiles > 0 && (rc = cli_load(a, &r->fs))) return rc;
    if (c->needs & CLI_SCENARIO) {
        if ((rc = cli_scenario(a, r->fs, &r->sc))) {
            cli_run_end(r);
            return rc;
        }
    } else if (c->needs & CLI_SCENARIO_IF_FOUND) {
        const char *bad;
        if (cli_scenario_load(a, r->fs, &r->sc, &r->scenario_why, &bad) && bad) {
            cli_run_end(r);
            return cli_fail_set(&r->scenario_why, bad);
        }
        if (r->sc) tdm_error_clear(&r->scenario_why);
    }
    if ((c->needs & CLI_SIMULATION) && r->fs) {
        tdm_simulation_init(&r->sim, r->fs);
        r->sim_ready = true;
    }
    return -1;
}

void
cli_run_end(cli_run *r)
{
    if (r->sim_ready) tdm_simulation_free(&r->sim);
    r->sim_ready = false;
    tdm_scenario_free(r->sc);
    r->sc = NULL;
    tdm_flowsheet_free(r->fs);
    r->fs = NULL;
}

int
cli_command_run(const cli_command *c, int argc, char **argv)
{
    cli_run *r = calloc(1, sizeof *r);
    if (!r) {
        fprintf(stderr, "tandem: out of memory\n");
        return 2;
    }
    int rc = cli_run_begin(c, argc, argv, r);
    if (rc < 0) {
        rc = c->run(r);
        cli_run_end(r);
    }
    free(r);
    return rc;
}

const cli_command *
cli_command_find(const char *name)
{
    for (const cli_command *c = cli_commands; c->name; c++)
        if (!strcmp(c->name, name)) return c;
    return NULL;
}

void
cli_usage(FILE *f)
{
    fputs("usage: tandem COMMAND [options] [FILE...]\n"
          "\n"
          "Flowsheets of tandem (cascade) reactor systems: mass and energy balances solved as\n"
          "one linear model (GLPK), from an INI flowsheet file, and priced with CSV cost data.\n"
          "\n"
          "commands:\n",
          f);
    for (const cli_command *c = cli_commands; c->name; c++)
        fprintf(f, "  %-22s%s\n", c->synopsis, c->summary);
    fputs("\n"
          "options:\n"
          "  -h, --help            this help; `tandem COMMAND --help` for a command\n"
          "  --version             print the version and the data directory in use\n"
          "\n"
          "exit status: 0 ok, 1 the flowsheet cannot be solved or a check failed, 2 bad input\n",
          f);
}
