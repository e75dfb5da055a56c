#include <stdio.h>

#include "args.h"
#include "cli.h"
#include "tandem/report.h"

static const char help[] =
    "usage: tandem species [--format text|csv|json]\n"
    "\n"
    "Lists the built-in species: formula name, common name, molar mass, standard enthalpy and\n"
    "Gibbs energy of formation at 298.15 K, standard phase, electrons per molecule (relative\n"
    "to CO2, H2O and N2), normal boiling point, and the source of the values.\n";

int
cmd_species(int argc, char **argv)
{
    cli_args a;
    int rc = cli_start(argc, argv, "f", help, 0, 0, &a);
    if (rc >= 0) return rc;
    cli_out out;
    FILE *f = cli_out_begin(&out);
    if (!f || tdm_report_species(f, (enum tdm_format)a.format)) {
        if (f) cli_out_abort(&out);
        return 2;
    }
    return cli_out_commit(&out, NULL);
}
