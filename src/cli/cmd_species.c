#include <stdio.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"

const char cmd_species_help[] =
    "usage: tandem species [FILE] [--format text|csv|json]\n"
    "\n"
    "Lists the built-in species: formula name, common name, molar mass, standard enthalpy and\n"
    "Gibbs energy of formation at 298.15 K, reference phase, electrons per molecule (relative\n"
    "to CO2, H2O and N2), normal boiling point, heat capacity at 25 C, and the source of the\n"
    "values. With FILE, also the species the flowsheet defines in [species.NAME] sections.\n";

const cli_option cmd_species_options[] = {NULL};

int
cmd_species(cli_run *r)
{
    int status = 0;
    CLI_WRITE(status, NULL, tdm_report_species(f, (enum tdm_format)r->a.format, r->fs));
    return status;
}
