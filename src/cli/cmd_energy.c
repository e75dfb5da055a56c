/* tandem energy: where a plant's electricity and heat go. */
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "cli.h"
#include "tandem/flowsheet.h"
#include "tandem/report.h"
#include "tandem/simulate.h"

static const char help[] =
    "usage: tandem energy FILE [--format text|csv] [-o FILE] [--chart F.svg] [--set U.K=V]...\n"
    "\n"
    "Where the plant's energy goes, in MW and per tonne of main product: the electricity\n"
    "and heat each kind of unit takes, against the enthalpy the products carry above the\n"
    "feeds (the reaction enthalpy), the heat each kind of unit rejects (in electrolyzers,\n"
    "their overpotentials and side reactions; separations reject their work as heat) and the\n"
    "sensible heat of the streams that leave warm. The two sides balance, as the energy\n"
    "balance of every unit closes. --chart draws them as bars (SVG).\n"
    "\n"
    "exit status: 0 done; 1 the flowsheet cannot be solved; 2 bad input\n";

int
cmd_energy(int argc, char **argv)
{
    const char *chart = NULL;
    for (int i = 1; i < argc; i++) {
        size_t n = strlen("--chart");
        if (strncmp(argv[i], "--chart", n) || (argv[i][n] && argv[i][n] != '=')) continue;
        chart = argv[i][n] == '=' ? argv[i] + n + 1 : i + 1 < argc ? argv[i + 1] : NULL;
        int drop = argv[i][n] == '=' ? 1 : 2;
        if (!chart) {
            fprintf(stderr, "tandem energy: --chart needs a file\n");
            return 2;
        }
        for (int j = i; j + drop <= argc; j++)
            argv[j] = argv[j + drop];
        argc -= drop;
        i--;
    }
    cli_args a;
    tdm_flowsheet *fs;
    tdm_simulation sim;
    int rc = cli_start_solving(argc, argv, "fJos", help, &a, &fs, &sim);
    if (rc >= 0) return rc;
    tdm_error err;
    int status = 0;
    if (tdm_simulate(&sim, &err)) {
        status = cli_fail(&err);
    } else if (chart && tdm_report_energy_chart(chart, sim.results, &err)) {
        status = cli_fail(&err);
    } else {
        CLI_WRITE(status, a.output, tdm_report_energy(f, (enum tdm_format)a.format, sim.results));
    }
    tdm_simulation_free(&sim);
    tdm_flowsheet_free(fs);
    return status;
}
