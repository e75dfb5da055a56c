#include <stdio.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"

static const char help[] =
    "usage: tandem species [FILE] [--format text|csv|json]\n"
    "\n"
    "Lists the built-in species: formula name, common name, molar mass, standard enthalpy and\n"
    "Gibbs energy of formation at 298.15 K, reference phase, electrons per molecule (relative\n"
    "to CO2, H2O and N2), normal boiling point, heat capacity at 25 C, and the source of the\n"
    "values. With FILE, also the species the flowsheet defines in [species.NAME] sections.\n";

int
cmd_species(int argc, char **argv)
{
    cli_args a;
    int rc = cli_start(argc, argv, "f", help, 0, 1, &a);
    if (rc >= 0) return rc;
    tdm_flowsheet *fs = NULL;
    if (a.nfiles == 1 && (rc = cli_load(&a, &fs))) return rc;
    int status = 0;
    CLI_WRITE(status, NULL, tdm_report_species(f, (enum tdm_format)a.format, fs));
    tdm_flowsheet_free(fs);
    return status;
}
