/* The commands of `tandem`: one row each. A command is its file (cmd_NAME.c, with its
 * `int cmd_NAME(int argc, char **argv)` and its own --help) and its row here; `tandem
 * --help`, the manual page (make_man.sh reads that help) and the dispatch in main.c are
 * made from this table. */
#include <stddef.h>
#include <string.h>

#include "cli.h"

const cli_command cli_commands[] = {
    {"solve", "solve FILE", "solve a flowsheet; print streams, units and the plant summary",
     cmd_solve},
    {"check", "check FILE", "degree-of-freedom analysis: what is specified, what is missing",
     cmd_check},
    {"explain", "explain FILE [UNIT]",
     "each unit's equations with the file's numbers and their values", cmd_explain},
    {"diagram", "diagram FILE", "the flowsheet as a Graphviz diagram (DOT, or SVG/PNG with dot)",
     cmd_diagram},
    {"energy", "energy FILE", "where the electricity and heat go (--chart for bars)", cmd_energy},
    {"serve", "serve FILE", "a local web page: parameters as sliders, figures that follow",
     cmd_serve},
    {"compare", "compare FILE FILE...",
     "solve several flowsheets and show their summaries side by side", cmd_compare},
    {"cost", "cost FILE", "price a flowsheet: capital, operating cost, levelized cost, NPV",
     cmd_cost},
    {"heat", "heat FILE", "heat integration: minimum utilities, pinch, composite curves", cmd_heat},
    {"optimize", "optimize FILE", "how to run it: released specifications, limits, shadow prices",
     cmd_optimize},
    {"sweep", "sweep FILE", "a grid over one or two parameters (--vary unit.key=LO..HI:N)",
     cmd_sweep},
    {"tornado", "tornado FILE", "each uncertain parameter at its low and high value", cmd_tornado},
    {"mc", "mc FILE", "Monte Carlo over the [uncertainty] distributions (--shard k/n)", cmd_mc},
    {"merge", "merge FILE...", "join Monte Carlo shards into the unsplit result", cmd_merge},
    {"species", "species", "the built-in species with their data and sources", cmd_species},
    {"kinds", "kinds [KIND]", "the unit kinds and the keys each accepts", cmd_kinds},
    {"catalysts", "catalysts [ID]", "the seed review's cascade catalysts, usable as presets",
     cmd_catalysts},
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
