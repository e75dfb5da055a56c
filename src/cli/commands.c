/* The commands of `tandem`, from commands.def: a command is its file (cmd_NAME.c, with its
 * `int cmd_NAME(int argc, char **argv)` and its own --help) and its row there; `tandem
 * --help`, the manual page (make_man.sh reads that help) and the dispatch in main.c are
 * made from the table. */
#include <stddef.h>
#include <string.h>

#include "cli.h"

const cli_command cli_commands[] = {
#define TDM_COMMAND(name, synopsis, summary) {#name, synopsis, summary, cmd_##name},
#include "commands.def"
#undef TDM_COMMAND
    {NULL, NULL, NULL, NULL},
};

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
